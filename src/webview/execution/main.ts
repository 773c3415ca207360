/**
 * The execution panel's page (bundled to dist/webview/execution.js, run in
 * the webview): draws what the host posts (header, timeline, one page of the
 * event list, the selected bar's events) with plain DOM, and posts back what
 * the person does. Text goes in through textContent only, never as HTML:
 * inputs, results and reasons are whatever a worker wrote.
 *
 * What it knows lives in pageModel.ts; each message's patch says what
 * changed, and only those nodes are made or updated: a delta of 2 events in
 * a 25,000-event history touches a bar and a mark, not the thousands of the
 * decision lane. Bars are placed in percent of a fixed time scale (`scale`,
 * from `origin`) inside one canvas per lane; the axis's range only moves and
 * stretches the canvases (and the open bars, which end at the axis's end),
 * so a longer range restyles a few dozen nodes, not every bar. The event
 * list is one page (EVENT_PAGE_SIZE rows) at a time.
 *
 * It keeps `{ root, workflowId, runId }` with setState, so VS Code's
 * serializer can reopen the panel after a window reload.
 */
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import './execution.css';
import { applyHostMessage, axisRange, emptyPageModel, type PageLane, shownRange } from './pageModel';
import { type BarView, type EventView, EVENT_PAGE_SIZE, formatOpenCounts, formatTimeout, type HostMessage, type LinkedExecution, type MarkView, type PageMessage, type PageStrings, timeAxis, type WorkflowAction } from './protocol';

interface VsCodeApi {
  postMessage(message: PageMessage): void;
  setState(state: unknown): void;
  getState(): unknown;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;

let strings: PageStrings | undefined;
const model = emptyPageModel();
let selectedBar: number | undefined;
/** The bar or mark that takes Tab (roving tabindex), so the timeline is one tab stop. */
let focusBar: number | undefined;

/** What each lane offers to select, in time order (its bars and marks); made when the keyboard first asks, dropped when the lane changes. */
const itemsOfLane = new Map<string, number[]>();

function laneItems(lane: PageLane): number[] {
  let ids = itemsOfLane.get(lane.key);
  if (!ids) {
    const items: { id: number; at: number }[] = [];
    for (const b of lane.bars.values()) items.push({ id: b.id, at: b.scheduledAt ?? b.startedAt ?? Number.MAX_SAFE_INTEGER });
    for (const m of lane.marks.values()) items.push({ id: m.id, at: m.at ?? Number.MAX_SAFE_INTEGER });
    ids = items.sort((a, b) => a.at - b.at || a.id - b.id).map((i) => i.id);
    itemsOfLane.set(lane.key, ids);
  }
  return ids;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });
const timeShort = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayShort = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

function post(message: PageMessage): void {
  vscode.postMessage(message);
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: { class?: string; text?: string; attrs?: Record<string, string> } = {}, ...children: (Node | undefined)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  if (props.text !== undefined) node.textContent = props.text;
  for (const [k, v] of Object.entries(props.attrs ?? {})) node.setAttribute(k, v);
  for (const child of children) if (child) node.append(child);
  return node;
}

function format(template: string, ...values: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (_, i: string) => String(values[Number(i)] ?? ''));
}

function when(at: number | undefined): string {
  return at === undefined ? '—' : dateTime.format(at);
}

// ---- layout ---------------------------------------------------------------

const parts = {
  header: el('header', { class: 'exec-header' }),
  timeline: el('section', { class: 'timeline', attrs: { 'aria-label': 'Timeline' } }),
  details: el('section', { class: 'details', attrs: { 'aria-live': 'polite' } }),
  events: el('section', { class: 'events' }),
  error: el('div', { class: 'error', attrs: { role: 'alert', hidden: '' } }),
};

function layout(s: PageStrings): void {
  app.replaceChildren(
    parts.error,
    parts.header,
    el('h2', { text: s.timeline }),
    parts.timeline,
    el('h2', { text: s.details }),
    parts.details,
    el('h2', { text: s.events }),
    parts.events,
  );
  app.removeAttribute('aria-busy');
}

// ---- header ---------------------------------------------------------------

