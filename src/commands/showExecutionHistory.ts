/**
 * Show Execution History: logs every event of an execution to the output
 * channel, page by page (long histories have up to 25,000 events), under a
 * cancellable progress notification. It reads through the connection of the
 * node it was run on: a claimed task's own, even when no root watches it.
 */
import * as vscode from 'vscode';
import type { WorkflowExecution } from '@aws-sdk/client-swf';
import type { RootSpec } from '../connection/connection';
import type { RootModel } from '../model/rootModel';
import { formatHistoryEvent } from '../swf/historyFormat';
import { executionKey } from '../swf/openTasks';
import { isTaskRow } from '../swf/taskGroups';
import type { CommandContext } from './commandContext';
import { resolveRoot } from './resolveRoot';

export async function showExecutionHistory(ctx: CommandContext, arg?: unknown): Promise<number | undefined> {
  let scope: RootSpec | undefined;
  let execution: WorkflowExecution | undefined;
  if (isTaskRow(arg)) {
    scope = arg.root;
    execution = { workflowId: arg.task.workflowId, runId: arg.task.runId };
  } else {
    const model = await resolveRoot(ctx, arg, vscode.l10n.t('Show Execution History'));
    scope = model?.spec;
    execution = model && (await pickExecution(model));
  }
  if (!scope || !execution?.workflowId) return undefined;
  const { domain } = scope;

  const gateway = await ctx.connections.gateway(scope.connection);
  ctx.log.show(true);
  ctx.log.info(`History of ${execution.workflowId} (run ${execution.runId}) in ${domain} on ${gateway.description}:`);
  let count = 0;
  const target = execution;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading the history of {0}', target.workflowId ?? ''), cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      for await (const page of gateway.historyPages(domain, target, { reverseOrder: false, signal: abort.signal })) {
        for (const event of page) ctx.log.info(`  ${formatHistoryEvent(event)}`);
        count += page.length;
        progress.report({ message: vscode.l10n.t('{0} events', count.toLocaleString()) });
      }
    },
  );
  ctx.log.info(`${count} events in the history of ${execution.workflowId}.`);
  return count;
}

/** From the palette: one of the root's open executions (as last read), or a typed workflow ID and run ID. */
async function pickExecution(model: RootModel): Promise<WorkflowExecution | undefined> {
  await model.refresh();
  const openTasks = new Map<string, number>();
  for (const row of model.tree?.groups.flatMap((g) => g.tasks) ?? []) {
    const key = executionKey(row.task);
    openTasks.set(key, (openTasks.get(key) ?? 0) + 1);
  }
  const items = model.executions.map((e) => {
    const tasks = openTasks.get(executionKey(e)) ?? 0;
    const type = e.workflowType ? `${e.workflowType.name} ${e.workflowType.version}` : '';
    const count = tasks === 1 ? vscode.l10n.t('1 open task') : vscode.l10n.t('{0} open tasks', tasks);
    return { label: e.workflowId, description: [type, count].filter(Boolean).join(' · '), detail: vscode.l10n.t('run {0}', e.runId), execution: e as WorkflowExecution | undefined };
  });
  const typed = { label: `$(edit) ${vscode.l10n.t('Enter a workflow ID and run ID…')}`, description: vscode.l10n.t('a closed execution, or one not read yet'), execution: undefined };
  const picked = await vscode.window.showQuickPick([...items, typed], {
    title: vscode.l10n.t('Show Execution History: {0}', model.label),
    placeHolder: vscode.l10n.t('Pick an open execution'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked) return undefined;
  if (picked.execution) return { workflowId: picked.execution.workflowId, runId: picked.execution.runId };
  const workflowId = await vscode.window.showInputBox({ title: vscode.l10n.t('Workflow ID'), ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter a workflow ID')) });
  if (!workflowId) return undefined;
  const runId = await vscode.window.showInputBox({ title: vscode.l10n.t('Run ID'), ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter the run ID')) });
  return runId ? { workflowId: workflowId.trim(), runId: runId.trim() } : undefined;
}
