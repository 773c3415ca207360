/**
 * Registers a command with the error handling every command shares: an
 * unexpected failure becomes one clear notification (with the way out, and a
 * button to the log), never an unhandled rejection or a stack trace. The
 * message names the SWF operation that failed, which the gateway tagged on
 * the error: a command id is never an SWF operation.
 */
import * as vscode from 'vscode';
import type { CommandId } from '../ids';
import type { CommandContext } from './commandContext';
import { showSwfError } from './showError';

export type CommandHandler = (ctx: CommandContext, ...args: unknown[]) => unknown;

export function registerCommand(ctx: CommandContext, id: CommandId, handler: CommandHandler): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await handler(ctx, ...args);
    } catch (error) {
      await showSwfError(ctx, error);
      return undefined;
    }
  });
}


