/**
 * What the execution panel's page knows, and how each host message changes
 * it: pure (no DOM), so main.ts draws from it and plain-Node tests check that
 * an init followed by deltas leaves the page knowing what one init of the
 * whole history would. `applyHostMessage` returns what changed, so the page
 * patches those DOM nodes alone instead of rebuilding the timeline.
 */
import type { BarView, EventPage, EventView, HeaderView, HostMessage, LaneHead, MarkView } from './protocol';

export interface PageLane extends LaneHead {
  /** By id, in the order they opened (a changed bar keeps its place). */
  readonly bars: Map<number, BarView>;
  readonly marks: Map<number, MarkView>;
}

export interface PageModel {
  header?: HeaderView;
  /** In the model's order. */
  readonly lanes: Map<string, PageLane>;
  /** Which lane each bar or mark is in. */
  readonly laneOf: Map<number, string>;
  lastEventAt?: number;
  eventCount: number;
  eventTypes: string[];
  page: EventPage;
  /** Earliest and latest time of any bar or mark, kept as they come, so the axis needs no scan. */
  earliest?: number;
  latest?: number;
}

/** What one message changed, for the page to redraw that alone. */
export interface PagePatch {
  /** Everything: draw the page anew. */
  reset: boolean;
  header: boolean;
  lanesAdded: PageLane[];
  /** Bars and marks added or changed, by id. */
  items: number[];
  eventTypes: boolean;
  /** The whole event page was replaced. */
  page: boolean;
  /** Rows appended to the shown page (its total changed too). */
  rowsAdded: EventView[];
}

export function emptyPageModel(): PageModel {
  return { lanes: new Map(), laneOf: new Map(), eventCount: 0, eventTypes: [], page: { offset: 0, total: 0, filter: '', events: [] } };
}

function patchOf(): PagePatch {
  return { reset: false, header: false, lanesAdded: [], items: [], eventTypes: false, page: false, rowsAdded: [] };
}

export function applyHostMessage(model: PageModel, m: HostMessage): PagePatch {
  const patch = patchOf();
  switch (m.type) {
    case 'init':
      patch.reset = true;
      model.header = m.header;
      model.lanes.clear();
      model.laneOf.clear();
      model.earliest = model.latest = undefined;
      for (const lane of m.lanes) {
        const added = addLane(model, lane);
        for (const bar of lane.bars) putBar(model, added, bar);
        for (const mark of lane.marks) putMark(model, added, mark);
      }
      model.lastEventAt = m.lastEventAt;
      model.eventCount = m.eventCount;
      model.eventTypes = m.eventTypes;
      break;
    case 'delta': {
      if (m.header && model.header) {
        model.header = { ...model.header, ...m.header };
        patch.header = true;
      }
      for (const head of m.lanes) if (!model.lanes.has(head.key)) patch.lanesAdded.push(addLane(model, head));
      for (const { lane, ...bar } of m.bars) {
        const into = model.lanes.get(lane);
        if (!into) continue;
        putBar(model, into, bar);
        patch.items.push(bar.id);
      }
      for (const { lane, ...mark } of m.marks) {
        const into = model.lanes.get(lane);
        if (!into) continue;
        putMark(model, into, mark);
        patch.items.push(mark.id);
      }
      model.lastEventAt = m.lastEventAt;
      model.eventCount = m.eventCount;
      if (m.eventTypes) {
        model.eventTypes = m.eventTypes;
        patch.eventTypes = true;
      }
      const rows = m.events;
      // Rows for another page than the one shown (the person moved on meanwhile) are dropped: the page they asked for is on its way.
      if (rows && rows.offset === model.page.offset && rows.filter === model.page.filter) {
        model.page = { ...model.page, total: rows.total, events: [...model.page.events, ...rows.added] };
        patch.rowsAdded = rows.added;
      }
      break;
    }
    case 'events':
      model.page = m.page;
      patch.page = true;
      break;
    default:
      break;
  }
  return patch;
}

function addLane(model: PageModel, head: LaneHead): PageLane {
  const lane: PageLane = { key: head.key, kind: head.kind, label: head.label, bars: new Map(), marks: new Map() };
  model.lanes.set(lane.key, lane);
  return lane;
}

function putBar(model: PageModel, lane: PageLane, bar: BarView): void {
  lane.bars.set(bar.id, bar);
  model.laneOf.set(bar.id, lane.key);
  extend(model, bar.scheduledAt);
  extend(model, bar.closedAt);
}

function putMark(model: PageModel, lane: PageLane, mark: MarkView): void {
  lane.marks.set(mark.id, mark);
  model.laneOf.set(mark.id, lane.key);
  extend(model, mark.at);
}

function extend(model: PageModel, at: number | undefined): void {
  if (at === undefined) return;
  if (model.earliest === undefined || at < model.earliest) model.earliest = at;
  if (model.latest === undefined || at > model.latest) model.latest = at;
}

/** The axis's range: from the start (or the earliest item) to the close, or to the latest of the last event, any item and now while open. */
export function axisRange(model: PageModel, now: number): { start: number; end: number } {
  const { header } = model;
  const start = header?.startedAt ?? model.earliest ?? now;
  const end = header?.closedAt ?? Math.max(model.lastEventAt ?? start, model.latest ?? start, header?.status === 'open' ? now : start);
  return { start, end: Math.max(end, start + 1000) };
}

/** Share of the span an open execution's axis runs past its last event, so the next events land on the axis as it is. */
export const AXIS_HEADROOM = 0.05;

/**
 * The range the axis shows, given the one it shows now: kept while what is
 * wanted fits in it (an open execution's axis grows by its headroom at a
 * time, so most reads move no bar); exact once the execution closed.
 */
export function shownRange(previous: { start: number; end: number } | undefined, wanted: { start: number; end: number }, open: boolean): { start: number; end: number } {
  if (!open) return previous && previous.start === wanted.start && previous.end === wanted.end ? previous : wanted;
  if (previous && previous.start === wanted.start && wanted.end <= previous.end) return previous;
  return { start: wanted.start, end: wanted.end + (wanted.end - wanted.start) * AXIS_HEADROOM };
}