function renderHeader(): void {
  if (!model.header || !strings) return;
  const s = strings;
  const h = model.header;
  const actions = el('div', { class: 'actions' });
  for (const action of ['signal', 'requestCancel', 'terminate', 'rerun'] as WorkflowAction[]) {
    const button = el('button', { class: `action action-${action}`, text: s[action], attrs: { type: 'button', 'data-action': action } });
    // A closed run takes no signal, cancel or termination; any run can be re-run.
    button.disabled = action !== 'rerun' && h.status !== 'open';
    button.addEventListener('click', () => post({ type: 'action', action }));
    actions.append(button);
  }
  const facts = el('dl', { class: 'facts' });
  const fact = (label: string, value: string | undefined, cls = '') => {
    if (!value) return;
    facts.append(el('div', { class: `fact ${cls}` }, el('dt', { text: label }), el('dd', { text: value })));
  };
  fact(s.workflowId, h.workflowId, 'mono');
  fact(s.runId, h.runId, 'mono');
  fact(s.domain, `${h.domain} · ${h.connection}`);
  fact(s.started, when(h.startedAt));
  fact(s.closed, h.closedAt === undefined ? undefined : when(h.closedAt));
  fact(s.timeouts, [h.executionStartToCloseTimeout && `execution ${formatTimeout(h.executionStartToCloseTimeout)}`, h.taskStartToCloseTimeout && `decision task ${formatTimeout(h.taskStartToCloseTimeout)}`].filter(Boolean).join(' · '));
  fact(s.childPolicy, h.childPolicy);
  fact(s.openCounts, formatOpenCounts(s, h.open));
  fact(s.closeReason, [h.closeReason, h.closeCause].filter(Boolean).join(' · '));
  // Parent and children: names a peer sent, so text only (textContent), each a button that asks the host to open it.
  const links = (label: string, executions: LinkedExecution[], cls: string) => {
    if (executions.length === 0) return;
    const dd = el('dd', { class: 'links' });
    for (const e of executions) {
      if (e.runId) {
        const runId = e.runId;
        const link = el('button', { class: `link ${cls}`, text: e.workflowId, attrs: { type: 'button', title: runId } });
        link.addEventListener('click', () => post({ type: 'openExecution', workflowId: e.workflowId, runId }));
        dd.append(link);
      } else dd.append(el('span', { class: `link-pending ${cls}`, text: e.workflowId }));
    }
    facts.append(el('div', { class: 'fact' }, el('dt', { text: label }), dd));
  };
  links(s.parent, h.parent ? [h.parent] : [], 'parent-link');
  links(s.children, h.children ?? [], 'child-link');
  const tags = h.tags.length ? el('div', { class: 'tags', attrs: { 'aria-label': s.tags } }, ...h.tags.map((t) => el('span', { class: 'tag', text: t }))) : undefined;
  const input = h.input !== undefined ? el('details', { class: 'input', attrs: { open: '' } }, el('summary', { text: s.input }), el('pre', { text: h.input })) : undefined;
  const status = el('span', { class: `status status-${h.status}`, text: h.cancelRequested && h.status === 'open' ? `${h.status} · cancel requested` : h.status });
  const banner = h.status !== 'open' ? el('p', { class: 'closed-banner', attrs: { role: 'status' }, text: format(s.executionClosed, h.status) }) : undefined;
  const children: (HTMLElement | undefined)[] = [el('div', { class: 'title-row' }, el('h1', { text: h.workflowType ?? h.workflowId }), status, actions), banner, facts, tags, input];
  parts.header.replaceChildren(...children.filter((c): c is HTMLElement => c !== undefined));
}

// ---- timeline -------------------------------------------------------------

/**
 * Where the timeline's nodes are: one lane row per lane, each with a canvas
 * that holds its bars and marks (one node each, by id). Inside a canvas, 100%
 * is `scale` milliseconds from `origin`, both fixed at the first render.
 */
const drawn = {
  lanes: el('div', { class: 'lanes' }),
  axis: el('div', { class: 'track axis-track' }),
  grid: el('div', { class: 'grid-layer', attrs: { 'aria-hidden': 'true' } }),
  canvases: new Map<string, HTMLElement>(),
  /** Each lane's last chunk: bars and marks go in chunks of CHUNK, each its own stacking context and layout root, so a new bar lays out and repaints its chunk, not a lane of thousands. */
  lastChunk: new Map<string, HTMLElement>(),
  items: new Map<number, HTMLElement>(),
  /** Bars still open, drawn up to the axis's end: the only bars a new range changes. */
  open: new Map<number, HTMLElement>(),
  origin: 0,
  scale: 1000,
  /** The axis's end, for open bars. */
  end: 0,
  /** The range drawn, and the width its ticks were laid out for. */
  range: undefined as { start: number; end: number } | undefined,
  width: 0,
};

