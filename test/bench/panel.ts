/**
 * `npm run bench -- --panel`: the execution panel at SWF's maximum history.
 * A 25,000-event history (decision tasks, activities with retries, timers,
 * signals), then a delta of 2 events (a signal and the decision task it
 * schedules), as a live panel meets them:
 * - the time to fold the history into the timeline model;
 * - the bytes the host posts to the page for the first render and for the
 *   delta (the messages themselves, and the follow-ups the page asks for);
 * - the time the real page bundle (dist/webview/execution.js, in headless
 *   Chromium under the panel's CSP) takes to draw them.
 *
 * The page is served from a loopback HTTP server this bench starts and stops,
 * with a stub `acquireVsCodeApi` that records what the page posts; the bench
 * answers those posts as the host does. A render is timed inside the page:
 * from the message's text (parsed there, as the webview deserialises a
 * post) to the next frame after the page settled (layout included).
 */
import type { HistoryEvent } from '@aws-sdk/client-swf';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { applyEvents, buildTimeline } from '../../src/history/timelineFold';
import type { TimelineModel } from '../../src/history/timelineModel';
import * as protocol from '../../src/webview/execution/protocol';
import type { HostMessage, PageMessage } from '../../src/webview/execution/protocol';
import { PANEL_ROOT as ROOT, PANEL_STRINGS as STRINGS, servePanelPage } from '../fixtures/panelPage';
import { closeBrowser, launchChromium, newLoopbackPage } from '../runner/browser';

const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);

/**
 * A long-running workflow's history, `count` events: each turn a decision
 * task, then an activity (one of 40 activity IDs, every tenth attempt fails
 * and is retried), a timer every fifth turn, a signal every seventh.
 */
export function panelHistory(count: number): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  let t = T0;
  const add = (eventType: string, attrs: Record<string, unknown> = {}): number => {
    const eventId = events.length + 1;
    t += 700 + (eventId % 5) * 300;
    events.push({ eventId, eventType, eventTimestamp: new Date(t), ...attrs } as HistoryEvent);
    return eventId;
  };
  add('WorkflowExecutionStarted', {
    workflowExecutionStartedEventAttributes: {
      workflowType: { name: 'BatchWorkflow', version: '3.2' }, taskList: { name: 'deciders' }, childPolicy: 'TERMINATE',
      executionStartToCloseTimeout: '31536000', taskStartToCloseTimeout: '30', tagList: ['batch', 'eu-west-1'],
      input: JSON.stringify({ batchId: 'b-77', items: Array.from({ length: 40 }, (_, i) => ({ sku: `SKU-${i}`, qty: i })) }),
    },
  });
  const decide = () => {
    const scheduled = add('DecisionTaskScheduled', { decisionTaskScheduledEventAttributes: { taskList: { name: 'deciders' }, startToCloseTimeout: '30' } });
    const started = add('DecisionTaskStarted', { decisionTaskStartedEventAttributes: { scheduledEventId: scheduled, identity: 'decider-1@ip-10-0-0-12' } });
    return add('DecisionTaskCompleted', { decisionTaskCompletedEventAttributes: { scheduledEventId: scheduled, startedEventId: started } });
  };
  let turn = 0;
  // Leave room for the last turn (at most 13 events) so the history ends between turns.
  while (events.length < count - 14) {
    turn++;
    const completed = decide();
    const activityId = `process-${turn % 40}`;
    const scheduled = add('ActivityTaskScheduled', {
      activityTaskScheduledEventAttributes: { activityId, activityType: { name: 'ProcessItem', version: '1.4' }, taskList: { name: 'workers' }, decisionTaskCompletedEventId: completed, input: `{"item":${turn}}`, startToCloseTimeout: '300', scheduleToStartTimeout: '60', scheduleToCloseTimeout: '360', heartbeatTimeout: 'NONE' },
    });
    const started = add('ActivityTaskStarted', { activityTaskStartedEventAttributes: { scheduledEventId: scheduled, identity: `worker-${turn % 7}@ip-10-0-1-${turn % 200}` } });
    if (turn % 10 === 0) add('ActivityTaskFailed', { activityTaskFailedEventAttributes: { scheduledEventId: scheduled, startedEventId: started, reason: 'upstream timeout', details: '{"retryable":true}' } });
    else add('ActivityTaskCompleted', { activityTaskCompletedEventAttributes: { scheduledEventId: scheduled, startedEventId: started, result: `{"item":${turn},"ok":true}` } });
    if (turn % 5 === 0) {
      const done = decide();
      const timer = add('TimerStarted', { timerStartedEventAttributes: { timerId: 'backoff', startToFireTimeout: '5', decisionTaskCompletedEventId: done } });
      add('TimerFired', { timerFiredEventAttributes: { timerId: 'backoff', startedEventId: timer } });
    }
    if (turn % 7 === 0) add('WorkflowExecutionSignaled', { workflowExecutionSignaledEventAttributes: { signalName: 'ItemsAdded', input: `{"count":${turn % 13}}` } });
  }
  decide();
  // Markers up to exactly `count`: a decider's notes.
  while (events.length < count) add('MarkerRecorded', { markerRecordedEventAttributes: { markerName: 'checkpoint', details: `{"turn":${turn}}` } });
  return events;
}

