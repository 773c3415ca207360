/**
 * The messages between the execution panel's host (src/views/executionPanel.ts)
 * and its page (main.ts), typed on both sides from this one module, plus the
 * pure conversions from the timeline model into what is posted.
 *
 * Only plain JSON crosses: dates become epoch milliseconds. The page never
 * gets a whole 25,000-event history; it asks for one page of the event list
 * at a time, and for the events of the bar it selected. After the first
 * render (`init`), a read posts a `delta` of what it changed alone: new
 * lanes, new or changed bars and new marks by id, the header fields that
 * changed, and the new rows of the event-list page the person is looking at
 * (`deltaMessage`), so a 2-event read of a 25,000-event history posts a few
 * hundred bytes, not its decision lane's thousands of bars. Nothing here carries
 * a task token: histories have none, and claims (which do) are never read.
 *
 * No `vscode` and no DOM: the host, the page and plain-Node tests import it.
 */
import type { HistoryEvent } from '@aws-sdk/client-swf';
import type { ExecutionStatus, OpenCounts, TimelineBar, TimelineDelta, TimelineHeader, TimelineLane, TimelineMark, TimelineModel } from '../../history/timelineModel';

/** The header's buttons: the workflow actions (open runs only) and Re-run (any run). */
export type WorkflowAction = 'signal' | 'requestCancel' | 'terminate' | 'rerun';

/** Rows of the event list the page shows at once: a window, never the whole history. */
export const EVENT_PAGE_SIZE = 100;

export interface HeaderView {
  workflowId: string;
  runId: string;
  workflowType?: string;
  status: ExecutionStatus;
  startedAt?: number;
  closedAt?: number;
  executionStartToCloseTimeout?: string;
  taskStartToCloseTimeout?: string;
  childPolicy?: string;
  tags: string[];
  /** Pretty-printed when it parses as JSON. */
  input?: string;
  taskList?: string;
  cancelRequested: boolean;
  closeReason?: string;
  closeCause?: string;
  open: OpenCounts;
  domain: string;
  connection: string;
  /** The execution that started this one (WorkflowExecutionStarted's parentWorkflowExecution). */
  parent?: LinkedExecution;
  /** Child executions it started (StartChildWorkflowExecutionInitiated; the run ID once ChildWorkflowExecutionStarted). */
  children?: LinkedExecution[];
}

/** Another execution the header links to; without a run ID it is shown, not linked (it may not have started). */
export interface LinkedExecution {
  workflowId: string;
  runId?: string;
}

export interface BarView {
  id: number;
  kind: TimelineBar['kind'];
  outcome: Outcome;
  label: string;
  scheduledAt?: number;
  startedAt?: number;
  closedAt?: number;
  /** One line a tooltip or screen reader says: what, which attempt, how it ended. */
  summary: string;
}

export interface MarkView {
  id: number;
  kind: TimelineMark['kind'];
  label: string;
  at?: number;
}

export interface LaneView {
  key: string;
  kind: TimelineLane['kind'];
  label: string;
  bars: BarView[];
  marks: MarkView[];
}

/** A lane as a delta announces it: its bars and marks follow as `bars` and `marks`. */
export type LaneHead = Omit<LaneView, 'bars' | 'marks'>;

/** A bar of a delta, new or changed: `lane` is its lane's key. */
export type LaneBar = BarView & { lane: string };
export type LaneMark = MarkView & { lane: string };

/** The event-list page a delta grows: `added` are the new rows of the page at `offset` under `filter`, `total` the rows its filter now matches. */
export interface EventRows {
  offset: number;
  filter: string;
  total: number;
  added: EventView[];
}

/** What a read changed; everything the page already has is left out. */
export interface DeltaMessage {
  type: 'delta';
  /** Only the fields that changed. */
  header?: Partial<HeaderView>;
  /** New lanes, in the model's order (after every lane the page has). */
  lanes: LaneHead[];
  /** New or changed bars, each whole, by id. */
  bars: LaneBar[];
  /** New marks (marks never change). */
  marks: LaneMark[];
  lastEventAt?: number;
  eventCount: number;
  /** Only when the set of event types changed. */
  eventTypes?: string[];
  events?: EventRows;
}

/** The colours a bar is drawn in: SWF's many endings folded into the five a person tells apart. */
export type Outcome = 'completed' | 'failed' | 'timedOut' | 'canceled' | 'open';

