/**
 * Entry point: wires the session, the tree and the commands together.
 * Nothing here decides anything; see src/swf for the rules and src/commands
 * for what each command does.
 */
import * as vscode from 'vscode';
import { registerCommands } from './commands/registerCommands';
import { disposeSandbox } from './commands/sandboxCommands';
import { keepClaimedTasksAlive } from './session/claimHeartbeats';
import { SwfSession } from './session/session';
import { TasksTreeProvider, VIEW_ID } from './tree/tasksTreeProvider';
import type { TasksNode } from './tree/treeItems';

/** What tests (and other extensions) get from `activate`. */
export interface SwfTasksApi {
  readonly session: SwfSession;
  readonly tasksProvider: TasksTreeProvider;
  readonly treeView: vscode.TreeView<TasksNode>;
  /** Folder of the output channel's log file, so tests can read what was logged. */
  readonly logUri: vscode.Uri;
}

export function activate(context: vscode.ExtensionContext): SwfTasksApi {
  const log = vscode.window.createOutputChannel('SWF Activity Tasks', { log: true });
  const session = new SwfSession(context, log);
  const tasksProvider = new TasksTreeProvider(session, log);
  const treeView = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tasksProvider, showCollapseAll: true });

  context.subscriptions.push(
    tasksProvider.attach(treeView),
    log,
    session,
    tasksProvider,
    treeView,
    session.onDidChange(() => void tasksProvider.refresh()),
    keepClaimedTasksAlive(session, tasksProvider, log),
    ...registerCommands({ session, tree: tasksProvider, log, extension: context }),
  );
  void session.updateContextKeys();
  void tasksProvider.refresh();
  return { session, tasksProvider, treeView, logUri: context.logUri };
}

export function deactivate(): Promise<void> {
  return disposeSandbox();
}