/** The 2 events SWF records when a signal reaches an idle execution. */
export function signalDelta(after: readonly HistoryEvent[]): HistoryEvent[] {
  const last = after.at(-1)!;
  const at = (last.eventTimestamp as Date).getTime();
  return [
    { eventId: last.eventId! + 1, eventType: 'WorkflowExecutionSignaled', eventTimestamp: new Date(at + 2000), workflowExecutionSignaledEventAttributes: { signalName: 'ItemsAdded', input: '{"count":2}' } },
    { eventId: last.eventId! + 2, eventType: 'DecisionTaskScheduled', eventTimestamp: new Date(at + 2000), decisionTaskScheduledEventAttributes: { taskList: { name: 'deciders' }, startToCloseTimeout: '30' } },
  ] as HistoryEvent[];
}

/**
 * What ExecutionPanel posts, without VS Code: the host side of the protocol
 * (protocol.ts initMessage, deltaMessage, eventPage) over one model, as
 * src/views/executionPanel.ts uses it.
 */
class HostSim {
  readonly model: TimelineModel;
  readonly events: HistoryEvent[];
  private readonly posted = protocol.postedState();
  /** The bytes of the delta as it was before deltas were bar-level: every lane the read touched, whole, and the whole header. */
  naiveDeltaBytes = 0;

  constructor(history: readonly HistoryEvent[]) {
    this.events = [...history];
    this.model = buildTimeline('batch-77', 'run-1', history);
  }

  init(): HostMessage {
    return protocol.initMessage(this.model, this.events, ROOT, { strings: { ...STRINGS }, state: { root: {}, workflowId: 'batch-77', runId: 'run-1' } }, this.posted);
  }

  apply(fresh: HistoryEvent[]): HostMessage {
    const delta = applyEvents(this.model, fresh);
    this.events.push(...fresh);
    const keys = new Set<string>([...delta.lanesAdded.map((l) => l.key), ...delta.barsChanged.map((b) => b.laneKey), ...delta.marksAdded.map((m) => m.laneKey)]);
    this.naiveDeltaBytes = Buffer.byteLength(JSON.stringify({
      type: 'delta',
      header: delta.headerChanged ? protocol.toHeaderView(this.model.header, ROOT) : undefined,
      lanes: [...keys].flatMap((k) => {
        const lane = this.model.lanes.get(k);
        return lane ? [protocol.toLaneView(lane)] : [];
      }),
      lastEventAt: this.model.lastEventAt?.getTime(),
      eventCount: this.events.length,
      eventTypes: [...protocol.eventTypesOf(this.events)].sort(),
    }));
    return protocol.deltaMessage(this.model, delta, this.events, ROOT, this.posted);
  }

  answer(message: PageMessage): HostMessage[] {
    switch (message.type) {
      case 'requestEvents': {
        const page = protocol.eventPage(this.events, message.offset, message.filter);
        this.posted.shown = { offset: page.offset, filter: page.filter };
        return [{ type: 'events', page }];
      }
      default:
        return [];
    }
  }
}

function meanMs(runs: number, run: () => void): number {
  run();
  const start = performance.now();
  for (let i = 0; i < runs; i++) run();
  return (performance.now() - start) / runs;
}

const bytes = (message: HostMessage): number => Buffer.byteLength(JSON.stringify(message));

interface Exchange {
  ms: number;
  /** Of `ms`: the page's script, the layout it forced, and the frame after it (style, paint). */
  scriptMs: number;
  layoutMs: number;
  paintMs: number;
  /** Bytes of the message(s) delivered first. */
  bytes: number;
  /** Bytes of what the host posted in answer to what the page asked for afterwards. */
  followUpBytes: number;
  rounds: number;
}

