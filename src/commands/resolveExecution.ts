/**
 * Where an execution command acts: the execution of the node it was given
 * (a task row, or an execution passed by the execution panel), on that
 * node's own root; from the Command Palette, an open execution of a root the
 * person picks, or a typed workflow ID and run ID (a closed execution, or
 * one not read yet).
 */
import * as vscode from 'vscode';
import type { RootModel } from '../model/rootModel';
import { executionKey } from '../history/openTasks';
import { type ExecutionTarget, isExecutionTarget, isTaskRow } from '../inbox/taskGroups';
import { problemOf, validateRunId, validateWorkflowId } from '../validation/validation';
import type { CommandContext } from './commandContext';
import { resolveRoot } from './resolveRoot';

export async function resolveExecution(ctx: CommandContext, arg: unknown, title: string): Promise<ExecutionTarget | undefined> {
  if (isExecutionTarget(arg)) return arg;
  if (isTaskRow(arg)) return { kind: 'execution', root: arg.root, workflowId: arg.task.workflowId, runId: arg.task.runId };
  const model = await resolveRoot(ctx, arg, title);
  if (!model) return undefined;
  const picked = await pickExecution(ctx, model, title);
  return picked && { kind: 'execution', root: model.spec, ...picked };
}

/** One of the root's open executions (as last read), or a typed workflow ID and run ID (empty: its latest run). */
async function pickExecution(ctx: CommandContext, model: RootModel, title: string): Promise<{ workflowId: string; runId: string } | undefined> {
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
    return { label: e.workflowId, description: [type, count].filter(Boolean).join(' · '), detail: vscode.l10n.t('run {0}', e.runId), execution: e as { workflowId: string; runId: string } | undefined };
  });
  const typed = { label: `$(edit) ${vscode.l10n.t('Enter a workflow ID (and run ID)…')}`, description: vscode.l10n.t('a closed execution, or one not read yet'), execution: undefined };
  const picked = await vscode.window.showQuickPick([...items, typed], {
    title: `${title}: ${model.label}`,
    placeHolder: vscode.l10n.t('Pick an open execution'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked) return undefined;
  if (picked.execution) return { workflowId: picked.execution.workflowId, runId: picked.execution.runId };
  const workflowId = await vscode.window.showInputBox({ title: vscode.l10n.t('Workflow ID'), ignoreFocusOut: true, validateInput: (v) => problemOf(validateWorkflowId(v)) });
  if (!workflowId) return undefined;
  const runId = await vscode.window.showInputBox({
    title: vscode.l10n.t('Run ID'),
    prompt: vscode.l10n.t('Leave empty for the latest run of {0}', workflowId.trim()),
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? problemOf(validateRunId(v)) : undefined),
  });
  if (runId === undefined) return undefined;
  if (runId.trim()) return { workflowId: workflowId.trim(), runId: runId.trim() };
  return latestRun(ctx, model, workflowId.trim());
}

/** The open run of `workflowId`, or its newest closed one; says so when the domain has neither. */
async function latestRun(ctx: CommandContext, model: RootModel, workflowId: string): Promise<{ workflowId: string; runId: string } | undefined> {
  const gateway = await ctx.connections.gateway(model.spec.connection);
  const run = await gateway.latestRun(model.spec.domain, workflowId);
  if (!run) {
    void vscode.window.showWarningMessage(vscode.l10n.t('No execution with workflow ID {0} in {1}: none is open, and none closed within the domain\'s retention period.', workflowId, model.label));
    return undefined;
  }
  ctx.log.info(`Latest run of ${workflowId} in ${model.label}: ${run.runId} (${run.open ? 'open' : 'closed'}).`);
  return { workflowId, runId: run.runId };
}
