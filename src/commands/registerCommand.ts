/**
 * Registers a command with the error handling every command shares: an
 * unexpected failure becomes one clear notification (with the way out, and a
 * button to the log), never an unhandled rejection or a stack trace.
 */
import * as vscode from 'vscode';
import { describeSwfError, errorMessage } from '../swf/errors';
import type { CommandContext } from './commandContext';

export type CommandHandler = (ctx: CommandContext, ...args: unknown[]) => unknown;

export function registerCommand(ctx: CommandContext, id: string, handler: CommandHandler): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await handler(ctx, ...args);
    } catch (error) {
      await reportError(ctx, error, id);
      return undefined;
    }
  });
}

export async function reportError(ctx: CommandContext, error: unknown, operation: string): Promise<void> {
  const info = describeSwfError(error, ctx.session.errorContext(operation));
  if (info.kind === 'cancelled') return;
  ctx.log.error(`${operation}: ${errorMessage(info)}`);
  const choice = await vscode.window.showErrorMessage(errorMessage(info), 'Show Log');
  if (choice === 'Show Log') ctx.log.show(true);
}