/** Delivers `messages`, then answers what the page posts until it asks for nothing more; the time covers every round. */
async function exchange(page: Page, host: HostSim, messages: HostMessage[]): Promise<Exchange> {
  let ms = 0;
  let scriptMs = 0;
  let layoutMs = 0;
  let paintMs = 0;
  let followUpBytes = 0;
  let rounds = 0;
  let batch = messages;
  while (batch.length > 0 && rounds < 5) {
    rounds++;
    const result = await page.evaluate((texts) => (window as unknown as { __deliver(t: string[]): Promise<{ ms: number; script: number; layout: number; paint: number; posted: PageMessage[] }> }).__deliver(texts), batch.map((m) => JSON.stringify(m)));
    ms += result.ms;
    scriptMs += result.script;
    layoutMs += result.layout;
    paintMs += result.paint;
    if (rounds > 1) followUpBytes += batch.reduce((n, m) => n + bytes(m), 0);
    batch = result.posted.flatMap((m) => host.answer(m));
  }
  return { ms, scriptMs, layoutMs, paintMs, bytes: messages.reduce((n, m) => n + bytes(m), 0), followUpBytes, rounds };
}

export interface PanelResult {
  events: number;
  lanes: number;
  bars: number;
  buildMs: number;
  initBytes: number;
  initFollowUpBytes: number;
  firstRenderMs: number;
  deltaBytes: number;
  /** The same delta as whole lanes (before bar-level deltas). */
  naiveDeltaBytes: number;
  deltaFollowUpBytes: number;
  deltaRenderMs: number;
  /** A 2-event delta past the axis's headroom: the axis grows and every lane is drawn anew. */
  axisDeltaRenderMs: number;
  /** A frame with no message, on the same page: what every render time includes anyway. */
  idleFrameMs: number;
  /** The medians' parts: script, forced layout, the frame after (style and paint). */
  firstRenderParts: [number, number, number];
  deltaRenderParts: [number, number, number];
  timelineNodes: number;
  eventListNodes: number;
}

/**
 * The history moved in time so that it ends a few seconds ago, as a live
 * panel meets a running execution: an open execution's axis runs to now, so
 * a history that ended days ago would be drawn into the axis's first pixels.
 */
export function endingNow(history: HistoryEvent[], now = Date.now()): HistoryEvent[] {
  const shift = now - 5000 - (history.at(-1)!.eventTimestamp as Date).getTime();
  return history.map((e) => ({ ...e, eventTimestamp: new Date((e.eventTimestamp as Date).getTime() + shift) }));
}

