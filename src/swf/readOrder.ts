/**
 * The order in which a refresh reads histories, when the read budget makes
 * every read count:
 *   1. executions holding tasks this person claimed (their answers are due);
 *   2. executions of the groups the person is looking at (expanded or visible);
 *   3. executions that changed recently (what changes once tends to change again);
 *   4. all the rest, round robin: least recently read first, never read before all.
 * Within each tier too, the least recently read goes first, so no execution
 * waits behind another one twice.
 *
 * Pure: tested in plain Node (test/unit/swf/readOrder.test.ts).
 */

export interface ReadCandidate {
  key: string;
  /** Holds a task this person claimed. */
  claimed?: boolean;
  /** Belongs to a group (task list) the person has expanded or can see. */
  shown?: boolean;
  /** When a read last found something new (ms, same clock as `now`). */
  changedAt?: number;
  /** When it was last read (ms); undefined: never. */
  readAt?: number;
}

export const RECENT_CHANGE_MS = 5 * 60_000;

export type ReadTier = 0 | 1 | 2 | 3;

export function readTier(c: ReadCandidate, now: number, recentMs = RECENT_CHANGE_MS): ReadTier {
  if (c.claimed) return 0;
  if (c.shown) return 1;
  if (c.changedAt !== undefined && now - c.changedAt <= recentMs) return 2;
  return 3;
}

/** The candidates in the order to read them (a new array; the input is not changed). Stable for ties. */
export function readOrder<T extends ReadCandidate>(candidates: readonly T[], now: number, recentMs = RECENT_CHANGE_MS): T[] {
  return candidates
    .map((c, index) => ({ c, index, tier: readTier(c, now, recentMs), readAt: c.readAt ?? -Infinity }))
    .sort((a, b) => a.tier - b.tier || a.readAt - b.readAt || a.index - b.index)
    .map((x) => x.c);
}