export interface EventView {
  eventId: number;
  eventType: string;
  at?: number;
  /** The event's `…EventAttributes`, as SWF returned them. */
  attributes: Record<string, unknown>;
}

export interface EventPage {
  /** Index of the first row in the filtered list. */
  offset: number;
  /** Rows in the filtered list. */
  total: number;
  filter: string;
  events: EventView[];
}

/** The texts the page shows, translated by the host (the page has no l10n of its own). */
export type PageStrings = Record<
  | 'header' | 'timeline' | 'events' | 'details' | 'type' | 'workflowId' | 'runId' | 'status' | 'started' | 'closed' | 'timeouts' | 'childPolicy'
  | 'tags' | 'input' | 'openCounts' | 'domain' | 'signal' | 'requestCancel' | 'terminate' | 'rerun' | 'allTypes' | 'filterByType' | 'previous' | 'next'
  | 'rangeOf' | 'selectBar' | 'noEvents' | 'executionClosed' | 'loading' | 'none' | 'closeReason' | 'parent' | 'children'
  | 'openActivity' | 'openActivities' | 'openDecision' | 'openDecisions' | 'openTimer' | 'openTimers' | 'openChild' | 'openChildren',
  string
>;

/** Host → page. */
export type HostMessage =
  | { type: 'init'; header: HeaderView; lanes: LaneView[]; lastEventAt?: number; eventCount: number; eventTypes: string[]; strings: PageStrings; state: PanelState }
  | DeltaMessage
  | { type: 'events'; page: EventPage }
  | { type: 'details'; barId: number; label: string; events: EventView[] }
  /**
   * A read failed; `retry` (the button's text) when the panel stopped reading until the person asks again;
   * `gone` when the execution can never be read again (its local sandbox ended): said as a notice, with no Retry.
   */
  | { type: 'error'; message: string; retry?: string; gone?: boolean };

/** Page → host. */
export type PageMessage =
  | { type: 'ready' }
  /** After the page drew an `init`: how the host measures the time to a first render. */
  | { type: 'rendered'; eventCount: number }
  | { type: 'requestEvents'; offset: number; filter: string }
  | { type: 'selectBar'; barId: number }
  | { type: 'action'; action: WorkflowAction }
  /** The error's Retry button: read again after a failure that stopped the reads. */
  | { type: 'retry' }
  /** A parent or child link in the header: open that execution's panel. */
  | { type: 'openExecution'; workflowId: string; runId: string };

/** What the page keeps with `vscode.setState`, and the serializer reopens after a reload. */
export interface PanelState {
  root: unknown;
  workflowId: string;
  runId: string;
}

export function isPageMessage(value: unknown): value is PageMessage {
  const m = value as { type?: unknown } | null;
  if (typeof m !== 'object' || m === null) return false;
  const v = value as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
    case 'retry':
      return true;
    case 'rendered':
      return typeof v.eventCount === 'number';
    case 'requestEvents':
      return typeof v.offset === 'number' && typeof v.filter === 'string';
    case 'selectBar':
      return typeof v.barId === 'number';
    case 'action':
      return v.action === 'signal' || v.action === 'requestCancel' || v.action === 'terminate' || v.action === 'rerun';
    case 'openExecution':
      return typeof v.workflowId === 'string' && typeof v.runId === 'string';
    default:
      return false;
  }
}

// ---- from the model to views ----------------------------------------------

const ms = (d: Date | undefined): number | undefined => (d ? d.getTime() : undefined);

