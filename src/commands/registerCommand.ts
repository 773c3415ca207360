/**
 * Registers a command with the error handling every command shares: an
 * unexpected failure becomes one clear notification (with the way out, and a
 * button to the log), never an unhandled rejection or a stack trace. The
 * message names the SWF operation that failed, which the gateway tagged on
 * the error: a command id is never an SWF operation.
 */
import * as vscode from 'vscode';
import type { CommandId } from '../ids';
import { describeSwfError, errorMessage } from '../swf/errors';
import type { CommandContext } from './commandContext';

export type CommandHandler = (ctx: CommandContext, ...args: unknown[]) => unknown;

export function registerCommand(ctx: CommandContext, id: CommandId, handler: CommandHandler): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await handler(ctx, ...args);
    } catch (error) {
      await reportError(ctx, error);
      return undefined;
    }
  });
}

/** Shows and logs an error once, described from what the gateway tagged on it. */
async function reportError(ctx: CommandContext, error: unknown): Promise<void> {
  const info = describeSwfError(error);
  if (info.kind === 'cancelled') return;
  ctx.log.error(errorMessage(info));
  const showLog = vscode.l10n.t('Show Log');
  const choice = await vscode.window.showErrorMessage(errorMessage(info), showLog);
  if (choice === showLog) ctx.log.show(true);
}
