/** Reveal Task: shows a task row in the tree (selected, its parents expanded); the claims status bar passes the nearest one. */
import { isTaskRow } from '../swf/taskGroups';
import type { CommandContext } from './commandContext';

export async function revealTask(ctx: CommandContext, row: unknown): Promise<void> {
  if (!isTaskRow(row)) return; // only the status bar carries it (hidden from the palette)
  await ctx.rows.revealTask(row);
}