/** JSON pretty-printed when it parses; other text as it is. */
export function prettyJson(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** The child executions of a timeline, in the order they were initiated, each once (a retried child keeps its latest run). */
export function childExecutions(model: Pick<TimelineModel, 'lanes'>): LinkedExecution[] {
  const children = new Map<string, LinkedExecution>();
  for (const lane of model.lanes.values()) {
    for (const bar of lane.bars) if (bar.kind === 'child') children.set(bar.workflowId, { workflowId: bar.workflowId, ...(bar.runId ? { runId: bar.runId } : {}) });
  }
  return [...children.values()];
}

export function toHeaderView(h: TimelineHeader, root: { domain: string; connection: string }, children: LinkedExecution[] = []): HeaderView {
  return {
    workflowId: h.workflowId,
    runId: h.runId,
    workflowType: h.workflowType && `${h.workflowType.name} ${h.workflowType.version}`,
    status: h.status,
    startedAt: ms(h.startedAt),
    closedAt: ms(h.closedAt),
    executionStartToCloseTimeout: h.executionStartToCloseTimeout,
    taskStartToCloseTimeout: h.taskStartToCloseTimeout,
    childPolicy: h.childPolicy,
    tags: [...h.tags],
    input: prettyJson(h.input),
    taskList: h.taskList,
    cancelRequested: h.cancelRequested,
    closeReason: h.closeReason,
    closeCause: h.closeCause,
    open: { ...h.open },
    domain: root.domain,
    connection: root.connection,
    ...(h.parent && { parent: { workflowId: h.parent.workflowId, ...(h.parent.runId ? { runId: h.parent.runId } : {}) } }),
    children,
  };
}

export function outcomeOf(bar: TimelineBar): Outcome {
  switch (bar.outcome) {
    case 'completed':
    case 'fired':
    case 'delivered':
      return 'completed';
    case 'failed':
    case 'startFailed':
    case 'terminated':
      return 'failed';
    case 'timedOut':
      return 'timedOut';
    case 'canceled':
    case 'executionClosed':
      return 'canceled';
    default:
      return 'open';
  }
}

function barLabel(bar: TimelineBar): string {
  switch (bar.kind) {
    case 'activity':
      return `${bar.activityType.name} ${bar.activityType.version}${bar.attempt > 1 ? ` #${bar.attempt}` : ''}`;
    case 'lambda':
      return `${bar.name}${bar.attempt > 1 ? ` #${bar.attempt}` : ''}`;
    case 'decision':
      return 'decision';
    case 'timer':
      return bar.startToFireTimeout ? `${bar.timerId} (${bar.startToFireTimeout} s)` : bar.timerId;
    case 'child':
      return `${bar.workflowType.name} ${bar.workflowType.version}`;
    case 'externalSignal':
      return `${bar.signalName} → ${bar.target.workflowId}`;
    case 'externalCancel':
      return `cancel → ${bar.target.workflowId}`;
  }
}

export function toBarView(bar: TimelineBar): BarView {
  const label = barLabel(bar);
  const extra = 'reason' in bar && bar.reason ? `: ${bar.reason}` : 'timeoutType' in bar && bar.timeoutType ? ` (${bar.timeoutType})` : '';
  return {
    id: bar.id,
    kind: bar.kind,
    outcome: outcomeOf(bar),
    label,
    scheduledAt: ms(bar.scheduledAt),
    startedAt: ms(bar.startedAt),
    closedAt: ms(bar.closedAt),
    summary: `${label}, ${bar.outcome}${extra}`,
  };
}

function markLabel(mark: TimelineMark): string {
  switch (mark.kind) {
    case 'signal':
      return mark.signalName;
    case 'marker':
      return mark.markerName;
    case 'cancelRequest':
      return 'cancel requested';
    case 'refused':
      return `${mark.eventType}: ${mark.cause}`;
  }
}

export function toLaneView(lane: TimelineLane): LaneView {
  return { ...laneHead(lane), bars: lane.bars.map(toBarView), marks: lane.marks.map(toMarkView) };
}

export function toMarkView(mark: TimelineMark): MarkView {
  return { id: mark.id, kind: mark.kind, label: markLabel(mark), at: ms(mark.at) };
}

export function laneHead(lane: TimelineLane): LaneHead {
  const names: Record<TimelineLane['kind'], string> = {
    workflow: 'workflow',
    decision: 'decision tasks',
    activity: lane.id,
    lambda: `λ ${lane.id}`,
    timer: `timer ${lane.id}`,
    child: `child ${lane.id}`,
    signal: 'signals',
    marker: 'markers',
    externalSignal: 'signals sent',
    externalCancel: 'cancels sent',
  };
  return { key: lane.key, kind: lane.kind, label: names[lane.kind] };
}

export function toEventView(event: HistoryEvent): EventView {
  let attributes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) {
    if (key.endsWith('EventAttributes') && value && typeof value === 'object') attributes = value as Record<string, unknown>;
  }
  return { eventId: event.eventId ?? 0, eventType: event.eventType ?? 'UnknownEvent', at: toMs(event.eventTimestamp), attributes };
}

function toMs(value: Date | number | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (value instanceof Date) return value.getTime();
  return typeof value === 'number' ? value * 1000 : new Date(value).getTime();
}