/** The range to draw now: the one drawn while the history fits in it. */
function currentRange(): { start: number; end: number } {
  return shownRange(drawn.range, axisRange(model, Date.now()), model.header?.status === 'open');
}

const CHUNK = 200;

function chunkOf(laneKey: string): HTMLElement | undefined {
  const canvas = drawn.canvases.get(laneKey);
  if (!canvas) return undefined;
  let chunk = drawn.lastChunk.get(laneKey);
  if (!chunk || chunk.childElementCount >= CHUNK) {
    chunk = el('div', { class: 'chunk' });
    canvas.append(chunk);
    drawn.lastChunk.set(laneKey, chunk);
  }
  return chunk;
}

/** Percent of the canvas: `at` on the fixed scale. */
const pos = (at: number) => `${(((at - drawn.origin) / drawn.scale) * 100).toFixed(5)}%`;

function tickLabel(at: number, step: number): string {
  if (step >= 24 * 3600_000) return dayShort.format(at);
  return step >= 60_000 ? timeShort.format(at) : timeOnly.format(at);
}

/** The whole timeline anew (first render): the lanes, then every bar and mark. */
function resetTimeline(): void {
  drawn.canvases.clear();
  drawn.lastChunk.clear();
  drawn.items.clear();
  drawn.open.clear();
  itemsOfLane.clear();
  drawn.range = undefined;
  const range = currentRange();
  drawn.range = range;
  drawn.origin = range.start;
  drawn.scale = range.end - range.start;
  drawn.end = range.end;
  const axisRow = el('div', { class: 'lane axis', attrs: { 'aria-hidden': 'true' } }, el('div', { class: 'lane-label zone', text: zone }), drawn.axis);
  drawn.lanes.replaceChildren(drawn.grid, axisRow);
  const ids = [...model.lanes.values()].map(laneItems).find((l) => l.length);
  if (focusBar === undefined || !model.laneOf.has(focusBar)) focusBar = ids?.[0];
  for (const lane of model.lanes.values()) {
    addLaneRow(lane);
    for (const bar of lane.bars.values()) drawItem(bar.id);
    for (const mark of lane.marks.values()) drawItem(mark.id);
  }
  parts.timeline.replaceChildren(drawn.lanes);
  updateAxis(true);
}

function addLaneRow(lane: PageLane): void {
  const canvas = el('div', { class: 'canvas' });
  drawn.canvases.set(lane.key, canvas);
  placeCanvas(canvas, drawn.range ?? currentRange());
  const track = el('div', { class: 'track' }, canvas);
  drawn.lanes.append(el('div', { class: `lane lane-${lane.kind}`, attrs: { 'data-lane': lane.key } }, el('div', { class: 'lane-label', text: lane.label, attrs: { title: lane.label } }), track));
}

function placeCanvas(canvas: HTMLElement, range: { start: number; end: number }): void {
  const span = range.end - range.start;
  canvas.style.left = `${(((drawn.origin - range.start) / span) * 100).toFixed(5)}%`;
  canvas.style.width = `${((drawn.scale / span) * 100).toFixed(5)}%`;
}

/**
 * The axis's range: the canvases' place and stretch, the open bars' ends,
 * and the ticks; no closed bar's node changes.
 */
function updateAxis(resized = false): void {
  const range = currentRange();
  if (range === drawn.range && !resized) return;
  drawn.range = range;
  if (resized || drawn.width === 0) drawn.width = Math.max(200, parts.timeline.clientWidth - 220);
  const width = drawn.width;
  // The offset at the start of the range, not today's: across a daylight-saving change, ticks stay on round local times.
  const axis = timeAxis(range.start, range.end, width, -new Date(range.start).getTimezoneOffset());
  for (const canvas of drawn.canvases.values()) placeCanvas(canvas, axis);
  drawn.end = axis.end;
  for (const [id, node] of drawn.open) {
    const bar = model.lanes.get(model.laneOf.get(id) ?? '')?.bars.get(id);
    if (bar) stretch(node, bar);
  }
  const pct = (at: number) => `${(((at - axis.start) / (axis.end - axis.start)) * 100).toFixed(3)}%`;
  const ticks: HTMLElement[] = [];
  const lines: HTMLElement[] = [];
  for (const t of axis.ticks) {
    const tick = el('span', { class: 'tick', text: tickLabel(t, axis.step) });
    tick.style.left = pct(t);
    ticks.push(tick);
    const line = el('span', { class: 'grid' });
    line.style.left = pct(t);
    lines.push(line);
  }
  drawn.axis.replaceChildren(...ticks);
  drawn.grid.replaceChildren(...lines);
}

