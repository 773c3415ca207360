/**
 * Every contributed command, registered in one place through the shared
 * error handling. The table is typed by command id, so a command declared in
 * src/ids.ts cannot be left unregistered (and test/unit/ids.test.ts checks
 * the manifest contributes each one).
 */
import * as vscode from 'vscode';
import { type CommandId, Commands } from '../ids';
import type { LoadMoreNode } from '../tree/treeItems';
import { DraftStore } from '../model/drafts';
import { AnswerEditors } from './answer/answerEditors';
import { TaskAnswers } from './answer/answerTask';
import { claimNextTask } from './claimNextTask';
import type { CommandContext } from './commandContext';
import { clearFilter, filterTasks } from './filterTasks';
import { type CommandHandler, registerCommand } from './registerCommand';
import { revealTask } from './revealTask';
import { addRoot, moveRoot, refresh, removeRoot } from './rootCommands';
import { startSandbox, stopSandbox } from './sandboxCommands';
import { showExecutionHistory } from './showExecutionHistory';
import { WorkflowActions } from './workflowActions';
import { type ExecutionPanelOpener, openExecution } from './openExecution';
import { exportHistory } from './exportHistory';
import { createAnswerServices } from './answer/answerServices';
import { unlinkAllSchemas } from './answer/schemaLinks';
import { saveEditorAsTemplate } from './answer/templateCommands';
import { createResultSchema } from './createResultSchema';
import { registerJournalDocuments, showAnswerJournal } from './showAnswerJournal';
import type { ExecutionTarget } from '../swf/taskGroups';

export function registerCommands(ctx: CommandContext, executionPanels: ExecutionPanelOpener): vscode.Disposable[] {
  const editors = new AnswerEditors();
  const drafts = new DraftStore(ctx.extension.secrets);
  const services = createAnswerServices(ctx.extension, ctx.log);
  const answers = new TaskAnswers(ctx, editors, drafts, services);
  const workflowActions = new WorkflowActions(ctx, editors, drafts, services);
  // No answer editor is open yet: json.schemas entries left by a crashed window go.
  void unlinkAllSchemas().catch((error: unknown) => ctx.log.warn(`Could not clean json.schemas: ${String(error)}`));
  const handlers: Record<CommandId, CommandHandler> = {
    [Commands.addRoot]: addRoot,
    [Commands.removeRoot]: removeRoot,
    [Commands.moveRootUp]: (c, node) => moveRoot(c, node, -1),
    [Commands.moveRootDown]: (c, node) => moveRoot(c, node, 1),
    [Commands.refresh]: refresh,
    [Commands.filter]: filterTasks,
    [Commands.clearFilter]: clearFilter,
    [Commands.loadMore]: loadMore,
    [Commands.claimNextTask]: claimNextTask,
    [Commands.completeTask]: (_c, arg) => answers.answer('complete', arg),
    [Commands.failTask]: (_c, arg) => answers.answer('fail', arg),
    [Commands.cancelTask]: (_c, arg) => answers.answer('cancel', arg),
    [Commands.submitAnswerEditor]: (_c, uri) => editors.submit(uri as vscode.Uri | undefined),
    [Commands.showExecutionHistory]: showExecutionHistory,
    [Commands.startSandbox]: startSandbox,
    [Commands.stopSandbox]: stopSandbox,
    [Commands.showLog]: (c) => c.log.show(),
    [Commands.signalWorkflow]: (_c, arg) => workflowActions.run('signal', arg),
    [Commands.requestCancelWorkflow]: (_c, arg) => workflowActions.run('requestCancel', arg),
    [Commands.terminateWorkflow]: (_c, arg) => workflowActions.run('terminate', arg),
    [Commands.revealTask]: revealTask,
    [Commands.openExecution]: (c, arg) => openExecution(c, executionPanels, arg),
    [Commands.exportHistory]: exportHistory,
    [Commands.createResultSchema]: (c, arg) => createResultSchema(c, services, arg),
    [Commands.saveAsTemplate]: (c, uri) => saveEditorAsTemplate(c, services, editors, uri as vscode.Uri | undefined),
    [Commands.showAnswerJournal]: (_c, filter) => showAnswerJournal(services, typeof filter === 'string' ? filter : undefined),
  };
  return [editors, registerJournalDocuments(services), { dispose: () => void drafts.flush() }, ...Object.entries(handlers).map(([id, handler]) => registerCommand(ctx, id as CommandId, handler))];
}

/** A Load More row: more executions of its root (a read), or more rows of a task list (the view's paging). */
async function loadMore(ctx: CommandContext, node: unknown): Promise<void> {
  if (!isLoadMoreNode(node)) return; // only its row carries it (hidden from the palette)
  if (node.scope === 'executions') await ctx.roots.get(node.rootId)?.refresh(true);
  else ctx.paging.showMoreRows(node);
}

function isLoadMoreNode(value: unknown): value is LoadMoreNode {
  const node = value as Partial<LoadMoreNode> | null;
  return typeof node === 'object' && node !== null && node.kind === 'loadMore' && typeof node.rootId === 'string';
}

const ACTION_COMMANDS = {
  signal: Commands.signalWorkflow,
  requestCancel: Commands.requestCancelWorkflow,
  terminate: Commands.terminateWorkflow,
} as const;

/**
 * The execution panel's Signal, Request Cancel and Terminate buttons: the
 * same commands as the row menu and the palette, given the panel's
 * execution, so they ask nothing about which one.
 */
export async function runWorkflowAction(action: keyof typeof ACTION_COMMANDS, target: ExecutionTarget): Promise<void> {
  await vscode.commands.executeCommand(ACTION_COMMANDS[action], target);
}
