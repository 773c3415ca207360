/**
 * The commands' bodies, by command id. Bundled apart (dist/commands.js, see
 * scripts/esbuild.mjs) and loaded by the first command run, so activation
 * loads none of them; registerCommands.ts registers every id at activation
 * and hands each call to the handler made here.
 */
import * as vscode from 'vscode';
import { type CommandId, Commands } from '../ids';
import { shareL10nBundle } from '../l10nBundle';
import { DraftStore } from '../model/drafts';
import type { LoadMoreNode } from '../tree/treeItems';
import { AnswerEditors } from './answer/answerEditors';
import { TaskAnswers } from './answer/answerTask';
import { claimNextTask } from './claimNextTask';
import type { CommandContext } from './commandContext';
import { exportHistory } from './exportHistory';
import { clearFilter, filterTasks } from './filterTasks';
import { type ExecutionPanelOpener, openExecution } from './openExecution';
import type { CommandHandler } from './registerCommand';
import { revealTask } from './revealTask';
import { addRoot, moveRoot, refresh, removeRoot } from './rootCommands';
import { startSandbox, stopSandbox } from './sandboxCommands';
import { showExecutionHistory } from './showExecutionHistory';
import { WorkflowActions } from './workflowActions';
import { ExecutionSearchCommands } from './searchExecutions';
import { createAnswerServices } from './answer/answerServices';
import { unlinkAllSchemas } from './answer/schemaLinks';
import { saveEditorAsTemplate } from './answer/templateCommands';
import { createResultSchema } from './createResultSchema';
import { registerJournalDocuments, showAnswerJournal } from './showAnswerJournal';

export { disposeSandbox } from './sandboxCommands';

export interface CommandHandlers extends vscode.Disposable {
  readonly handlers: Record<CommandId, CommandHandler>;
}

export function createHandlers(ctx: CommandContext, executionPanels: ExecutionPanelOpener): CommandHandlers {
  shareL10nBundle();
  const editors = new AnswerEditors();
  const drafts = new DraftStore(ctx.extension.secrets, Date.now, {
    // Once per draft: what is typed stays in the box, it just will not survive a window reload.
    onTooLarge: (_id, bytes) =>
      void vscode.window.showWarningMessage(
        vscode.l10n.t('This draft is too large to keep across a window reload ({0} MB); it stays in the box until you send or close it.', (bytes / (1024 * 1024)).toFixed(1)),
      ),
  });
  const services = createAnswerServices(ctx.extension, ctx.log);
  const answers = new TaskAnswers(ctx, editors, drafts, services);
  const workflowActions = new WorkflowActions(ctx, editors, drafts, services);
  // No answer editor is open yet (they are made by these handlers): json.schemas entries left by a crashed window go.
  void unlinkAllSchemas().catch((error: unknown) => ctx.log.warn(`Could not clean json.schemas: ${String(error)}`));
  const journalDocuments = registerJournalDocuments(services);
  const searches = new ExecutionSearchCommands(ctx, ctx.executions, drafts);
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
    [Commands.searchExecutions]: (_c, node) => searches.search(node),
    [Commands.runSavedSearch]: (_c, node) => searches.runSaved(node),
    [Commands.saveSearch]: (_c, node) => searches.save(node),
    [Commands.deleteSavedSearch]: (_c, node) => searches.deleteSaved(node),
    [Commands.loadMoreExecutions]: (_c, node) => searches.loadMore(node),
    [Commands.refreshExecutions]: (_c, node) => searches.refresh(node),
  };
  return {
    handlers,
    dispose() {
      editors.dispose();
      journalDocuments.dispose();
      void drafts.flush();
    },
  };
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