/** A bar's place and length on the canvas, and its wait's share of it; an open bar runs to the axis's end. */
function stretch(node: HTMLElement, bar: BarView): void {
  const from = bar.scheduledAt ?? bar.startedAt ?? drawn.end;
  const to = bar.closedAt ?? Math.max(drawn.end, from);
  node.style.left = pos(from);
  node.style.width = `${(((to - from) / drawn.scale) * 100).toFixed(5)}%`;
  const wait = node.querySelector<HTMLElement>('.wait');
  if (wait && bar.startedAt !== undefined) wait.style.width = to > from ? `${(((bar.startedAt - from) / (to - from)) * 100).toFixed(2)}%` : '0';
}

/** Makes or updates the node of bar or mark `id`, in its lane's track. */
function drawItem(id: number): void {
  const lane = model.lanes.get(model.laneOf.get(id) ?? '');
  if (!lane) return;
  const bar = lane.bars.get(id);
  const mark = bar ? undefined : lane.marks.get(id);
  const old = drawn.items.get(id);
  const node = bar ? barElement(bar, lane.label) : mark ? markElement(mark, lane.label) : undefined;
  if (!node) return;
  if (old) old.replaceWith(node);
  else chunkOf(lane.key)?.append(node);
  drawn.items.set(id, node);
  if (bar && bar.closedAt === undefined) drawn.open.set(id, node);
  else drawn.open.delete(id);
  if (old && document.activeElement === old) node.focus();
}

function itemAttrs(id: number, label: string, title: string): Record<string, string> {
  return { role: 'button', tabindex: id === focusBar ? '0' : '-1', 'data-bar': String(id), 'aria-pressed': String(id === selectedBar), 'aria-label': label, title };
}

function barElement(bar: BarView, laneLabel: string): HTMLElement {
  const from = bar.scheduledAt ?? bar.startedAt;
  const node = el('div', {
    class: `bar outcome-${bar.outcome}${bar.id === selectedBar ? ' selected' : ''}`,
    attrs: itemAttrs(bar.id, `${laneLabel}: ${bar.summary}`, `${bar.summary}\n${when(from)} → ${bar.closedAt !== undefined ? when(bar.closedAt) : '…'}`),
  });
  // The wait on the task list, before a worker started it: drawn lighter.
  if (bar.startedAt !== undefined && bar.scheduledAt !== undefined) node.append(el('span', { class: 'wait' }));
  stretch(node, bar);
  // Decision tasks are many and alike: their lane says what they are.
  if (bar.kind !== 'decision') node.append(el('span', { class: 'bar-label', text: bar.label }));
  return node;
}

function markElement(mark: MarkView, laneLabel: string): HTMLElement {
  const node = el('span', { class: `mark mark-${mark.kind}${mark.id === selectedBar ? ' selected' : ''}`, attrs: itemAttrs(mark.id, `${laneLabel}: ${mark.label}, ${when(mark.at)}`, `${mark.label} · ${when(mark.at)}`) });
  node.style.left = pos(mark.at ?? drawn.origin);
  return node;
}

function setSelected(id: number | undefined, on: boolean): void {
  const node = id === undefined ? undefined : drawn.items.get(id);
  if (!node) return;
  node.classList.toggle('selected', on);
  node.setAttribute('aria-pressed', String(on));
}

function setFocusable(id: number | undefined, on: boolean): void {
  const node = id === undefined ? undefined : drawn.items.get(id);
  if (node) node.tabIndex = on ? 0 : -1;
}

function selectBar(id: number): void {
  setSelected(selectedBar, false);
  setFocusable(focusBar, false);
  selectedBar = id;
  focusBar = id;
  setSelected(id, true);
  setFocusable(id, true);
  post({ type: 'selectBar', barId: id });
}

