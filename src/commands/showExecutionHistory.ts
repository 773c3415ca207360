/**
 * Show Execution History: logs every event of an execution to the output
 * channel, page by page (long histories have up to 25,000 events), under a
 * cancellable progress notification.
 */
import * as vscode from 'vscode';
import type { WorkflowExecution } from '@aws-sdk/client-swf';
import { formatHistoryEvent } from '../swf/historyFormat';
import type { CommandContext } from './commandContext';
import { isTaskRow } from '../tree/taskGroups';

export async function showExecutionHistory(ctx: CommandContext, arg?: unknown): Promise<number | undefined> {
  const domain = isTaskRow(arg) ? arg.domain : ctx.session.domain;
  const execution = isTaskRow(arg) ? { workflowId: arg.task.workflowId, runId: arg.task.runId } : await pickExecution(ctx);
  if (!domain || !execution?.workflowId) return undefined;

  const gateway = await ctx.session.getGateway();
  ctx.log.show(true);
  ctx.log.info(`History of ${execution.workflowId} (run ${execution.runId}) in ${domain}:`);
  let count = 0;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Reading the history of ${execution.workflowId}`, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      for await (const page of gateway.historyPages(domain, execution, { reverseOrder: false, signal: abort.signal })) {
        for (const event of page) ctx.log.info(`  ${formatHistoryEvent(event)}`);
        count += page.length;
        progress.report({ message: `${count.toLocaleString('en-US')} events` });
      }
    },
  );
  ctx.log.info(`${count} events in the history of ${execution.workflowId}.`);
  return count;
}

/** From the palette: one of the domain's open executions (as last read), or a typed workflow ID and run ID. */
async function pickExecution(ctx: CommandContext): Promise<WorkflowExecution | undefined> {
  await ctx.tree.refresh();
  const openTasks = new Map<string, number>();
  for (const row of ctx.tree.current?.groups.flatMap((g) => g.tasks) ?? []) {
    const key = `${row.task.workflowId}/${row.task.runId}`;
    openTasks.set(key, (openTasks.get(key) ?? 0) + 1);
  }
  const items = ctx.tree.executions.map((e) => {
    const tasks = openTasks.get(`${e.workflowId}/${e.runId}`) ?? 0;
    const type = e.workflowType ? `${e.workflowType.name} ${e.workflowType.version}` : '';
    return { label: e.workflowId, description: [type, `${tasks} open task${tasks === 1 ? '' : 's'}`].filter(Boolean).join(' · '), detail: `run ${e.runId}`, execution: e as WorkflowExecution | undefined };
  });
  const typed = { label: '$(edit) Enter a workflow ID and run ID…', description: 'a closed execution, or one not read yet', execution: undefined };
  const picked = await vscode.window.showQuickPick([...items, typed], { title: 'Show Execution History', placeHolder: 'Pick an open execution', matchOnDescription: true, matchOnDetail: true });
  if (!picked) return undefined;
  if (picked.execution) return { workflowId: picked.execution.workflowId, runId: picked.execution.runId };
  const workflowId = await vscode.window.showInputBox({ title: 'Workflow ID', ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : 'Enter a workflow ID') });
  if (!workflowId) return undefined;
  const runId = await vscode.window.showInputBox({ title: 'Run ID', ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : 'Enter the run ID') });
  return runId ? { workflowId: workflowId.trim(), runId: runId.trim() } : undefined;
}