/**
 * One page of the event list: `filter` is an event type ('' for all),
 * `offset` is clamped into the list and snapped to a page boundary, so a page
 * asked for past the end (the list shrank under a new filter) shows the last one.
 */
export function eventPage(events: readonly HistoryEvent[], offset: number, filter: string, size = EVENT_PAGE_SIZE): EventPage {
  const matching = filter ? events.filter((e) => e.eventType === filter) : events;
  const total = matching.length;
  const lastPage = total === 0 ? 0 : Math.floor((total - 1) / size) * size;
  const start = Math.min(Math.max(0, Math.floor(offset / size) * size), lastPage);
  return { offset: start, total, filter, events: matching.slice(start, start + size).map(toEventView) };
}

// ---- deltas ----------------------------------------------------------------

/** The header fields of `next` that differ from `previous` (all of them without one); undefined when none did. */
export function headerPatch(previous: HeaderView | undefined, next: HeaderView): Partial<HeaderView> | undefined {
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    const before = previous?.[key as keyof HeaderView];
    if (previous === undefined || JSON.stringify(before) !== JSON.stringify(value)) patch[key] = value;
  }
  return Object.keys(patch).length ? (patch as Partial<HeaderView>) : undefined;
}

/** Which event-list page the page shows, as it last asked for it. */
export interface ShownPage {
  offset: number;
  filter: string;
}

/**
 * What the host remembers of what it posted, so the next delta leaves it out:
 * the header, the event types, how many events the page has been told of,
 * how many of each type (the filtered totals), and the page shown.
 */
export interface PostedState {
  header?: HeaderView;
  eventTypes: string[];
  eventCount: number;
  typeCounts: Map<string, number>;
  shown: ShownPage;
}

export function postedState(): PostedState {
  return { eventTypes: [], eventCount: 0, typeCounts: new Map(), shown: { offset: 0, filter: '' } };
}

/** The first render's message; records what it posted in `posted`. */
export function initMessage(
  model: TimelineModel,
  events: readonly HistoryEvent[],
  root: { domain: string; connection: string },
  extra: { strings: PageStrings; state: PanelState },
  posted: PostedState,
): Extract<HostMessage, { type: 'init' }> {
  const header = toHeaderView(model.header, root, childExecutions(model));
  posted.header = header;
  posted.typeCounts = new Map();
  countTypes(events, posted.typeCounts);
  posted.eventTypes = [...posted.typeCounts.keys()].sort();
  posted.eventCount = events.length;
  posted.shown = { offset: 0, filter: '' };
  return { type: 'init', header, lanes: [...model.lanes.values()].map(toLaneView), lastEventAt: ms(model.lastEventAt), eventCount: events.length, eventTypes: posted.eventTypes, ...extra };
}

/**
 * The delta of one read: `delta` is what `applyEvents` returned, `events`
 * every event so far (the ones past `posted.eventCount` are the new ones).
 * Bars the read touched go whole (a bar is small; its large texts stay in
 * the events), each once; lanes only as a head when new.
 */
export function deltaMessage(model: TimelineModel, delta: TimelineDelta, events: readonly HistoryEvent[], root: { domain: string; connection: string }, posted: PostedState): DeltaMessage {
  const message: DeltaMessage = {
    type: 'delta',
    lanes: delta.lanesAdded.map(laneHead),
    bars: delta.barsChanged.map((b) => ({ ...toBarView(b), lane: b.laneKey })),
    marks: delta.marksAdded.map((m) => ({ ...toMarkView(m), lane: m.laneKey })),
    lastEventAt: ms(model.lastEventAt),
    eventCount: events.length,
  };
  // A child's start changes the header's links, though not the header itself.
  if (delta.headerChanged || delta.barsChanged.some((b) => b.kind === 'child')) {
    const header = toHeaderView(model.header, root, childExecutions(model));
    const patch = headerPatch(posted.header, header);
    posted.header = header;
    if (patch) message.header = patch;
  }
  const fresh = events.slice(posted.eventCount);
  posted.eventCount = events.length;
  const { shown } = posted;
  const totalBefore = shown.filter ? (posted.typeCounts.get(shown.filter) ?? 0) : events.length - fresh.length;
  countTypes(fresh, posted.typeCounts);
  if (posted.typeCounts.size !== posted.eventTypes.length) {
    posted.eventTypes = [...posted.typeCounts.keys()].sort();
    message.eventTypes = posted.eventTypes;
  }
  const matching = shown.filter ? fresh.filter((e) => e.eventType === shown.filter) : fresh;
  if (matching.length > 0) {
    // The rows that land inside the shown window; the rest only grow the total (the Next button and the range).
    const added = matching.filter((_, i) => totalBefore + i >= shown.offset && totalBefore + i < shown.offset + EVENT_PAGE_SIZE).map(toEventView);
    message.events = { offset: shown.offset, filter: shown.filter, total: totalBefore + matching.length, added };
  }
  return message;
}

