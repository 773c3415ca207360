/** What every command handler gets: the shared pieces of the running extension. */
import type * as vscode from 'vscode';
import type { SwfSession } from '../session/session';
import type { TasksTreeProvider } from '../tree/tasksTreeProvider';

export interface CommandContext {
  readonly session: SwfSession;
  readonly tree: TasksTreeProvider;
  readonly log: vscode.LogOutputChannel;
  readonly extension: vscode.ExtensionContext;
}
