/** Filter Tasks / Clear Filter: narrows the tree to matching rows, without reading SWF again. */
import * as vscode from 'vscode';
import type { CommandContext } from './commandContext';

export async function filterTasks(ctx: CommandContext, query?: unknown): Promise<void> {
  const value =
    typeof query === 'string'
      ? query
      : await vscode.window.showInputBox({
          title: 'Filter Open Activity Tasks',
          prompt: 'Text in the activity type, activity ID, workflow ID, task list, worker identity or state; empty shows all.',
          placeHolder: 'order-1002, ChargeCard, claimed…',
          value: ctx.session.taskFilter,
        });
  if (value === undefined) return;
  await ctx.session.setTaskFilter(value.trim());
  ctx.tree.applyFilter();
}

export async function clearFilter(ctx: CommandContext): Promise<void> {
  await ctx.session.setTaskFilter('');
  ctx.tree.applyFilter();
}
