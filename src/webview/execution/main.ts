/**
 * The execution panel's page (bundled to dist/webview/execution.js, run in
 * the webview): draws what the host posts (header, timeline, one page of the
 * event list, the selected bar's events) with plain DOM and, for the
 * timeline's bars and marks, one <canvas> per lane; it posts back what the
 * person does. Text goes in through textContent (or a canvas's fillText)
 * only, never as HTML: inputs, results and reasons are whatever a worker
 * wrote.
 *
 * What it knows lives in pageModel.ts; each message's patch says what
 * changed, and only that is drawn again: a delta of 2 events in a
 * 25,000-event history redraws the canvases of the two lanes it touched.
 * The items a person touches (under the pointer, the keyboard's tab stop,
 * the selected one) are DOM nodes over the canvases, so the tooltip, the
 * click, the focus ring and the screen reader's label work as on any
 * button. The event list is one page (EVENT_PAGE_SIZE rows) at a time.
 *
 * It keeps `{ root, workflowId, runId }` with setState, so VS Code's
 * serializer can reopen the panel after a window reload.
 */
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import './execution.css';
import { barBox, canDrawOnTop, drawPlan, hitTest, LABEL_INSET_PX, MARK_PX, markX, type Span, touchedItems } from './laneGeometry';
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
 * Where the timeline's nodes are: one lane row per lane, its track holding
 * one <canvas> on which all the lane's bars and marks are drawn
 * (laneGeometry.ts places them), and, over the canvases, a DOM node for each
 * of the few items a person touches (`touchedItems`: the one under the
 * pointer, with its tooltip and click; the keyboard's tab stop; the selected
 * one). At 25,000 events a page of one node per bar painted and layerized
 * 8,000 bars every frame; a delta now redraws the canvases of the lanes it
 * changed, and a new axis range redraws them all (a few ms).
 */
const drawn = {
  lanes: el('div', { class: 'lanes' }),
  axis: el('div', { class: 'track axis-track' }),
  grid: el('div', { class: 'grid-layer', attrs: { 'aria-hidden': 'true' } }),
  tracks: new Map<string, HTMLElement>(),
  canvases: new Map<string, HTMLCanvasElement>(),
  /** The DOM nodes of the touched items, by id. */
  touched: new Map<number, HTMLElement>(),
  /** The range shown (shownRange), and the axis drawn for it. */
  range: undefined as { start: number; end: number } | undefined,
  span: undefined as Span | undefined,
  /** A track's size in CSS px, as the canvases were drawn for it. */
  width: 0,
  height: 0,
};
/** The item under the pointer, if any. */
let hovered: number | undefined;

/** The range to draw now: the one drawn while the history fits in it. */
function currentRange(): { start: number; end: number } {
  return shownRange(drawn.range, axisRange(model, Date.now()), model.header?.status === 'open');
}

function tickLabel(at: number, step: number): string {
  if (step >= 24 * 3600_000) return dayShort.format(at);
  return step >= 60_000 ? timeShort.format(at) : timeOnly.format(at);
}

function resetTimeline(): void {
  drawn.tracks.clear();
  drawn.canvases.clear();
  drawn.touched.clear();
  itemsOfLane.clear();
  drawn.range = undefined;
  hovered = undefined;
  const axisRow = el('div', { class: 'lane axis', attrs: { 'aria-hidden': 'true' } }, el('div', { class: 'lane-label zone', text: zone }), drawn.axis);
  drawn.lanes.replaceChildren(drawn.grid, axisRow);
  if (focusBar === undefined || !model.laneOf.has(focusBar)) focusBar = [...model.lanes.values()].map(laneItems).find((l) => l.length)?.[0];
  for (const lane of model.lanes.values()) addLaneRow(lane);
  parts.timeline.replaceChildren(drawn.lanes);
  palette = readPalette();
  updateAxis(true);
}

function addLaneRow(lane: PageLane): void {
  const canvas = el('canvas', { class: 'lane-canvas', attrs: { 'aria-hidden': 'true' } });
  drawn.canvases.set(lane.key, canvas);
  const track = el('div', { class: 'track' }, canvas);
  drawn.tracks.set(lane.key, track);
  drawn.lanes.append(el('div', { class: `lane lane-${lane.kind}`, attrs: { 'data-lane': lane.key } }, el('div', { class: 'lane-label', text: lane.label, attrs: { title: lane.label } }), track));
}

