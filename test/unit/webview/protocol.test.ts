// Unit tests of the execution panel's protocol helpers: what is posted from a timeline, event-list paging, the time axis.
import * as assert from 'node:assert/strict';
import type { HistoryEvent } from '@aws-sdk/client-swf';
import fc from 'fast-check';
import { buildTimeline } from '../../../src/history/timelineFold';
import { laneKey } from '../../../src/history/timelineModel';
import { PANEL_STRINGS } from '../../fixtures/panelPage';
import { axisFraction, EVENT_PAGE_SIZE, eventPage, eventTypesOf, formatOpenCounts, formatTimeout, isPageMessage, outcomeOf, prettyJson, timeAxis, toEventView, toHeaderView, toLaneView } from '../../../src/webview/execution/protocol';

const T0 = Date.UTC(2026, 10, 25, 10, 0, 0);

function history(): HistoryEvent[] {
  const e = (eventId: number, eventType: string, attrs: Partial<HistoryEvent> = {}): HistoryEvent =>
    ({ eventId, eventType, eventTimestamp: new Date(T0 + eventId * 1000), ...attrs }) as HistoryEvent;
  return [
    e(1, 'WorkflowExecutionStarted', { workflowExecutionStartedEventAttributes: { workflowType: { name: 'order', version: '2' }, childPolicy: 'TERMINATE', taskList: { name: 'd' }, tagList: ['eu'], input: '{"order":42}', executionStartToCloseTimeout: '3600', taskStartToCloseTimeout: '30' } }),
    e(2, 'ActivityTaskScheduled', { activityTaskScheduledEventAttributes: { activityId: 'charge', activityType: { name: 'Charge', version: '1' }, taskList: { name: 'payments' }, decisionTaskCompletedEventId: 0 } }),
    e(3, 'ActivityTaskStarted', { activityTaskStartedEventAttributes: { scheduledEventId: 2, identity: 'worker-1' } }),
    e(4, 'ActivityTaskFailed', { activityTaskFailedEventAttributes: { scheduledEventId: 2, startedEventId: 3, reason: 'card declined' } }),
    e(5, 'ActivityTaskScheduled', { activityTaskScheduledEventAttributes: { activityId: 'charge', activityType: { name: 'Charge', version: '1' }, taskList: { name: 'payments' }, decisionTaskCompletedEventId: 0 } }),
    e(6, 'WorkflowExecutionSignaled', { workflowExecutionSignaledEventAttributes: { signalName: 'poke', input: '{}' } }),
  ];
}