function countTypes(events: Iterable<HistoryEvent>, into: Map<string, number>): void {
  for (const e of events) if (e.eventType) into.set(e.eventType, (into.get(e.eventType) ?? 0) + 1);
}

/** The event types of a history, sorted, for the list's filter. */
export function eventTypesOf(events: Iterable<HistoryEvent>, into = new Set<string>()): Set<string> {
  for (const e of events) if (e.eventType) into.add(e.eventType);
  return into;
}

/** An SWF timeout ("3600", "NONE") as a person reads it: "1 h", "1 d 2 h", "none". */
export function formatTimeout(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value === 'NONE') return 'none';
  const total = Number(value);
  if (!Number.isInteger(total) || total < 0) return value;
  if (total === 0) return '0 s';
  const units: [number, string][] = [[86_400, 'd'], [3600, 'h'], [60, 'min'], [1, 's']];
  const parts: string[] = [];
  let rest = total;
  for (const [size, unit] of units) {
    const n = Math.floor(rest / size);
    if (n > 0 && parts.length < 2) parts.push(`${n} ${unit}`);
    if (n > 0 && parts.length <= 2) rest -= n * size;
  }
  return parts.join(' ');
}

// ---- the time axis --------------------------------------------------------

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const STEPS = [1, 2, 5, 10, 15, 30].map((s) => s * SECOND)
  .concat([1, 2, 5, 10, 15, 30].map((m) => m * MINUTE))
  .concat([1, 2, 3, 6, 12].map((h) => h * HOUR))
  .concat([1, 2, 7, 14, 30].map((d) => d * DAY));

export interface TimeAxis {
  start: number;
  end: number;
  /** Milliseconds between ticks. */
  step: number;
  /** Tick times, aligned to `step` in the person's time zone (`offsetMinutes`). */
  ticks: number[];
}

/**
 * Ticks for `[start, end]` drawn `widthPx` wide, at least `minGapPx` apart,
 * on round times of the person's zone: `offsetMinutes` is
 * `-new Date().getTimezoneOffset()` (the page passes it; tests pass any).
 */
export function timeAxis(start: number, end: number, widthPx: number, offsetMinutes = 0, minGapPx = 90): TimeAxis {
  const span = Math.max(end - start, SECOND);
  const fitting = Math.max(1, Math.floor(widthPx / minGapPx));
  const step = STEPS.find((s) => span / s <= fitting) ?? Math.ceil(span / fitting / DAY) * DAY;
  const offset = offsetMinutes * MINUTE;
  const first = Math.ceil((start + offset) / step) * step - offset;
  const ticks: number[] = [];
  for (let t = first; t <= start + span; t += step) ticks.push(t);
  return { start, end: start + span, step, ticks };
}

/** Where a time falls across the axis, 0..1 (clamped). */
export function axisFraction(axis: TimeAxis, at: number): number {
  return Math.min(1, Math.max(0, (at - axis.start) / (axis.end - axis.start)));
}

/**
 * The header's open counts as words, "1 decision" and "2 decisions": each noun
 * has its singular and plural text from the host (translators choose both;
 * the page has no l10n of its own).
 */
export function formatOpenCounts(strings: PageStrings, open: Pick<OpenCounts, 'activityTasks' | 'decisionTasks' | 'timers' | 'childWorkflowExecutions'>): string {
  const count = (n: number, one: string, many: string): string => (n === 1 ? one : many).replace('{0}', String(n));
  return [
    count(open.activityTasks, strings.openActivity, strings.openActivities),
    count(open.decisionTasks, strings.openDecision, strings.openDecisions),
    count(open.timers, strings.openTimer, strings.openTimers),
    count(open.childWorkflowExecutions, strings.openChild, strings.openChildren),
  ].join(' · ');
}
