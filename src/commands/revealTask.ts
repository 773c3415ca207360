/** Reveal Task: shows a task row in the tree (selected, its parents expanded); the claims status bar passes the nearest one's id. */
import { isTaskRow } from '../inbox/taskGroups';
import type { CommandContext } from './commandContext';

export async function revealTask(ctx: CommandContext, row: unknown): Promise<void> {
  // Only the status bar carries it (hidden from the palette), with the row's id: no token in a command argument.
  if (!isTaskRow(row) && typeof row !== 'string') return;
  await ctx.rows.revealTask(row);
}
