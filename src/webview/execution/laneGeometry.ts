/**
 * Where a lane's bars and marks sit across its track, and which one is under
 * the pointer: pure (no DOM), shared by the canvas that draws a lane
 * (main.ts) and the few DOM nodes laid over it for the items a person
 * touches, so both put an item in the same place; plain-Node tests check it.
 *
 * The timeline draws each lane's items on one <canvas>: at 25,000 events a
 * lane holds thousands of bars, and as DOM nodes every frame painted and
 * layerized all of them (about 60 ms a frame). Only the items under the
 * pointer, with keyboard focus, or selected are DOM nodes (`touchedItems`).
 */
import type { BarView, MarkView } from './protocol';

/** The axis's range, in ms since the epoch. */
export interface Span {
  start: number;
  end: number;
}

/** A bar is never drawn narrower than this (CSS px), so a short task stays visible and clickable. */
export const BAR_MIN_PX = 6;
/** A mark is a diamond this wide (CSS px), centred on its time. */
export const MARK_PX = 10;

/** From where to where a bar runs: from its scheduling (or start), to its close, or to the axis's end while open. */
export function barExtent(bar: BarView, axisEnd: number): { from: number; to: number } {
  const from = bar.scheduledAt ?? bar.startedAt ?? axisEnd;
  return { from, to: bar.closedAt ?? Math.max(axisEnd, from) };
}

/** A time's place across a track `width` px wide. */
export function xOf(at: number, span: Span, width: number): number {
  return ((at - span.start) / (span.end - span.start)) * width;
}

/** A bar's box in px: its left, its width (at least BAR_MIN_PX), and the width of its wait on the task list (0 if none). */
export function barBox(bar: BarView, span: Span, width: number): { x: number; w: number; wait: number } {
  const { from, to } = barExtent(bar, span.end);
  const x = xOf(from, span, width);
  const w = Math.max(BAR_MIN_PX, xOf(to, span, width) - x);
  const wait = bar.startedAt !== undefined && bar.scheduledAt !== undefined && to > from ? ((bar.startedAt - from) / (to - from)) * w : 0;
  return { x, w, wait };
}

/** A bar's label starts this far into it (its 3 px left border and 6 px padding), and is drawn only if this much of it shows before the next bar. */
export const LABEL_INSET_PX = 9;
export const LABEL_MIN_PX = 4;

/**
 * What drawing a lane's bars anew draws, in order (a later bar over an
 * earlier one): each bar's box, and whether its label shows. Bars are drawn
 * opaque, so a label the next bar covers within LABEL_MIN_PX is left out,
 * and so is a bar without a label that the next bar covers whole (to half a
 * px): at 25,000 events the decision lane has thousands of bars, several to
 * a px, and the picture is the same without the hidden ones.
 */
export function drawPlan(bars: readonly BarView[], span: Span, width: number, labelled: (bar: BarView) => boolean): { bar: BarView; box: { x: number; w: number; wait: number }; label: boolean }[] {
  const boxes = bars.map((bar) => barBox(bar, span, width));
  const plan: { bar: BarView; box: { x: number; w: number; wait: number }; label: boolean }[] = [];
  // From the last bar back: a bar is left out if the nearest later bar that is drawn covers it (not merely the next, which may be left out itself).
  let cover: { x: number; w: number } | undefined;
  for (let i = bars.length - 1; i >= 0; i--) {
    const box = boxes[i];
    const next = boxes[i + 1];
    const label = labelled(bars[i]) && (next === undefined || next.x - (box.x + LABEL_INSET_PX) >= LABEL_MIN_PX);
    if (!label && cover && cover.x <= box.x + 0.5 && cover.x + cover.w >= box.x + box.w - 0.5) continue;
    plan.push({ bar: bars[i], box, label });
    cover = box;
  }
  return plan.reverse();
}

/** A mark's centre in px. */
export function markX(mark: MarkView, span: Span, width: number): number {
  return xOf(mark.at ?? span.start, span, width);
}

/**
 * The item under the pointer at `x` px across a lane's track: the mark or
 * bar drawn topmost there (marks are drawn over bars; among bars, the later
 * one is drawn over the earlier), or undefined.
 */
export function hitTest(bars: Iterable<BarView>, marks: Iterable<MarkView>, span: Span, width: number, x: number): number | undefined {
  let hit: number | undefined;
  for (const mark of marks) {
    if (Math.abs(markX(mark, span, width) - x) <= MARK_PX / 2 + 1) hit = mark.id;
  }
  if (hit !== undefined) return hit;
  for (const bar of bars) {
    const box = barBox(bar, span, width);
    if (x >= box.x && x <= box.x + box.w) hit = bar.id;
  }
  return hit;
}

/**
 * Whether new items `added` (bars or marks not drawn yet) may be drawn over
 * a lane's canvas as it is, instead of drawing the lane anew, leaving the
 * same picture: they are the lane's last bars and last marks, in order, and
 * no new bar would cover a mark (a lane is drawn bars first, marks over them).
 */
export function canDrawOnTop(lane: { bars: Map<number, unknown>; marks: Map<number, unknown> }, added: readonly number[]): boolean {
  const bars = added.filter((id) => lane.bars.has(id));
  const marks = added.filter((id) => lane.marks.has(id));
  if (bars.length + marks.length !== added.length || added.length === 0) return false;
  if (bars.length && lane.marks.size > marks.length) return false;
  const endsWith = (keys: Iterable<number>, ids: number[]) => {
    const tail = [...keys].slice(-ids.length);
    return ids.length === 0 || (tail.length === ids.length && tail.every((id, i) => id === ids[i]));
  };
  return endsWith(lane.bars.keys(), bars) && endsWith(lane.marks.keys(), marks);
}

/** The items that are DOM nodes over the canvases: the one under the pointer, the one with keyboard focus (the timeline's tab stop) and the selected one. */
export function touchedItems(hovered: number | undefined, focused: number | undefined, selected: number | undefined): Set<number> {
  const ids = new Set<number>();
  for (const id of [hovered, focused, selected]) if (id !== undefined) ids.add(id);
  return ids;
}
