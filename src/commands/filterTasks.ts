/** Filter Tasks / Clear Filter: narrows every root to matching rows, without reading SWF again. */
import * as vscode from 'vscode';
import { ContextKeys } from '../ids';
import { validateFilter } from '../validation/validation';
import type { CommandContext } from './commandContext';

export async function filterTasks(ctx: CommandContext, query?: unknown): Promise<void> {
  const value =
    typeof query === 'string'
      ? query
      : await vscode.window.showInputBox({
          title: vscode.l10n.t('Filter Open Activity Tasks'),
          prompt: vscode.l10n.t('Text in the activity type, activity ID, workflow ID, task list, worker identity or state; empty shows all.'),
          placeHolder: vscode.l10n.t('order-1002, ChargeCard, claimed…'),
          value: ctx.roots.filter,
          validateInput: (text) => {
            const check = validateFilter(text);
            if (!check.ok) return check.message;
            return check.note ? { message: check.note, severity: vscode.InputBoxValidationSeverity.Warning } : undefined;
          },
        });
  if (value === undefined) return;
  const check = validateFilter(value);
  if (!check.ok) {
    // Only an argument (a keybinding, another extension) gets here: the box refuses such text.
    void vscode.window.showErrorMessage(check.message);
    return;
  }
  await setFilter(ctx, check.value ?? '');
}

export function clearFilter(ctx: CommandContext): Promise<void> {
  return setFilter(ctx, '');
}

async function setFilter(ctx: CommandContext, query: string): Promise<void> {
  await ctx.roots.setFilter(query);
  await vscode.commands.executeCommand('setContext', ContextKeys.filtered, query !== '');
}