parts.timeline.addEventListener('click', (e) => {
  const bar = (e.target as HTMLElement).closest<HTMLElement>('[data-bar]');
  if (bar) {
    selectBar(Number(bar.dataset.bar));
    bar.focus();
  }
});

parts.timeline.addEventListener('keydown', (e) => {
  const current = (e.target as HTMLElement).closest<HTMLElement>('[data-bar]');
  if (!current) return;
  const id = Number(current.dataset.bar);
  if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    selectBar(id);
    return;
  }
  const ordered = [...model.lanes.values()].map(laneItems).filter((ids) => ids.length);
  const laneIndex = ordered.findIndex((ids) => ids.includes(id));
  if (laneIndex < 0) return;
  const items = ordered[laneIndex];
  const index = items.indexOf(id);
  let next: number | undefined;
  if (e.key === 'ArrowRight') next = items[index + 1];
  else if (e.key === 'ArrowLeft') next = items[index - 1];
  else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    const lane = ordered[laneIndex + (e.key === 'ArrowDown' ? 1 : -1)];
    next = lane?.[Math.min(index, lane.length - 1)];
  } else if (e.key === 'Home') next = items[0];
  else if (e.key === 'End') next = items.at(-1);
  else return;
  e.preventDefault();
  if (next === undefined) return;
  current.tabIndex = -1;
  focusBar = next;
  const node = drawn.items.get(next);
  if (node) {
    node.tabIndex = 0;
    node.focus();
  }
});

// ---- events and details ---------------------------------------------------

function attributeValue(value: unknown): HTMLElement {
  if (typeof value === 'string') {
    const pretty = prettyIfJson(value);
    return pretty.includes('\n') || value.length > 80 ? el('pre', { text: pretty }) : el('span', { text: pretty });
  }
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    // SWF's small records: a type, a task list, an execution.
    if (typeof o.name === 'string' && Object.keys(o).length <= 2) return el('span', { text: typeof o.version === 'string' ? `${o.name} ${o.version}` : o.name });
    return el('span', { text: JSON.stringify(value) });
  }
  return el('span', { text: String(value) });
}

function prettyIfJson(text: string): string {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return text;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return text;
  }
}

function eventBlock(event: EventView): HTMLElement {
  const attrs = el('dl', { class: 'attributes' });
  for (const [key, value] of Object.entries(event.attributes)) {
    if (value === undefined) continue;
    attrs.append(el('div', { class: 'attribute' }, el('dt', { text: key }), el('dd', {}, attributeValue(value))));
  }
  return el(
    'article',
    { class: 'event', attrs: { 'data-event': String(event.eventId) } },
    el('div', { class: 'event-head' }, el('span', { class: 'event-id', text: `#${event.eventId}` }), el('span', { class: `event-type type-${outcomeClass(event.eventType)}`, text: event.eventType }), el('time', { text: when(event.at) })),
    attrs,
  );
}

function outcomeClass(eventType: string): string {
  if (/Completed$|Fired$|Signaled$/.test(eventType)) return 'completed';
  if (/Failed$|Terminated$/.test(eventType)) return 'failed';
  if (/TimedOut$/.test(eventType)) return 'timedOut';
  if (/Cancel/.test(eventType)) return 'canceled';
  return 'other';
}

function renderDetails(label: string | undefined, events: EventView[]): void {
  if (!strings) return;
  if (!label) {
    parts.details.replaceChildren(el('p', { class: 'hint', text: strings.selectBar }));
    return;
  }
  parts.details.replaceChildren(el('h3', { text: label }), ...events.map(eventBlock));
}

/** The event list's toolbar and rows, kept so a delta's new rows are appended and its counts updated in place. */
const list = {
  filter: el('select', { class: 'filter' }),
  prev: el('button', { attrs: { type: 'button', class: 'secondary' } }),
  next: el('button', { attrs: { type: 'button', class: 'secondary' } }),
  range: el('span', { class: 'range', attrs: { 'aria-live': 'polite' } }),
  rows: el('div', { class: 'event-list' }),
};
list.filter.addEventListener('change', () => post({ type: 'requestEvents', offset: 0, filter: list.filter.value }));
list.prev.addEventListener('click', () => post({ type: 'requestEvents', offset: model.page.offset - EVENT_PAGE_SIZE, filter: model.page.filter }));
list.next.addEventListener('click', () => post({ type: 'requestEvents', offset: model.page.offset + EVENT_PAGE_SIZE, filter: model.page.filter }));

