/** Every contributed command, registered in one place through the shared error handling. */
import type * as vscode from 'vscode';
import { AnswerEditors } from './answer/answerEditors';
import { TaskAnswers } from './answer/answerTask';
import { claimNextTask } from './claimNextTask';
import type { CommandContext } from './commandContext';
import { selectProfile, selectRegion, setEndpoint } from './connectionCommands';
import { clearFilter, filterTasks } from './filterTasks';
import { registerCommand } from './registerCommand';
import { startSandbox, stopSandbox } from './sandboxCommands';
import { selectDomain } from './selectDomain';
import { showExecutionHistory } from './showExecutionHistory';
import type { LoadMoreNode } from '../tree/treeItems';

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  const editors = new AnswerEditors();
  const answers = new TaskAnswers(ctx, editors);
  return [
    editors,
    registerCommand(ctx, 'swfTasks.refresh', (c) => c.tree.refresh()),
    registerCommand(ctx, 'swfTasks.filter', filterTasks),
    registerCommand(ctx, 'swfTasks.clearFilter', clearFilter),
    registerCommand(ctx, 'swfTasks.loadMore', (c, node) => c.tree.loadMore(node as LoadMoreNode)),
    registerCommand(ctx, 'swfTasks.selectDomain', selectDomain),
    registerCommand(ctx, 'swfTasks.selectProfile', selectProfile),
    registerCommand(ctx, 'swfTasks.selectRegion', selectRegion),
    registerCommand(ctx, 'swfTasks.setEndpoint', setEndpoint),
    registerCommand(ctx, 'swfTasks.claimNextTask', claimNextTask),
    registerCommand(ctx, 'swfTasks.completeTask', (_c, arg) => answers.answer('complete', arg)),
    registerCommand(ctx, 'swfTasks.failTask', (_c, arg) => answers.answer('fail', arg)),
    registerCommand(ctx, 'swfTasks.cancelTask', (_c, arg) => answers.answer('cancel', arg)),
    registerCommand(ctx, 'swfTasks.submitAnswerEditor', (_c, uri) => editors.submit(uri as vscode.Uri | undefined)),
    registerCommand(ctx, 'swfTasks.showExecutionHistory', showExecutionHistory),
    registerCommand(ctx, 'swfTasks.startSandbox', startSandbox),
    registerCommand(ctx, 'swfTasks.stopSandbox', stopSandbox),
    registerCommand(ctx, 'swfTasks.showLog', (c) => c.log.show()),
  ];
}
