// Unit tests of the execution panel's deltas: an init and then a delta per read leave the page knowing what one init of the whole history would.
import * as assert from 'node:assert/strict';
import type { HistoryEvent } from '@aws-sdk/client-swf';
import fc from 'fast-check';
import { applyEvents, createTimeline } from '../../../src/history/timelineFold';
import { laneKey } from '../../../src/history/timelineModel';
import { applyHostMessage, emptyPageModel, type PageModel, shownRange } from '../../../src/webview/execution/pageModel';
import { deltaMessage, EVENT_PAGE_SIZE, eventPage, headerPatch, initMessage, type PageStrings, postedState, type PostedState } from '../../../src/webview/execution/protocol';

const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);
const ROOT = { domain: 'd', connection: 'c' };
const EXTRA = { strings: {} as PageStrings, state: { root: {}, workflowId: 'w', runId: 'r' } };

type Op = 'decision' | 'schedule' | 'start' | 'complete' | 'fail' | 'signal' | 'timer' | 'fire' | 'marker' | 'cancel';

/** A history SWF could have recorded, from a list of what happened (steps that name nothing open are skipped); `close` ends the execution. */
function historyOf(ops: [Op, number][], close: boolean): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  const add = (eventType: string, attrs: Record<string, unknown> = {}): number => {
    const eventId = events.length + 1;
    events.push({ eventId, eventType, eventTimestamp: new Date(T0 + eventId * 1000), ...attrs } as HistoryEvent);
    return eventId;
  };
  add('WorkflowExecutionStarted', { workflowExecutionStartedEventAttributes: { workflowType: { name: 'wf', version: '1' }, taskList: { name: 'd' }, childPolicy: 'TERMINATE', input: '{"a":1}' } });
  const scheduled = new Map<string, number>();
  const started = new Map<string, number>();
  let timer: number | undefined;
  for (const [op, n] of ops) {
    const id = `act-${n % 3}`;
    switch (op) {
      case 'decision': {
        const s = add('DecisionTaskScheduled');
        if (n % 4 === 0) break; // left open
        const st = add('DecisionTaskStarted', { decisionTaskStartedEventAttributes: { scheduledEventId: s, identity: 'decider' } });
        add('DecisionTaskCompleted', { decisionTaskCompletedEventAttributes: { scheduledEventId: s, startedEventId: st } });
        break;
      }
      case 'schedule':
        if (!scheduled.has(id)) scheduled.set(id, add('ActivityTaskScheduled', { activityTaskScheduledEventAttributes: { activityId: id, activityType: { name: 'T', version: '1' }, taskList: { name: 'l' }, decisionTaskCompletedEventId: 0 } }));
        break;
      case 'start':
        if (scheduled.has(id) && !started.has(id)) started.set(id, add('ActivityTaskStarted', { activityTaskStartedEventAttributes: { scheduledEventId: scheduled.get(id), identity: `worker-${n}` } }));
        break;
      case 'complete':
      case 'fail':
        if (started.has(id)) {
          const attrs = { scheduledEventId: scheduled.get(id), startedEventId: started.get(id) };
          if (op === 'complete') add('ActivityTaskCompleted', { activityTaskCompletedEventAttributes: { ...attrs, result: `{"n":${n}}` } });
          else add('ActivityTaskFailed', { activityTaskFailedEventAttributes: { ...attrs, reason: `reason ${n}` } });
          scheduled.delete(id);
          started.delete(id);
        }
        break;
      case 'cancel':
        if (scheduled.has(id)) add('ActivityTaskCancelRequested', { activityTaskCancelRequestedEventAttributes: { activityId: id, decisionTaskCompletedEventId: 0 } });
        break;
      case 'signal':
        add('WorkflowExecutionSignaled', { workflowExecutionSignaledEventAttributes: { signalName: `s${n % 2}`, input: '<b>not html</b>' } });
        break;
      case 'timer':
        if (timer === undefined) timer = add('TimerStarted', { timerStartedEventAttributes: { timerId: `t${n % 2}`, startToFireTimeout: '5', decisionTaskCompletedEventId: 0 } });
        break;
      case 'fire':
        if (timer !== undefined) add('TimerFired', { timerFiredEventAttributes: { timerId: 'x', startedEventId: timer } });
        timer = undefined;
        break;
      case 'marker':
        add('MarkerRecorded', { markerRecordedEventAttributes: { markerName: `m${n % 2}`, decisionTaskCompletedEventId: 0 } });
        break;
    }
  }
  if (close) add('WorkflowExecutionCompleted', { workflowExecutionCompletedEventAttributes: { decisionTaskCompletedEventId: 0, result: 'done' } });
  return events;
}

/** What the page shows, as plain values, for comparing two pages. */
function snapshot(page: PageModel) {
  return {
    header: page.header,
    lanes: [...page.lanes.values()].map((l) => ({ key: l.key, kind: l.kind, label: l.label, bars: [...l.bars.values()], marks: [...l.marks.values()] })),
    laneOf: [...page.laneOf.entries()].sort((a, b) => a[0] - b[0]),
    lastEventAt: page.lastEventAt,
    eventCount: page.eventCount,
    eventTypes: page.eventTypes,
    page: page.page,
    extent: [page.earliest, page.latest],
  };
}