export async function benchPanel(log: (line: string) => void, runs = 5): Promise<PanelResult> {
  const history = endingNow(panelHistory(25_000));
  let model: TimelineModel | undefined;
  const buildMs = meanMs(10, () => (model = buildTimeline('batch-77', 'run-1', history)));
  const bars = [...model!.lanes.values()].reduce((n, l) => n + l.bars.length, 0);
  const decisionBars = model!.lanes.get('decision:')?.bars.length ?? 0;
  log(`\npanel: ${history.length.toLocaleString('en-US')}-event history -> ${model!.lanes.size} lanes, ${bars.toLocaleString('en-US')} bars (${decisionBars.toLocaleString('en-US')} decision tasks), model built in ${buildMs.toFixed(1)} ms (buildTimeline, mean of 10)`);

  const server = await servePanelPage();
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-panel-'));
  const browser = await launchChromium(stateDir);
  let naiveDeltaBytes = 0;
  const idle: number[] = [];
  const samples: { first: Exchange; delta: Exchange; axisDelta: Exchange; timelineNodes: number; eventListNodes: number }[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const page = await newLoopbackPage(browser, log, { width: 1280, height: 900 });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await page.goto(`${server.origin}/`);
      await page.waitForFunction(() => (window as unknown as { __posted: PageMessage[] }).__posted.some((m) => m.type === 'ready'));
      await page.evaluate(() => ((window as unknown as { __posted: unknown[] }).__posted = []));
      const host = new HostSim(history);
      const first = await exchange(page, host, [host.init()]);
      const delta = await exchange(page, host, [host.apply(signalDelta(host.events))]);
      naiveDeltaBytes = host.naiveDeltaBytes;
      // A frame with nothing to draw: the floor under every render time above.
      idle.push((await page.evaluate(() => (window as unknown as { __deliver(t: string[]): Promise<{ ms: number }> }).__deliver([]))).ms);
      // The same 2 events a tenth of the history's span later: past the axis's headroom, so every lane is drawn anew.
      const span = (host.events.at(-1)!.eventTimestamp as Date).getTime() - (host.events[0].eventTimestamp as Date).getTime();
      const late = signalDelta(host.events).map((e) => ({ ...e, eventTimestamp: new Date((e.eventTimestamp as Date).getTime() + span / 10) }));
      const axisBefore = await page.evaluate(() => document.querySelector('.axis-track')?.innerHTML);
      const axisDelta = await exchange(page, host, [host.apply(late)]);
      if ((await page.evaluate(() => document.querySelector('.axis-track')?.innerHTML)) === axisBefore) errors.push('the late delta did not move the axis');
      // What the lanes' canvases drew (each says how many bars and marks its last drawing had).
      const counts = await page.evaluate(() => ({ timeline: document.querySelectorAll('.timeline *').length, events: document.querySelectorAll('.events *').length, signals: Number(document.querySelector<HTMLElement>('.lane[data-lane="signal:"] canvas')?.dataset.marks), decisions: Number(document.querySelector<HTMLElement>('.lane[data-lane="decision:"] canvas')?.dataset.bars) }));
      const wantSignals = host.model.lanes.get('signal:')?.marks.length;
      const wantDecisions = host.model.lanes.get('decision:')?.bars.length;
      if (counts.signals !== wantSignals || counts.decisions !== wantDecisions) errors.push(`the page shows ${counts.signals} signals and ${counts.decisions} decision bars; the model has ${wantSignals} and ${wantDecisions}`);
      if (errors.length) throw new Error(`the page failed: ${errors.join('; ')}`);
      samples.push({ first, delta, axisDelta, timelineNodes: counts.timeline, eventListNodes: counts.events });
      await page.close();
    }
  } finally {
    await closeBrowser(browser);
    await server.close();
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const s = samples[0];
  const parts = (xs: Exchange[]): [number, number, number] => {
    const m = [...xs].sort((a, b) => a.ms - b.ms)[Math.floor(xs.length / 2)];
    return [m.scriptMs, m.layoutMs, m.paintMs].map((n) => Number(n.toFixed(1))) as [number, number, number];
  };
  const result: PanelResult = {
    events: history.length,
    lanes: model!.lanes.size,
    bars,
    buildMs: Number(buildMs.toFixed(1)),
    initBytes: s.first.bytes,
    initFollowUpBytes: s.first.followUpBytes,
    firstRenderMs: Number(median(samples.map((x) => x.first.ms)).toFixed(1)),
    deltaBytes: s.delta.bytes,
    naiveDeltaBytes,
    deltaFollowUpBytes: s.delta.followUpBytes,
    deltaRenderMs: Number(median(samples.map((x) => x.delta.ms)).toFixed(1)),
    idleFrameMs: Number(median(idle).toFixed(1)),
    firstRenderParts: parts(samples.map((x) => x.first)),
    deltaRenderParts: parts(samples.map((x) => x.delta)),
    axisDeltaRenderMs: Number(median(samples.map((x) => x.axisDelta.ms)).toFixed(1)),
    timelineNodes: s.timelineNodes,
    eventListNodes: s.eventListNodes,
  };
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB (${n.toLocaleString('en-US')} bytes)`;
  log(`panel: first render posts ${kib(result.initBytes)} + ${kib(result.initFollowUpBytes)} of event list; drawn in ${result.firstRenderMs} ms (median of ${runs}, headless Chromium; script ${result.firstRenderParts[0]}, layout ${result.firstRenderParts[1]}, frame ${result.firstRenderParts[2]})`);
  log(`panel: a 2-event delta (signal + decision task) posts ${kib(result.deltaBytes)} + ${kib(result.deltaFollowUpBytes)} asked for after it (as whole lanes: ${kib(result.naiveDeltaBytes)}); drawn in ${result.deltaRenderMs} ms (median of ${runs}; script ${result.deltaRenderParts[0]}, layout ${result.deltaRenderParts[1]}, frame ${result.deltaRenderParts[2]})`);
  log(`panel: a 2-event delta past the axis's headroom (every lane drawn anew) drawn in ${result.axisDeltaRenderMs} ms (median of ${runs})`);
  log(`panel: a frame with nothing to draw takes ${result.idleFrameMs} ms on the same page (median of ${runs})`);
  log(`panel: DOM nodes in the timeline ${result.timelineNodes.toLocaleString('en-US')}, in the event list ${result.eventListNodes.toLocaleString('en-US')}`);
  return result;
}
