/**
 * The one way a command reports a failed SWF call: described by the error
 * mapper (which names the SWF operation the gateway tagged on the error),
 * logged once, shown once with the way out and a button to the log.
 * Commands add their own choices (Retry, Copy What I Typed) and act on the
 * one picked.
 */
import * as vscode from 'vscode';
import { describeSwfError, errorMessage, type SwfErrorContext, type SwfErrorInfo } from '../swf/errors';
import type { CommandContext } from './commandContext';

export interface ShownError<A extends string> {
  info: SwfErrorInfo;
  /** The command's own choice the person picked, if any (Show Log is handled here). */
  choice: A | undefined;
}

/**
 * Describes, logs and shows `error`. `choices` decides the buttons from the
 * description (a closed task offers no Retry); `prefix` says in the log what
 * was being done. A cancelled call is neither logged nor shown.
 */
export async function showSwfError<A extends string>(
  ctx: Pick<CommandContext, 'log'>,
  error: unknown,
  options: { context?: SwfErrorContext; prefix?: string; choices?: (info: SwfErrorInfo) => readonly A[] } = {},
): Promise<ShownError<A>> {
  const info = describeSwfError(error, options.context);
  if (info.kind === 'cancelled') return { info, choice: undefined };
  const text = errorMessage(info);
  ctx.log.error(options.prefix ? `${options.prefix}: ${text}` : text);
  const showLog = vscode.l10n.t('Show Log');
  const own = options.choices?.(info) ?? [];
  const picked = await vscode.window.showErrorMessage(text, ...own, showLog);
  if (picked === showLog) ctx.log.show(true);
  return { info, choice: own.find((choice) => choice === picked) };
}