/** The page after an init of `events`, then the event page it asks for (`offset`, `filter`), as the host answers it. */
function firstRender(events: HistoryEvent[], offset: number, filter: string, posted: PostedState = postedState()) {
  const model = createTimeline('w', 'r');
  applyEvents(model, events);
  const page = emptyPageModel();
  applyHostMessage(page, initMessage(model, events, ROOT, EXTRA, posted));
  const shown = eventPage(events, offset, filter);
  posted.shown = { offset: shown.offset, filter: shown.filter };
  applyHostMessage(page, { type: 'events', page: shown });
  return { model, page, posted };
}

const OPS: Op[] = ['decision', 'schedule', 'start', 'complete', 'fail', 'signal', 'timer', 'fire', 'marker', 'cancel'];
const FILTERS = ['', 'DecisionTaskScheduled', 'WorkflowExecutionSignaled', 'ActivityTaskScheduled', 'MarkerRecorded', 'NoSuchType'];

describe('execution panel deltas', () => {
  it('an init and then one delta per read leave the page as one init of the whole history would', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...OPS), fc.nat(20)), { minLength: 1, maxLength: 160 }),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.constantFrom(0, EVENT_PAGE_SIZE, 2 * EVENT_PAGE_SIZE),
        fc.constantFrom(...FILTERS),
        (ops, close, cuts, offset, filter) => {
          const history = historyOf(ops, close);
          // Reads: the first holds at least the start; the others split the rest anywhere.
          const points = [...new Set(cuts.map((c) => 1 + (c % history.length)))].sort((a, b) => a - b);
          const reads = [0, ...points, history.length].flatMap((p, i, all) => (i + 1 < all.length && all[i + 1] > p ? [history.slice(p, all[i + 1])] : []));
          const first = reads[0];
          const live = firstRender(first, offset, filter);
          const so = [...first];
          for (const read of reads.slice(1)) {
            const delta = applyEvents(live.model, read);
            so.push(...read);
            applyHostMessage(live.page, deltaMessage(live.model, delta, so, ROOT, live.posted));
          }
          const whole = firstRender(history, live.page.page.offset, filter);
          assert.deepEqual(snapshot(live.page), snapshot(whole.page));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('posts a signal and the decision task it schedules in a few hundred bytes, whatever the history holds', () => {
    const ops: [Op, number][] = [...Array.from({ length: 1200 }, (_, i): [Op, number] => [OPS[i % 9], i]), ['signal', 1], ['decision', 0]];
    const history = historyOf(ops, false);
    assert.deepEqual(history.slice(-2).map((e) => e.eventType), ['WorkflowExecutionSignaled', 'DecisionTaskScheduled']);
    const { model, posted } = firstRender(history.slice(0, -2), 0, '');
    const delta = applyEvents(model, history.slice(-2));
    const message = deltaMessage(model, delta, history, ROOT, posted);
    const decisions = model.lanes.get(laneKey('decision'))!.bars.length;
    assert.ok(decisions > 100, `${decisions} decision bars`);
    assert.ok(message.bars.length <= 2, `${message.bars.length} bars posted`);
    assert.equal(message.lanes.length, 0, 'no lane is new');
    assert.equal(message.header?.input, undefined, 'the input did not change, so it is not posted again');
    assert.ok(JSON.stringify(message).length < 2000, `${JSON.stringify(message).length} characters`);
  });

  it('posts only the header fields that changed', () => {
    const base = { workflowId: 'w', runId: 'r', status: 'open' as const, tags: ['a'], cancelRequested: false, open: { activityTasks: 1, decisionTasks: 0, timers: 0, childWorkflowExecutions: 0, lambdaFunctions: 0 }, domain: 'd', connection: 'c', input: 'x'.repeat(30_000) };
    assert.deepEqual(headerPatch(base, { ...base, open: { ...base.open, decisionTasks: 1 } }), { open: { ...base.open, decisionTasks: 1 } });
    assert.equal(headerPatch(base, { ...base, tags: ['a'] }), undefined);
    assert.deepEqual(Object.keys(headerPatch(undefined, base) ?? {}).sort(), Object.keys(base).sort());
  });

  it('drops rows meant for a page the person has left', () => {
    const page = emptyPageModel();
    applyHostMessage(page, { type: 'events', page: { offset: 100, total: 150, filter: '', events: [] } });
    const patch = applyHostMessage(page, { type: 'delta', lanes: [], bars: [], marks: [], eventCount: 151, events: { offset: 0, filter: '', total: 151, added: [{ eventId: 151, eventType: 'MarkerRecorded', attributes: {} }] } });
    assert.deepEqual(patch.rowsAdded, []);
    assert.equal(page.page.total, 150);
  });

  it('keeps the axis while a running execution fits in it, with headroom when it grows, and exact once closed', () => {
    const first = shownRange(undefined, { start: 0, end: 100_000 }, true);
    assert.deepEqual(first, { start: 0, end: 105_000 });
    assert.equal(shownRange(first, { start: 0, end: 104_000 }, true), first, 'the same range: no bar moves');
    assert.deepEqual(shownRange(first, { start: 0, end: 110_000 }, true), { start: 0, end: 115_500 });
    assert.deepEqual(shownRange(first, { start: 0, end: 101_000 }, false), { start: 0, end: 101_000 });
  });
});