function layoutEvents(s: PageStrings): void {
  list.filter.setAttribute('aria-label', s.filterByType);
  list.prev.textContent = s.previous;
  list.next.textContent = s.next;
  parts.events.replaceChildren(el('div', { class: 'toolbar' }, list.filter, list.prev, list.range, list.next), list.rows);
  renderFilter();
}

function renderFilter(): void {
  if (!strings) return;
  const options = [el('option', { text: strings.allTypes, attrs: { value: '' } }), ...model.eventTypes.map((type) => el('option', { text: type, attrs: { value: type } }))];
  list.filter.replaceChildren(...options);
  list.filter.value = model.page.filter;
}

/** The range and the buttons: what a new row changes besides itself. */
function renderPageCounts(): void {
  if (!strings) return;
  const { page } = model;
  list.prev.disabled = page.offset === 0;
  list.next.disabled = page.offset + EVENT_PAGE_SIZE >= page.total;
  list.range.textContent = page.total ? format(strings.rangeOf, page.offset + 1, page.offset + page.events.length, page.total.toLocaleString()) : strings.noEvents;
}

function renderEvents(): void {
  if (!strings) return;
  list.filter.value = model.page.filter;
  renderPageCounts();
  list.rows.replaceChildren(...model.page.events.map(eventBlock));
}

// ---- messages -------------------------------------------------------------

window.addEventListener('message', (e: MessageEvent<HostMessage>) => {
  const m = e.data;
  if (m.type === 'details') {
    if (m.barId === selectedBar) renderDetails(m.label, m.events);
    return;
  }
  if (m.type === 'error') {
    showError(m.message, m.gone ? undefined : m.retry, m.gone === true);
    return;
  }
  if (m.type !== 'events') clearError();
  const patch = applyHostMessage(model, m);
  if (m.type === 'init') {
    strings = m.strings;
    vscode.setState(m.state);
    layout(m.strings);
    layoutEvents(m.strings);
    renderHeader();
    resetTimeline();
    renderDetails(undefined, []);
    post({ type: 'requestEvents', offset: model.page.offset, filter: model.page.filter });
    post({ type: 'rendered', eventCount: model.eventCount });
    if (selectedBar !== undefined) post({ type: 'selectBar', barId: selectedBar });
    return;
  }
  if (patch.header) renderHeader();
  for (const lane of patch.lanesAdded) addLaneRow(lane);
  for (const id of patch.items) {
    itemsOfLane.delete(model.laneOf.get(id) ?? '');
    drawItem(id);
  }
  if (focusBar === undefined && patch.items.length) {
    focusBar = [...model.lanes.values()].map(laneItems).find((l) => l.length)?.[0];
    setFocusable(focusBar, true);
  }
  if (m.type === 'delta') updateAxis();
  if (patch.eventTypes) renderFilter();
  if (patch.page) renderEvents();
  if (patch.rowsAdded.length) {
    list.rows.append(...patch.rowsAdded.map(eventBlock));
  }
  if (m.type === 'delta' && m.events) renderPageCounts();
  // The selected bar changed (it started, or closed): its events again.
  if (selectedBar !== undefined && patch.items.includes(selectedBar)) post({ type: 'selectBar', barId: selectedBar });
});

function showError(message: string, retryText: string | undefined, gone = false): void {
  // Gone for good is news, not a fault: said in plain colours, politely.
  parts.error.classList.toggle('gone', gone);
  parts.error.setAttribute('role', gone ? 'status' : 'alert');
  const retry = retryText === undefined ? undefined : el('button', { class: 'secondary', text: retryText, attrs: { type: 'button' } });
  retry?.addEventListener('click', () => {
    clearError();
    post({ type: 'retry' });
  });
  parts.error.replaceChildren(el('span', { text: message }), ...(retry ? [retry] : []));
  parts.error.hidden = false;
  if (!strings) app.replaceChildren(parts.error);
}

function clearError(): void {
  parts.error.classList.remove('gone');
  parts.error.hidden = true;
  parts.error.replaceChildren();
}

// An open execution's bars grow with time even when nothing happens: the axis ends now (only the range and the ticks change).
setInterval(() => {
  if (model.header?.status === 'open' && !document.hidden) updateAxis();
}, 15_000);

let resizeTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => model.header && updateAxis(true), 100);
});

post({ type: 'ready' });
