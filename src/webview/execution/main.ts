/**
 * The execution panel's page (bundled to dist/webview/execution.js, run in
 * the webview): draws what the host posts (header, timeline, one page of the
 * event list, the selected bar's events) with plain DOM, and posts back what
 * the person does. Text goes in through textContent only, never as HTML:
 * inputs, results and reasons are whatever a worker wrote.
 *
 * It keeps `{ root, workflowId, runId }` with setState, so VS Code's
 * serializer can reopen the panel after a window reload.
 */
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import './execution.css';
import { axisFraction, type BarView, type EventPage, type EventView, EVENT_PAGE_SIZE, formatTimeout, type HeaderView, type HostMessage, type LaneView, type PageMessage, type PageStrings, timeAxis, type WorkflowAction } from './protocol';

interface VsCodeApi {
  postMessage(message: PageMessage): void;
  setState(state: unknown): void;
  getState(): unknown;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;

let strings: PageStrings | undefined;
let header: HeaderView | undefined;
const lanes = new Map<string, LaneView>();
let lastEventAt: number | undefined;
let eventCount = 0;
let eventTypes: string[] = [];
let page: EventPage = { offset: 0, total: 0, filter: '', events: [] };
let selectedBar: number | undefined;
/** The bar or mark that takes Tab (roving tabindex), so the timeline is one tab stop. */
let focusBar: number | undefined;

/** What a lane offers to select, in time order: its bars and its marks (signals, markers, cancel requests, refused decisions). */
function laneItems(lane: LaneView): number[] {
  const items: { id: number; at: number }[] = [
    ...lane.bars.map((b) => ({ id: b.id, at: b.scheduledAt ?? b.startedAt ?? Number.MAX_SAFE_INTEGER })),
    ...lane.marks.map((m) => ({ id: m.id, at: m.at ?? Number.MAX_SAFE_INTEGER })),
  ];
  return items.sort((a, b) => a.at - b.at || a.id - b.id).map((i) => i.id);
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
  if (!header || !strings) return;
  const s = strings;
  const h = header;
  const actions = el('div', { class: 'actions' });
  for (const action of ['signal', 'requestCancel', 'terminate'] as WorkflowAction[]) {
    const button = el('button', { class: `action action-${action}`, text: s[action], attrs: { type: 'button', 'data-action': action } });
    button.disabled = h.status !== 'open';
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
  fact(s.openCounts, format(s.openCountsValue, h.open.activityTasks, h.open.decisionTasks, h.open.timers, h.open.childWorkflowExecutions));
  fact(s.closeReason, [h.closeReason, h.closeCause].filter(Boolean).join(' · '));
  const tags = h.tags.length ? el('div', { class: 'tags', attrs: { 'aria-label': s.tags } }, ...h.tags.map((t) => el('span', { class: 'tag', text: t }))) : undefined;
  const input = h.input !== undefined ? el('details', { class: 'input', attrs: { open: '' } }, el('summary', { text: s.input }), el('pre', { text: h.input })) : undefined;
  const status = el('span', { class: `status status-${h.status}`, text: h.cancelRequested && h.status === 'open' ? `${h.status} · cancel requested` : h.status });
  const banner = h.status !== 'open' ? el('p', { class: 'closed-banner', attrs: { role: 'status' }, text: format(s.executionClosed, h.status) }) : undefined;
  const children: (HTMLElement | undefined)[] = [el('div', { class: 'title-row' }, el('h1', { text: h.workflowType ?? h.workflowId }), status, actions), banner, facts, tags, input];
  parts.header.replaceChildren(...children.filter((c): c is HTMLElement => c !== undefined));
}

// ---- timeline -------------------------------------------------------------

function axisRange(): { start: number; end: number } {
  const times: number[] = [];
  for (const lane of lanes.values()) {
    for (const b of lane.bars) for (const t of [b.scheduledAt, b.closedAt]) if (t !== undefined) times.push(t);
    for (const m of lane.marks) if (m.at !== undefined) times.push(m.at);
  }
  const start = header?.startedAt ?? (times.length ? Math.min(...times) : Date.now());
  const end = header?.closedAt ?? Math.max(lastEventAt ?? start, ...times, header?.status === 'open' ? Date.now() : start);
  return { start, end: Math.max(end, start + 1000) };
}

function tickLabel(at: number, step: number): string {
  if (step >= 24 * 3600_000) return dayShort.format(at);
  return step >= 60_000 ? timeShort.format(at) : timeOnly.format(at);
}

function renderTimeline(): void {
  const { start, end } = axisRange();
  const width = Math.max(200, parts.timeline.clientWidth - 220);
  // The offset at the start of the range, not today's: across a daylight-saving change, ticks stay on round local times.
  const axis = timeAxis(start, end, width, -new Date(start).getTimezoneOffset());
  const pct = (at: number) => `${(axisFraction(axis, at) * 100).toFixed(3)}%`;

  const ticks = el('div', { class: 'track axis-track' });
  for (const t of axis.ticks) {
    const tick = el('span', { class: 'tick', text: tickLabel(t, axis.step) });
    tick.style.left = pct(t);
    ticks.append(tick);
  }
  const axisRow = el('div', { class: 'lane axis', attrs: { 'aria-hidden': 'true' } }, el('div', { class: 'lane-label zone', text: zone }), ticks);

  const rows: HTMLElement[] = [axisRow];
  const ordered = [...lanes.values()];
  if (focusBar === undefined || !ordered.some((l) => laneItems(l).includes(focusBar!))) focusBar = ordered.map(laneItems).find((ids) => ids.length)?.[0];
  for (const lane of ordered) {
    const track = el('div', { class: 'track' });
    for (const t of axis.ticks) {
      const grid = el('span', { class: 'grid' });
      grid.style.left = pct(t);
      track.append(grid);
    }
    for (const bar of lane.bars) track.append(barElement(bar, axis.end, pct));
    for (const mark of lane.marks) {
      const m = el('span', {
        class: `mark mark-${mark.kind}${mark.id === selectedBar ? ' selected' : ''}`,
        attrs: { role: 'button', tabindex: mark.id === focusBar ? '0' : '-1', 'data-bar': String(mark.id), 'aria-pressed': String(mark.id === selectedBar), 'aria-label': `${lane.label}: ${mark.label}, ${when(mark.at)}`, title: `${mark.label} · ${when(mark.at)}` },
      });
      m.style.left = pct(mark.at ?? start);
      track.append(m);
    }
    rows.push(el('div', { class: `lane lane-${lane.kind}`, attrs: { 'data-lane': lane.key } }, el('div', { class: 'lane-label', text: lane.label, attrs: { title: lane.label } }), track));
  }
  const hadFocus = document.activeElement instanceof HTMLElement && document.activeElement.hasAttribute('data-bar');
  parts.timeline.replaceChildren(el('div', { class: 'lanes' }, ...rows));
  if (hadFocus && focusBar !== undefined) barNode(focusBar)?.focus();
}

function barElement(bar: BarView, axisEnd: number, pct: (at: number) => string): HTMLElement {
  const from = bar.scheduledAt ?? bar.startedAt ?? axisEnd;
  const to = bar.closedAt ?? axisEnd;
  const node = el('div', {
    class: `bar outcome-${bar.outcome}${bar.id === selectedBar ? ' selected' : ''}`,
    attrs: { role: 'button', tabindex: bar.id === focusBar ? '0' : '-1', 'data-bar': String(bar.id), 'aria-pressed': String(bar.id === selectedBar), 'aria-label': `${laneLabel(bar.id)}: ${bar.summary}`, title: `${bar.summary}\n${when(from)} → ${bar.closedAt ? when(to) : '…'}` },
  });
  node.style.left = pct(from);
  node.style.width = `calc(${pct(to)} - ${pct(from)})`;
  if (bar.startedAt !== undefined && bar.scheduledAt !== undefined && to > from) {
    // The wait on the task list, before a worker started it: drawn lighter.
    const wait = el('span', { class: 'wait' });
    wait.style.width = `${(((bar.startedAt - from) / (to - from)) * 100).toFixed(2)}%`;
    node.append(wait);
  }
  // Decision tasks are many and alike: their lane says what they are.
  if (bar.kind !== 'decision') node.append(el('span', { class: 'bar-label', text: bar.label }));
  return node;
}

/** The lane a bar is drawn in: with several activities of one type, what tells their bars apart to a screen reader. */
function laneLabel(id: number): string {
  for (const lane of lanes.values()) if (lane.bars.some((b) => b.id === id)) return lane.label;
  return '';
}

function barNode(id: number): HTMLElement | null {
  return parts.timeline.querySelector<HTMLElement>(`[data-bar="${id}"]`);
}

function selectBar(id: number): void {
  selectedBar = id;
  focusBar = id;
  for (const node of parts.timeline.querySelectorAll<HTMLElement>('[data-bar]')) {
    const on = node.dataset.bar === String(id);
    node.classList.toggle('selected', on);
    node.setAttribute('aria-pressed', String(on));
    node.tabIndex = on ? 0 : -1;
  }
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
  const ordered = [...lanes.values()].map(laneItems).filter((ids) => ids.length);
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
  const node = barNode(next);
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

function renderEvents(): void {
  if (!strings) return;
  const s = strings;
  const filter = el('select', { class: 'filter', attrs: { 'aria-label': s.filterByType } });
  filter.append(el('option', { text: s.allTypes, attrs: { value: '' } }));
  for (const type of eventTypes) filter.append(el('option', { text: type, attrs: { value: type } }));
  filter.value = page.filter;
  filter.addEventListener('change', () => post({ type: 'requestEvents', offset: 0, filter: filter.value }));

  const prev = el('button', { text: s.previous, attrs: { type: 'button', class: 'secondary' } });
  const next = el('button', { text: s.next, attrs: { type: 'button', class: 'secondary' } });
  prev.disabled = page.offset === 0;
  next.disabled = page.offset + EVENT_PAGE_SIZE >= page.total;
  prev.addEventListener('click', () => post({ type: 'requestEvents', offset: page.offset - EVENT_PAGE_SIZE, filter: page.filter }));
  next.addEventListener('click', () => post({ type: 'requestEvents', offset: page.offset + EVENT_PAGE_SIZE, filter: page.filter }));
  const range = page.total ? format(s.rangeOf, page.offset + 1, page.offset + page.events.length, page.total.toLocaleString()) : s.noEvents;
  const toolbar = el('div', { class: 'toolbar' }, filter, prev, el('span', { class: 'range', text: range, attrs: { 'aria-live': 'polite' } }), next);
  parts.events.replaceChildren(toolbar, el('div', { class: 'event-list' }, ...page.events.map(eventBlock)));
}

// ---- messages -------------------------------------------------------------

function applyLanes(changed: LaneView[]): void {
  for (const lane of changed) lanes.set(lane.key, lane);
}

window.addEventListener('message', (e: MessageEvent<HostMessage>) => {
  const m = e.data;
  switch (m.type) {
    case 'init':
      clearError();
      strings = m.strings;
      vscode.setState(m.state);
      header = m.header;
      lanes.clear();
      applyLanes(m.lanes);
      lastEventAt = m.lastEventAt;
      eventCount = m.eventCount;
      eventTypes = m.eventTypes;
      layout(m.strings);
      renderHeader();
      renderTimeline();
      renderDetails(undefined, []);
      post({ type: 'requestEvents', offset: page.offset, filter: page.filter });
      post({ type: 'rendered', eventCount });
      if (selectedBar !== undefined) post({ type: 'selectBar', barId: selectedBar });
      break;
    case 'delta': {
      clearError();
      if (m.header) {
        header = m.header;
        renderHeader();
      }
      applyLanes(m.lanes);
      lastEventAt = m.lastEventAt;
      const grew = m.eventCount !== eventCount;
      eventCount = m.eventCount;
      eventTypes = m.eventTypes;
      renderTimeline();
      // The shown page again: its total and the filter's types change, and it follows new events when it shows the end of the history.
      if (grew) post({ type: 'requestEvents', offset: page.offset, filter: page.filter });
      if (selectedBar !== undefined && m.lanes.some((l) => laneItems(l).includes(selectedBar!))) post({ type: 'selectBar', barId: selectedBar });
      break;
    }
    case 'events':
      page = m.page;
      renderEvents();
      break;
    case 'details':
      if (m.barId === selectedBar) renderDetails(m.label, m.events);
      break;
    case 'error': {
      const retry = m.retry === undefined ? undefined : el('button', { class: 'secondary', text: m.retry, attrs: { type: 'button' } });
      retry?.addEventListener('click', () => {
        clearError();
        post({ type: 'retry' });
      });
      parts.error.replaceChildren(el('span', { text: m.message }), ...(retry ? [retry] : []));
      parts.error.hidden = false;
      if (!strings) app.replaceChildren(parts.error);
      break;
    }
  }
});

function clearError(): void {
  parts.error.hidden = true;
  parts.error.replaceChildren();
}

// An open execution's bars grow with time even when nothing happens: the axis ends now.
setInterval(() => {
  if (header?.status === 'open' && !document.hidden) renderTimeline();
}, 15_000);

let resizeTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => header && renderTimeline(), 100);
});

post({ type: 'ready' });