/**
 * The axis's range: the ticks, every canvas and the touched nodes; unless
 * the range changed (or the page was resized), nothing. True if it drew.
 */
function updateAxis(resized = false): boolean {
  const range = currentRange();
  if (range === drawn.range && !resized) return false;
  drawn.range = range;
  if (resized || drawn.width === 0) {
    const track = drawn.tracks.values().next().value ?? drawn.axis;
    drawn.width = Math.max(200, track.clientWidth);
    drawn.height = Math.max(LANE_PX, track.clientHeight);
  }
  // The offset at the start of the range, not today's: across a daylight-saving change, ticks stay on round local times.
  const axis = timeAxis(range.start, range.end, drawn.width, -new Date(range.start).getTimezoneOffset());
  drawn.span = { start: axis.start, end: axis.end };
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
  for (const key of drawn.canvases.keys()) drawLane(key);
  syncTouched(new Set(drawn.touched.keys()));
  return true;
}

// -- the canvases

/** A lane's height in CSS px at least (execution.css: .lane's min-height), and its bars' and marks' place in it (.bar, .mark). */
const LANE_PX = 26;
const BAR_TOP = 4;
const BAR_PX = 18;
const MARK_TOP = 6;

/** The theme's colours as the canvases draw them, read from the page's CSS variables (VS Code sets them; a theme change resets them). */
interface Palette {
  outcome: Record<BarView['outcome'], string>;
  mark: (kind: MarkView['kind']) => string;
  markBorder: string;
  background: string;
  foreground: string;
  font: string;
  stripes: CanvasPattern | string;
  /** Each outcome's tint (38% of its colour on the background, as .bar's color-mix), and its wait (the tint under 60% background). */
  tint: Record<BarView['outcome'], string>;
  wait: Record<BarView['outcome'], string>;
}
let palette: Palette | undefined;

function readPalette(): Palette {
  const root = getComputedStyle(document.documentElement);
  const body = getComputedStyle(document.body);
  const css = (name: string, fallback: string) => root.getPropertyValue(name).trim() || fallback;
  // Bars are drawn opaque (drawPlan leaves out the hidden ones): on the theme's background, or white outside VS Code.
  const background = css('--vscode-editor-background', body.backgroundColor === 'rgba(0, 0, 0, 0)' ? '#ffffff' : body.backgroundColor);
  const outcome = { completed: css('--c-completed', '#388a34'), failed: css('--c-failed', '#e51400'), timedOut: css('--c-timedOut', '#d18616'), canceled: css('--c-canceled', '#8b8b8b'), open: css('--c-open', '#1a85ff') } as Palette['outcome'];
  const marks: Record<string, string> = { refused: outcome.failed, cancelRequest: outcome.timedOut };
  const purple = css('--c-mark', '#b180d7');
  const size = parseFloat(body.fontSize) || 13;
  return {
    outcome,
    mark: (kind) => marks[kind] ?? purple,
    markBorder: css('--c-mark-border', 'transparent'),
    background,
    foreground: body.color,
    font: `${(size * 0.85).toFixed(2)}px ${body.fontFamily}`,
    stripes: stripes(outcome.open) ?? outcome.open,
    tint: mapOutcomes(outcome, (c) => mix(c, background, 0.38)),
    wait: mapOutcomes(outcome, (c) => mix(background, mix(c, background, 0.38), 0.6)),
  };
}

function mapOutcomes(outcome: Palette['outcome'], f: (colour: string) => string): Palette['outcome'] {
  return Object.fromEntries(Object.entries(outcome).map(([k, c]) => [k, f(c)])) as Palette['outcome'];
}

/** `over` at `alpha` on `under`, as one opaque colour (painted on a pixel and read back: any CSS colour the theme uses). */
function mix(over: string, under: string, alpha: number): string {
  const pixel = document.createElement('canvas');
  pixel.width = pixel.height = 1;
  const c = pixel.getContext('2d', { willReadFrequently: true });
  if (!c) return over;
  c.fillStyle = under;
  c.fillRect(0, 0, 1, 1);
  c.globalAlpha = alpha;
  c.fillStyle = over;
  c.fillRect(0, 0, 1, 1);
  const [r, g, b] = c.getImageData(0, 0, 1, 1).data;
  return `rgb(${r}, ${g}, ${b})`;
}