describe('execution panel protocol', () => {
  it('turns the header into plain JSON, with the input pretty-printed', () => {
    const model = buildTimeline('w', 'r', history());
    const view = toHeaderView(model.header, { domain: 'd', connection: 'moto' });
    assert.equal(view.workflowType, 'order 2');
    assert.equal(view.startedAt, T0 + 1000);
    assert.equal(view.input, '{\n  "order": 42\n}');
    assert.deepEqual(view.tags, ['eu']);
    assert.equal(view.open.activityTasks, 1);
    assert.deepEqual(JSON.parse(JSON.stringify(view)), withoutUndefined(view), 'is plain JSON: nothing but absent fields is lost on the way to the page');
    assert.ok(Object.values(view).every((v) => !(v instanceof Date)), 'no Date crosses to the page');
  });

  it('says the open counts with singular nouns for one ("1 activity", not "1 activities")', () => {
    const view = toHeaderView(buildTimeline('w', 'r', history()).header, { domain: 'd', connection: 'moto' });
    assert.equal(formatOpenCounts(PANEL_STRINGS, view.open), '1 activity · 0 decisions · 0 timers · 0 children');
    assert.equal(formatOpenCounts(PANEL_STRINGS, { activityTasks: 2, decisionTasks: 1, timers: 1, childWorkflowExecutions: 1 }), '2 activities · 1 decision · 1 timer · 1 child');
    assert.equal(formatOpenCounts(PANEL_STRINGS, { activityTasks: 0, decisionTasks: 12, timers: 3, childWorkflowExecutions: 2 }), '0 activities · 12 decisions · 3 timers · 2 children');
  });

  it('keeps text that is not JSON as it is', () => {
    assert.equal(prettyJson('not json'), 'not json');
    assert.equal(prettyJson(undefined), undefined);
  });

  it('draws one lane per activity ID with its retries, coloured by outcome', () => {
    const model = buildTimeline('w', 'r', history());
    const lane = toLaneView(model.lanes.get(laneKey('activity', 'charge'))!);
    assert.equal(lane.label, 'charge');
    assert.deepEqual(lane.bars.map((b) => [b.id, b.outcome, b.label]), [[2, 'failed', 'Charge 1'], [5, 'open', 'Charge 1 #2']]);
    assert.match(lane.bars[0].summary, /failed: card declined/);
    assert.equal(lane.bars[0].closedAt, T0 + 4000);
    const signals = toLaneView(model.lanes.get(laneKey('signal'))!);
    assert.deepEqual(signals.marks.map((m) => m.label), ['poke']);
  });

  it('folds every SWF ending into the five drawn outcomes', () => {
    const bar = (outcome: string) => ({ kind: 'timer', outcome }) as never;
    assert.equal(outcomeOf(bar('fired')), 'completed');
    assert.equal(outcomeOf(bar('startFailed')), 'failed');
    assert.equal(outcomeOf(bar('executionClosed')), 'canceled');
    assert.equal(outcomeOf(bar('timedOut')), 'timedOut');
    assert.equal(outcomeOf(bar('open')), 'open');
  });

  it('posts an event with its attributes and its time in ms', () => {
    const view = toEventView(history()[3]);
    assert.deepEqual(view, { eventId: 4, eventType: 'ActivityTaskFailed', at: T0 + 4000, attributes: { scheduledEventId: 2, startedEventId: 3, reason: 'card declined' } });
  });

  it('pages the event list by a fixed size, filtered by type, clamped into the list', () => {
    const many: HistoryEvent[] = Array.from({ length: 250 }, (_, i) => ({ eventId: i + 1, eventType: i % 5 === 0 ? 'TimerStarted' : 'DecisionTaskScheduled', eventTimestamp: new Date(T0) }) as HistoryEvent);
    const first = eventPage(many, 0, '');
    assert.equal(first.events.length, EVENT_PAGE_SIZE);
    assert.equal(first.total, 250);
    const last = eventPage(many, 10_000, '');
    assert.equal(last.offset, 200);
    assert.deepEqual(last.events.map((e) => e.eventId), Array.from({ length: 50 }, (_, i) => 201 + i));
    const timers = eventPage(many, 150, 'TimerStarted');
    assert.equal(timers.total, 50);
    assert.equal(timers.offset, 0, 'a page past the end of a shorter filtered list shows its last page');
    assert.ok(timers.events.every((e) => e.eventType === 'TimerStarted'));
    assert.deepEqual(eventPage([], 100, '').events, []);
    assert.deepEqual([...eventTypesOf(many)].sort(), ['DecisionTaskScheduled', 'TimerStarted']);
  });

  it('pages cover the list exactly once, in order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 700 }), fc.integer({ min: 1, max: 120 }), (length, size) => {
        const events = Array.from({ length }, (_, i) => ({ eventId: i + 1, eventType: 'MarkerRecorded' }) as HistoryEvent);
        const seen: number[] = [];
        for (let offset = 0; offset < length; offset += size) seen.push(...eventPage(events, offset, '', size).events.map((e) => e.eventId));
        assert.deepEqual(seen, events.map((e) => e.eventId));
      }),
    );
  });

  it('puts axis ticks on round times of the time zone, far enough apart, inside the range', () => {
    const start = Date.UTC(2026, 10, 25, 10, 3, 17);
    const end = start + 47 * 60_000;
    const axis = timeAxis(start, end, 900, 0, 90);
    assert.equal(axis.step, 5 * 60_000);
    assert.equal(axis.ticks[0], Date.UTC(2026, 10, 25, 10, 5));
    assert.ok(axis.ticks.length <= 10);
    assert.ok(axis.ticks.every((t) => t >= start && t <= end));
    // An hour step in a zone 5:30 ahead of UTC (India) falls on its whole hours, :30 in UTC.
    const india = timeAxis(start, start + 6 * 3600_000, 600, 330);
    assert.equal(india.step, 3600_000);
    assert.equal(new Date(india.ticks[0]).getUTCMinutes(), 30);
  });

  it('keeps ticks at least the minimum gap apart for any range and width', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2e12 }), fc.integer({ min: 1, max: 40 * 86_400_000 }), fc.integer({ min: 100, max: 3000 }), fc.integer({ min: -720, max: 840 }), (start, span, width, zone) => {
        const axis = timeAxis(start, start + span, width, zone, 80);
        assert.ok((axis.ticks.length - 1) * 80 <= width, `${axis.ticks.length} ticks in ${width}px`);
        for (const t of axis.ticks) assert.ok(axisFraction(axis, t) >= 0 && axisFraction(axis, t) <= 1);
      }),
    );
  });

  it('says SWF timeouts in units a person reads', () => {
    assert.equal(formatTimeout('31536000'), '365 d');
    assert.equal(formatTimeout('3660'), '1 h 1 min');
    assert.equal(formatTimeout('90061'), '1 d 1 h');
    assert.equal(formatTimeout('45'), '45 s');
    assert.equal(formatTimeout('NONE'), 'none');
    assert.equal(formatTimeout('abc'), 'abc');
    assert.equal(formatTimeout(undefined), undefined);
  });

  it('accepts only the page messages it knows', () => {
    assert.ok(isPageMessage({ type: 'action', action: 'terminate' }));
    assert.ok(isPageMessage({ type: 'requestEvents', offset: 0, filter: '' }));
    assert.ok(!isPageMessage({ type: 'action', action: 'delete' }));
    assert.ok(!isPageMessage({ type: 'selectBar', barId: '3' }));
    assert.ok(!isPageMessage(null));
  });
});

/** `value` with its undefined members dropped, as JSON drops them: what a plain-JSON value must equal after a round trip. */
function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, withoutUndefined(v)]));
}
