/**
 * Open Execution: the execution panel of the execution a task row belongs to,
 * of an execution target (the panel's own actions pass one), or of one the
 * person picks or types from the Command Palette (closed executions too).
 * The panel itself is a view the command is given, not one it imports.
 */
import * as vscode from 'vscode';
import type { ExecutionTarget } from '../inbox/taskGroups';
import type { CommandContext } from './commandContext';
import { resolveExecution } from './resolveExecution';

/** What the command asks of the execution panels. */
export interface ExecutionPanelOpener {
  show(target: ExecutionTarget): unknown;
}

export async function openExecution(ctx: CommandContext, panels: ExecutionPanelOpener, arg?: unknown): Promise<ExecutionTarget | undefined> {
  const target = await resolveExecution(ctx, arg, vscode.l10n.t('Open Execution'));
  if (!target?.workflowId) return undefined;
  await panels.show(target);
  return target;
}