/** Still running: stripes (as .outcome-open's gradient), a tile of 12 px repeated. */
function stripes(colour: string): CanvasPattern | undefined {
  const tile = document.createElement('canvas');
  tile.width = tile.height = 12;
  const t = tile.getContext('2d');
  if (!t) return undefined;
  t.globalAlpha = 0.2;
  t.fillStyle = colour;
  t.fillRect(0, 0, 12, 12);
  t.globalAlpha = 0.45;
  t.strokeStyle = colour;
  t.lineWidth = 4.2;
  for (const o of [-12, 0, 12]) {
    t.beginPath();
    t.moveTo(o, 12);
    t.lineTo(o + 12, 0);
    t.stroke();
  }
  return t.createPattern(tile, 'repeat') ?? undefined;
}

/**
 * Draws lane `key`: anew (its bars in the order they opened, a later one over
 * an earlier, then its marks over them), or, given `added`, only those new
 * items over what is drawn, when that leaves what a drawing anew would.
 */
function drawLane(key: string, added?: readonly number[]): void {
  const lane = model.lanes.get(key);
  const canvas = drawn.canvases.get(key);
  const span = drawn.span;
  if (!lane || !canvas || !span || !palette) return;
  const dpr = window.devicePixelRatio || 1;
  const { width, height } = drawn;
  const w = Math.round(width * dpr);
  const h = Math.round(height * dpr);
  const fresh = canvas.width !== w || canvas.height !== h;
  if (fresh) {
    canvas.width = w;
    canvas.height = h;
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.font = palette.font;
  ctx.textBaseline = 'middle';
  ctx.lineWidth = 1;
  const counts = { bars: Number(canvas.dataset.bars ?? 0), marks: Number(canvas.dataset.marks ?? 0) };
  const onTop = !fresh && added !== undefined && canDrawOnTop(lane, added);
  if (!onTop) {
    ctx.clearRect(0, 0, width, height);
    counts.bars = counts.marks = 0;
  }
  const draw = (id: number) => {
    const bar = lane.bars.get(id);
    const mark = bar ? undefined : lane.marks.get(id);
    if (bar) {
      drawBar(ctx, palette!, bar, barBox(bar, span, width), labelled(bar));
      counts.bars++;
    } else if (mark) {
      drawMark(ctx, palette!, mark, markX(mark, span, width));
      counts.marks++;
    }
  };
  if (onTop) {
    for (const id of added!) if (lane.bars.has(id)) draw(id);
    for (const id of added!) if (lane.marks.has(id)) draw(id);
  } else {
    // The bars the next one hides are left out (laneGeometry.ts drawPlan); they still count as drawn.
    for (const step of drawPlan([...lane.bars.values()], span, width, labelled)) drawBar(ctx, palette, step.bar, step.box, step.label);
    counts.bars = lane.bars.size;
    for (const id of lane.marks.keys()) draw(id);
  }
  // What is drawn, for the bench and the page tests to check against the model.
  canvas.dataset.bars = String(counts.bars);
  canvas.dataset.marks = String(counts.marks);
}

/** A bar as .bar draws it: a tint of the outcome's colour, its wait lighter, a 1 px border (3 px on the left), its label (not for decision tasks). */
/** Decision tasks are many and alike: their lane says what they are, their bars have no label. */
const labelled = (bar: BarView) => bar.kind !== 'decision';

function drawBar(ctx: CanvasRenderingContext2D, p: Palette, bar: BarView, box: { x: number; w: number; wait: number }, label: boolean): void {
  // The border's colour under all of it, the tint inside (opaque colours mixed once per theme: two rectangles a bar, thousands of bars).
  ctx.fillStyle = p.outcome[bar.outcome];
  ctx.fillRect(box.x, BAR_TOP, box.w, BAR_PX);
  const inner = { x: box.x + 3, w: box.w - 4 };
  if (inner.w > 0) {
    if (bar.outcome === 'open') {
      ctx.fillStyle = p.background;
      ctx.fillRect(inner.x, BAR_TOP + 1, inner.w, BAR_PX - 2);
    }
    ctx.fillStyle = bar.outcome === 'open' ? p.stripes : p.tint[bar.outcome];
    ctx.fillRect(inner.x, BAR_TOP + 1, inner.w, BAR_PX - 2);
    const wait = Math.min(inner.w, box.wait - 3);
    if (wait > 0) {
      ctx.fillStyle = p.wait[bar.outcome];
      ctx.fillRect(inner.x, BAR_TOP + 1, wait, BAR_PX - 2);
    }
  }
  if (label) {
    ctx.fillStyle = p.foreground;
    ctx.fillText(bar.label, box.x + LABEL_INSET_PX, BAR_TOP + BAR_PX / 2);
  }
}

/** A mark as .mark draws it: a diamond 10 px wide, centred on its time. */
function drawMark(ctx: CanvasRenderingContext2D, p: Palette, mark: MarkView, x: number): void {
  const r = (MARK_PX / 2) * Math.SQRT2;
  const y = MARK_TOP + MARK_PX / 2;
  ctx.beginPath();
  ctx.moveTo(x, y - r);
  ctx.lineTo(x + r, y);
  ctx.lineTo(x, y + r);
  ctx.lineTo(x - r, y);
  ctx.closePath();
  ctx.fillStyle = p.mark(mark.kind);
  ctx.fill();
  if (p.markBorder !== 'transparent') {
    ctx.strokeStyle = p.markBorder;
    ctx.stroke();
  }
}

// A theme change sets VS Code's variables on <html> and the theme's class on <body>: the canvases take the new colours.
const themeWatch = new MutationObserver(() => {
  if (!drawn.span) return;
  palette = readPalette();
  for (const key of drawn.canvases.keys()) drawLane(key);
});
themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
themeWatch.observe(document.body, { attributes: true, attributeFilter: ['class'] });

// -- the touched items' nodes

/**
 * Makes, updates or removes the DOM nodes over the canvases so that exactly
 * the touched items have one; those in `changed` (their item or the axis
 * changed) are made anew. A node that had focus passes it to its new one.
 */
function syncTouched(changed: ReadonlySet<number> = new Set()): void {
  const want = touchedItems(hovered, focusBar, selectedBar);
  for (const id of want) {
    const old = drawn.touched.get(id);
    if (old && !changed.has(id)) {
      setItemState(old, id);
      continue;
    }
    const node = itemNode(id);
    if (!node) continue;
    if (old) old.replaceWith(node);
    else drawn.tracks.get(model.laneOf.get(id) ?? '')?.append(node);
    drawn.touched.set(id, node);
    if (old && document.activeElement === old) node.focus();
  }
  for (const [id, node] of drawn.touched) {
    if (want.has(id)) continue;
    node.remove();
    drawn.touched.delete(id);
  }
}

function setItemState(node: HTMLElement, id: number): void {
  node.classList.toggle('selected', id === selectedBar);
  node.setAttribute('aria-pressed', String(id === selectedBar));
  node.tabIndex = id === focusBar ? 0 : -1;
}

function itemNode(id: number): HTMLElement | undefined {
  const lane = model.lanes.get(model.laneOf.get(id) ?? '');
  const span = drawn.span;
  if (!lane || !span) return undefined;
  const bar = lane.bars.get(id);
  const mark = bar ? undefined : lane.marks.get(id);
  return bar ? barElement(bar, lane.label, span) : mark ? markElement(mark, lane.label, span) : undefined;
}

function itemAttrs(id: number, label: string, title: string): Record<string, string> {
  return { role: 'button', tabindex: id === focusBar ? '0' : '-1', 'data-bar': String(id), 'aria-pressed': String(id === selectedBar), 'aria-label': label, title };
}

/** A bar's node, over its drawing on the canvas (same box, laneGeometry.ts). */
function barElement(bar: BarView, laneLabel: string, span: Span): HTMLElement {
  const from = bar.scheduledAt ?? bar.startedAt;
  const node = el('div', {
    class: `bar outcome-${bar.outcome}${bar.id === selectedBar ? ' selected' : ''}`,
    attrs: itemAttrs(bar.id, `${laneLabel}: ${bar.summary}`, `${bar.summary}\n${when(from)} → ${bar.closedAt !== undefined ? when(bar.closedAt) : '…'}`),
  });
  const box = barBox(bar, span, drawn.width);
  node.style.left = `${box.x.toFixed(2)}px`;
  node.style.width = `${box.w.toFixed(2)}px`;
  // The wait on the task list, before a worker started it: drawn lighter.
  if (box.wait > 0) {
    const wait = el('span', { class: 'wait' });
    wait.style.width = `${box.wait.toFixed(2)}px`;
    node.append(wait);
  }
  if (bar.kind !== 'decision') node.append(el('span', { class: 'bar-label', text: bar.label }));
  return node;
}

function markElement(mark: MarkView, laneLabel: string, span: Span): HTMLElement {
  const node = el('span', { class: `mark mark-${mark.kind}${mark.id === selectedBar ? ' selected' : ''}`, attrs: itemAttrs(mark.id, `${laneLabel}: ${mark.label}, ${when(mark.at)}`, `${mark.label} · ${when(mark.at)}`) });
  node.style.left = `${markX(mark, span, drawn.width).toFixed(2)}px`;
  return node;
}

/** The item drawn under the pointer of `e` on a lane's canvas, if any. */
function itemAt(e: MouseEvent): number | undefined {
  const canvas = e.target instanceof HTMLCanvasElement ? e.target : undefined;
  const key = canvas?.closest<HTMLElement>('.lane')?.dataset.lane;
  const lane = key === undefined ? undefined : model.lanes.get(key);
  if (!canvas || !lane || !drawn.span) return undefined;
  // In the px the canvas was drawn in, should its box have changed since.
  const box = canvas.getBoundingClientRect();
  return hitTest(lane.bars.values(), lane.marks.values(), drawn.span, drawn.width, ((e.clientX - box.left) / (box.width || 1)) * drawn.width);
}

function selectBar(id: number): void {
  selectedBar = id;
  focusBar = id;
  syncTouched();
  post({ type: 'selectBar', barId: id });
}

// The pointer over a drawn item makes its node: the node shows the tooltip (title) and takes the click.
parts.timeline.addEventListener('mousemove', (e) => {
  if ((e.target as HTMLElement).closest('[data-bar]')) return;
  const id = itemAt(e);
  if (id === hovered) return;
  hovered = id;
  syncTouched();
});
parts.timeline.addEventListener('mouseleave', () => {
  if (hovered === undefined) return;
  hovered = undefined;
  syncTouched();
});

parts.timeline.addEventListener('click', (e) => {
  const node = (e.target as HTMLElement).closest<HTMLElement>('[data-bar]');
  const id = node ? Number(node.dataset.bar) : itemAt(e);
  if (id === undefined) return;
  selectBar(id);
  drawn.touched.get(id)?.focus();
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
  focusBar = next;
  syncTouched();
  drawn.touched.get(next)?.focus();
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
  // Which of a delta's items are new (not drawn yet): those may be drawn over their lane's canvas.
  const known = new Set(m.type === 'delta' ? [...m.bars, ...m.marks].map((i) => i.id).filter((id) => model.laneOf.has(id)) : []);
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
  // The lanes the message changed are drawn anew, unless a new axis range draws them all.
  // A lane with only new items gets them drawn over it; a lane where an item changed is drawn anew.
  const dirty = new Map<string, number[] | undefined>();
  for (const lane of patch.lanesAdded) {
    addLaneRow(lane);
    dirty.set(lane.key, undefined);
  }
  for (const id of patch.items) {
    const key = model.laneOf.get(id) ?? '';
    itemsOfLane.delete(key);
    const added = dirty.has(key) ? dirty.get(key) : [];
    dirty.set(key, added && !known.has(id) ? [...added, id] : undefined);
  }
  if (focusBar === undefined && patch.items.length) focusBar = [...model.lanes.values()].map(laneItems).find((l) => l.length)?.[0];
  if (!(m.type === 'delta' && updateAxis())) {
    for (const [key, added] of dirty) drawLane(key, added);
    syncTouched(new Set(patch.items));
  }
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

// The tracks' width changes with the window, and also when a scrollbar comes or goes (no resize event): the canvases are drawn for the new width.
new ResizeObserver(() => {
  const track = drawn.tracks.values().next().value;
  if (model.header && drawn.span && track && track.clientWidth !== drawn.width) updateAxis(true);
}).observe(parts.timeline);

post({ type: 'ready' });
