// Unit tests of the execution timeline model: lanes, bars and marks from a history, folded whole or page by page.
import * as assert from 'node:assert/strict';
import type { HistoryEvent } from '@aws-sdk/client-swf';
import fc from 'fast-check';
import { applyEvents, buildTimeline, createTimeline } from '../../../src/history/timelineFold';
import { eventsOf, laneKey } from '../../../src/history/timelineModel';
import type { ActivityBar, ChildBar, DecisionBar, TimelineBar, TimelineModel, TimerBar } from '../../../src/history/timelineModel';

const T0 = Date.UTC(2026, 10, 25, 10, 0, 0);
const at = (eventId: number) => new Date(T0 + eventId * 1000);

/** Builds a history the way SWF numbers it: eventIds 1, 2, 3... in order, one second apart. */
class HistoryBuilder {
  readonly events: HistoryEvent[] = [];

  add(eventType: string, attributes: Partial<HistoryEvent> = {}): number {
    const eventId = this.events.length + 1;
    this.events.push({ eventId, eventType: eventType as HistoryEvent['eventType'], eventTimestamp: at(eventId), ...attributes });
    return eventId;
  }

  start(): this {
    this.add('WorkflowExecutionStarted', {
      workflowExecutionStartedEventAttributes: {
        childPolicy: 'TERMINATE',
        taskList: { name: 'decisions' },
        workflowType: { name: 'order', version: '1' },
        executionStartToCloseTimeout: '3600',
        taskStartToCloseTimeout: '30',
        tagList: ['eu', 'priority'],
        input: '{"order":42}',
      },
    });
    return this;
  }

  // -- decision tasks
  decisionScheduled(): number {
    return this.add('DecisionTaskScheduled', { decisionTaskScheduledEventAttributes: { taskList: { name: 'decisions' }, startToCloseTimeout: '30' } });
  }
  decisionStarted(scheduledEventId: number, identity = 'decider-1'): number {
    return this.add('DecisionTaskStarted', { decisionTaskStartedEventAttributes: { scheduledEventId, identity } });
  }
  decisionCompleted(scheduledEventId: number, startedEventId: number): number {
    return this.add('DecisionTaskCompleted', { decisionTaskCompletedEventAttributes: { scheduledEventId, startedEventId } });
  }
  decisionTimedOut(scheduledEventId: number, startedEventId: number): number {
    return this.add('DecisionTaskTimedOut', { decisionTaskTimedOutEventAttributes: { scheduledEventId, startedEventId, timeoutType: 'START_TO_CLOSE' } });
  }

  // -- activity tasks
  schedule(activityId: string, taskList = 'payments'): number {
    return this.add('ActivityTaskScheduled', {
      activityTaskScheduledEventAttributes: {
        activityId,
        activityType: { name: 'chargeCard', version: '2' },
        taskList: { name: taskList },
        input: `{"id":"${activityId}"}`,
        decisionTaskCompletedEventId: 0,
        startToCloseTimeout: '300',
        heartbeatTimeout: '60',
      },
    });
  }
  started(scheduledEventId: number, identity = 'worker-7'): number {
    return this.add('ActivityTaskStarted', { activityTaskStartedEventAttributes: { scheduledEventId, identity } });
  }
  cancelRequested(activityId: string): number {
    return this.add('ActivityTaskCancelRequested', { activityTaskCancelRequestedEventAttributes: { activityId, decisionTaskCompletedEventId: 0 } });
  }
  completed(scheduledEventId: number, startedEventId: number): number {
    return this.add('ActivityTaskCompleted', { activityTaskCompletedEventAttributes: { scheduledEventId, startedEventId, result: 'ok' } });
  }
  failed(scheduledEventId: number, startedEventId: number, reason = 'declined'): number {
    return this.add('ActivityTaskFailed', { activityTaskFailedEventAttributes: { scheduledEventId, startedEventId, reason, details: 'card expired' } });
  }
  timedOut(scheduledEventId: number, startedEventId: number, timeoutType: string): number {
    return this.add('ActivityTaskTimedOut', {
      activityTaskTimedOutEventAttributes: { scheduledEventId, startedEventId, timeoutType: timeoutType as 'START_TO_CLOSE', details: 'last beat' },
    });
  }
  canceled(scheduledEventId: number, startedEventId: number): number {
    return this.add('ActivityTaskCanceled', { activityTaskCanceledEventAttributes: { scheduledEventId, startedEventId, details: 'as asked' } });
  }

  // -- timers
  timerStarted(timerId: string): number {
    return this.add('TimerStarted', { timerStartedEventAttributes: { timerId, startToFireTimeout: '120', decisionTaskCompletedEventId: 0 } });
  }
  timerFired(timerId: string, startedEventId: number): number {
    return this.add('TimerFired', { timerFiredEventAttributes: { timerId, startedEventId } });
  }
  timerCanceled(timerId: string, startedEventId: number): number {
    return this.add('TimerCanceled', { timerCanceledEventAttributes: { timerId, startedEventId, decisionTaskCompletedEventId: 0 } });
  }

  // -- signals and markers
  signaled(signalName: string, input?: string): number {
    return this.add('WorkflowExecutionSignaled', {
      workflowExecutionSignaledEventAttributes: { signalName, input, externalWorkflowExecution: { workflowId: 'sender-1', runId: 'sender-run' } },
    });
  }
  marker(markerName: string): number {
    return this.add('MarkerRecorded', { markerRecordedEventAttributes: { markerName, details: 'checkpoint', decisionTaskCompletedEventId: 0 } });
  }

  // -- child executions
  childInitiated(workflowId: string): number {
    return this.add('StartChildWorkflowExecutionInitiated', {
      startChildWorkflowExecutionInitiatedEventAttributes: {
        workflowId,
        workflowType: { name: 'shipment', version: '3' },
        taskList: { name: 'shipping-decisions' },
        childPolicy: 'TERMINATE',
        decisionTaskCompletedEventId: 0,
      },
    });
  }
  childStarted(workflowId: string, initiatedEventId: number, runId = `${workflowId}-run`): number {
    return this.add('ChildWorkflowExecutionStarted', {
      childWorkflowExecutionStartedEventAttributes: { workflowExecution: { workflowId, runId }, workflowType: { name: 'shipment', version: '3' }, initiatedEventId },
    });
  }
  childCompleted(workflowId: string, initiatedEventId: number, startedEventId: number): number {
    return this.add('ChildWorkflowExecutionCompleted', {
      childWorkflowExecutionCompletedEventAttributes: { workflowExecution: { workflowId, runId: `${workflowId}-run` }, workflowType: { name: 'shipment', version: '3' }, initiatedEventId, startedEventId, result: 'shipped' },
    });
  }
  childFailed(workflowId: string, initiatedEventId: number, startedEventId: number): number {
    return this.add('ChildWorkflowExecutionFailed', {
      childWorkflowExecutionFailedEventAttributes: { workflowExecution: { workflowId, runId: `${workflowId}-run` }, workflowType: { name: 'shipment', version: '3' }, initiatedEventId, startedEventId, reason: 'no carrier' },
    });
  }

  close(eventType: string, attributes: Partial<HistoryEvent> = {}): number {
    return this.add(eventType, attributes);
  }
}

const build = (h: HistoryBuilder) => buildTimeline('order-1', 'run-1', h.events);

function lane(model: TimelineModel, kind: Parameters<typeof laneKey>[0], id = '') {
  const found = model.lanes.get(laneKey(kind, id));
  assert.ok(found, `lane ${laneKey(kind, id)}`);
  return found;
}
const activityBars = (model: TimelineModel, activityId: string) => lane(model, 'activity', activityId).bars as ActivityBar[];

describe('timeline: header', () => {
  it('takes the type, timeouts, child policy, tags, input and task list from WorkflowExecutionStarted', () => {
    const h = new HistoryBuilder().start();
    h.decisionScheduled();
    const { header } = build(h);
    assert.equal(header.workflowId, 'order-1');
    assert.equal(header.runId, 'run-1');
    assert.deepEqual(header.workflowType, { name: 'order', version: '1' });
    assert.equal(header.status, 'open');
    assert.deepEqual(header.startedAt, at(1));
    assert.equal(header.closedAt, undefined);
    assert.equal(header.executionStartToCloseTimeout, '3600');
    assert.equal(header.taskStartToCloseTimeout, '30');
    assert.equal(header.childPolicy, 'TERMINATE');
    assert.deepEqual(header.tags, ['eu', 'priority']);
    assert.equal(header.input, '{"order":42}');
    assert.equal(header.taskList, 'decisions');
    assert.deepEqual(header.open, { activityTasks: 0, decisionTasks: 1, timers: 0, childWorkflowExecutions: 0, lambdaFunctions: 0 });
  });

  it('counts what is open: activities, timers, children and decision tasks', () => {
    const h = new HistoryBuilder().start();
    const d = h.decisionScheduled();
    h.decisionCompleted(d, h.decisionStarted(d));
    const a = h.schedule('a');
    h.schedule('b');
    h.completed(a, h.started(a));
    h.timerStarted('t1');
    const c = h.childInitiated('child-1');
    h.childStarted('child-1', c);
    assert.deepEqual(build(h).header.open, { activityTasks: 1, decisionTasks: 0, timers: 1, childWorkflowExecutions: 1, lambdaFunctions: 0 });
  });

  const closes: [string, Partial<HistoryEvent>, string][] = [
    ['WorkflowExecutionCompleted', { workflowExecutionCompletedEventAttributes: { result: 'done', decisionTaskCompletedEventId: 0 } }, 'completed'],
    ['WorkflowExecutionFailed', { workflowExecutionFailedEventAttributes: { reason: 'out of stock', decisionTaskCompletedEventId: 0 } }, 'failed'],
    ['WorkflowExecutionTerminated', { workflowExecutionTerminatedEventAttributes: { reason: 'by hand', cause: 'OPERATOR_INITIATED', childPolicy: 'TERMINATE' } }, 'terminated'],
    ['WorkflowExecutionTimedOut', { workflowExecutionTimedOutEventAttributes: { timeoutType: 'START_TO_CLOSE', childPolicy: 'TERMINATE' } }, 'timedOut'],
    ['WorkflowExecutionCanceled', { workflowExecutionCanceledEventAttributes: { decisionTaskCompletedEventId: 0 } }, 'canceled'],
    ['WorkflowExecutionContinuedAsNew', { workflowExecutionContinuedAsNewEventAttributes: { newExecutionRunId: 'run-2', decisionTaskCompletedEventId: 0, taskList: { name: 'd' }, childPolicy: 'TERMINATE', workflowType: { name: 'order', version: '1' } } }, 'continuedAsNew'],
  ];
  for (const [eventType, attributes, status] of closes) {
    it(`closes on ${eventType}: status ${status}, close time, open bars end with the execution`, () => {
      const h = new HistoryBuilder().start();
      const a = h.schedule('a');
      h.started(a);
      const t = h.timerStarted('t1');
      const c = h.childInitiated('child-1');
      const closeId = h.close(eventType, attributes);
      const model = build(h);
      assert.equal(model.header.status, status);
      assert.deepEqual(model.header.closedAt, at(closeId));
      assert.equal(model.header.closeEventId, closeId);
      assert.deepEqual(model.header.open, { activityTasks: 0, decisionTasks: 0, timers: 0, childWorkflowExecutions: 0, lambdaFunctions: 0 });
      assert.equal(model.openBars.size, 0);
      for (const id of [a, t, c]) {
        const bar = [...model.lanes.values()].flatMap((l) => l.bars).find((b) => b.id === id);
        assert.equal(bar?.outcome, 'executionClosed');
        assert.equal(bar?.closedAt, undefined, 'no event closed it');
      }
      if (status === 'failed') assert.equal(model.header.closeReason, 'out of stock');
      if (status === 'terminated') assert.deepEqual([model.header.closeReason, model.header.closeCause], ['by hand', 'OPERATOR_INITIATED']);
      if (status === 'timedOut') assert.equal(model.header.closeTimeoutType, 'START_TO_CLOSE');
      if (status === 'continuedAsNew') assert.equal(model.header.newRunId, 'run-2');
    });
  }

  it('marks a workflow cancel request in the workflow lane and the header', () => {
    const h = new HistoryBuilder().start();
    const id = h.add('WorkflowExecutionCancelRequested', { workflowExecutionCancelRequestedEventAttributes: { externalWorkflowExecution: { workflowId: 'parent', runId: 'p1' }, cause: 'CHILD_POLICY_APPLIED' } });
    const model = build(h);
    assert.equal(model.header.cancelRequested, true);
    assert.deepEqual(lane(model, 'workflow').marks, [
      { kind: 'cancelRequest', id, at: at(id), laneKey: 'workflow:', eventIds: [id], cause: 'CHILD_POLICY_APPLIED', requester: { workflowId: 'parent', runId: 'p1' } },
    ]);
  });
});

describe('timeline: activity lanes', () => {
  it('puts retries of one activityId in one lane as numbered attempts', () => {
    const h = new HistoryBuilder().start();
    const first = h.schedule('charge-1');
    const firstStart = h.started(first, 'worker-a');
    const firstFail = h.failed(first, firstStart, 'card declined');
    const second = h.schedule('charge-1');
    const secondTimeout = h.timedOut(second, 0, 'SCHEDULE_TO_START');
    const other = h.schedule('ship-1', 'shipping');
    const third = h.schedule('charge-1');
    const thirdStart = h.started(third, 'worker-b');
    const thirdDone = h.completed(third, thirdStart);
    const model = build(h);

    const bars = activityBars(model, 'charge-1');
    assert.deepEqual(bars.map((b) => [b.attempt, b.id, b.outcome]), [[1, first, 'failed'], [2, second, 'timedOut'], [3, third, 'completed']]);
    assert.deepEqual(bars[0].eventIds, [first, firstStart, firstFail]);
    assert.equal(bars[0].reason, 'card declined');
    assert.equal(bars[0].identity, 'worker-a');
    assert.deepEqual([bars[0].scheduledAt, bars[0].startedAt, bars[0].closedAt], [at(first), at(firstStart), at(firstFail)]);
    assert.deepEqual(bars[1].eventIds, [second, secondTimeout]);
    assert.equal(bars[1].startedAt, undefined);
    assert.deepEqual(bars[2].eventIds, [third, thirdStart, thirdDone]);
    assert.equal(bars[2].identity, 'worker-b');
    assert.equal(bars[2].closeEventId, thirdDone);
    assert.equal(bars[2].startedEventId, thirdStart);
    assert.deepEqual(bars[2].activityType, { name: 'chargeCard', version: '2' });
    assert.deepEqual(bars[2].timeouts, { scheduleToStart: undefined, startToClose: '300', scheduleToClose: undefined, heartbeat: '60' });
    assert.equal(activityBars(model, 'ship-1')[0].id, other);
    assert.equal(activityBars(model, 'ship-1')[0].taskList, 'shipping');
    assert.equal(activityBars(model, 'ship-1')[0].outcome, 'open');
    assert.deepEqual([...model.lanes.keys()], ['activity:charge-1', 'activity:ship-1'], 'lanes in order of first event');
  });

  for (const timeoutType of ['START_TO_CLOSE', 'SCHEDULE_TO_START', 'SCHEDULE_TO_CLOSE', 'HEARTBEAT']) {
    it(`ends a bar on a ${timeoutType} timeout`, () => {
      const h = new HistoryBuilder().start();
      const s = h.schedule('charge-1');
      const st = timeoutType === 'SCHEDULE_TO_START' ? 0 : h.started(s);
      const out = h.timedOut(s, st, timeoutType);
      const model = build(h);
      const [bar] = activityBars(model, 'charge-1');
      assert.equal(bar.outcome, 'timedOut');
      assert.equal(bar.timeoutType, timeoutType);
      assert.deepEqual(bar.closedAt, at(out));
      assert.deepEqual(bar.eventIds, st ? [s, st, out] : [s, out]);
      assert.equal(model.header.open.activityTasks, 0);
      // The heartbeat details are in the event, not the bar.
      assert.equal(eventsOf(model.events, bar).at(-1)?.activityTaskTimedOutEventAttributes?.details, 'last beat');
    });
  }

  it('records a cancel request on the open attempt and ends it on ActivityTaskCanceled', () => {
    const h = new HistoryBuilder().start();
    const done = h.schedule('charge-1');
    h.completed(done, h.started(done));
    const s = h.schedule('charge-1');
    const st = h.started(s);
    const req = h.cancelRequested('charge-1');
    const again = h.cancelRequested('charge-1');
    const before = buildTimeline('w', 'r', h.events);
    const [, openBar] = activityBars(before, 'charge-1');
    assert.equal(openBar.outcome, 'open');
    assert.equal(openBar.cancelRequested, true);
    assert.deepEqual(openBar.cancelRequestedAt, at(req), 'the first request counts');

    const end = h.canceled(s, st);
    const model = build(h);
    const [first, second] = activityBars(model, 'charge-1');
    assert.equal(first.cancelRequested, false);
    assert.equal(second.outcome, 'canceled');
    assert.deepEqual(second.eventIds, [s, st, req, again, end]);
    assert.equal(eventsOf(model.events, second).at(-1)?.activityTaskCanceledEventAttributes?.details, 'as asked');
  });

  it('marks a cancel request no open attempt takes, and a refused one', () => {
    const h = new HistoryBuilder().start();
    const s = h.schedule('charge-1');
    h.completed(s, h.started(s));
    const stray = h.cancelRequested('charge-1');
    const refused = h.add('RequestCancelActivityTaskFailed', { requestCancelActivityTaskFailedEventAttributes: { activityId: 'charge-1', cause: 'ACTIVITY_ID_UNKNOWN', decisionTaskCompletedEventId: 0 } });
    const { marks, bars } = lane(build(h), 'activity', 'charge-1');
    assert.equal((bars[0] as ActivityBar).cancelRequested, false);
    assert.deepEqual(marks.map((m) => [m.kind, m.id]), [['cancelRequest', stray], ['refused', refused]]);
    assert.equal(marks[1].kind === 'refused' && marks[1].cause, 'ACTIVITY_ID_UNKNOWN');
  });

  it('marks a refused scheduling in the activity lane without numbering it as an attempt', () => {
    const h = new HistoryBuilder().start();
    h.add('ScheduleActivityTaskFailed', { scheduleActivityTaskFailedEventAttributes: { activityId: 'charge-1', activityType: { name: 'chargeCard', version: '9' }, cause: 'ACTIVITY_TYPE_DOES_NOT_EXIST', decisionTaskCompletedEventId: 0 } });
    h.schedule('charge-1');
    const l = lane(build(h), 'activity', 'charge-1');
    assert.deepEqual(l.marks.map((m) => m.kind === 'refused' && [m.eventType, m.cause]), [['ScheduleActivityTaskFailed', 'ACTIVITY_TYPE_DOES_NOT_EXIST']]);
    assert.equal((l.bars[0] as ActivityBar).attempt, 1);
  });

  it('ignores a close event for a task it never saw scheduled', () => {
    const h = new HistoryBuilder().start();
    const s = h.schedule('charge-1');
    h.completed(999, 1000);
    const model = build(h);
    assert.deepEqual([...model.openBars.keys()], [s]);
    assert.equal(model.events.size, 3, 'the event is still indexed');
  });
});

describe('timeline: other lanes', () => {
  it('draws decision tasks in one lane: completed, timed out, open', () => {
    const h = new HistoryBuilder().start();
    const d1 = h.decisionScheduled();
    const d1s = h.decisionStarted(d1, 'decider-9');
    const d1c = h.decisionCompleted(d1, d1s);
    const d2 = h.decisionScheduled();
    h.decisionTimedOut(d2, h.decisionStarted(d2));
    const d3 = h.decisionScheduled();
    const model = build(h);
    const bars = lane(model, 'decision').bars as DecisionBar[];
    assert.deepEqual(bars.map((b) => [b.id, b.outcome]), [[d1, 'completed'], [d2, 'timedOut'], [d3, 'open']]);
    assert.deepEqual(bars[0].eventIds, [d1, d1s, d1c]);
    assert.equal(bars[0].identity, 'decider-9');
    assert.equal(bars[1].timeoutType, 'START_TO_CLOSE');
    assert.equal(model.header.open.decisionTasks, 1);
  });

  it('gives each timerId a lane: started, fired, canceled, refused', () => {
    const h = new HistoryBuilder().start();
    const t1 = h.timerStarted('wait');
    const f1 = h.timerFired('wait', t1);
    const t2 = h.timerStarted('wait');
    const t3 = h.timerStarted('deadline');
    const c3 = h.timerCanceled('deadline', t3);
    const refused = h.add('StartTimerFailed', { startTimerFailedEventAttributes: { timerId: 'deadline', cause: 'TIMER_ID_ALREADY_IN_USE', decisionTaskCompletedEventId: 0 } });
    const model = build(h);
    const wait = lane(model, 'timer', 'wait').bars as TimerBar[];
    assert.deepEqual(wait.map((b) => [b.id, b.outcome, b.eventIds]), [[t1, 'fired', [t1, f1]], [t2, 'open', [t2]]]);
    assert.deepEqual([wait[0].startedAt, wait[0].closedAt], [at(t1), at(f1)]);
    assert.equal(wait[0].startToFireTimeout, '120');
    const deadline = lane(model, 'timer', 'deadline');
    assert.deepEqual(deadline.bars.map((b) => [b.id, b.outcome, b.closeEventId]), [[t3, 'canceled', c3]]);
    assert.deepEqual(deadline.marks.map((m) => [m.kind, m.id]), [['refused', refused]]);
    assert.equal(model.header.open.timers, 1);
  });

  it('marks signals in one lane, with name and sender; their input is in the event', () => {
    const h = new HistoryBuilder().start();
    const s1 = h.signaled('approve', '{"by":"ann"}');
    const s2 = h.signaled('cancelOrder');
    const model = build(h);
    const { marks, bars } = lane(model, 'signal');
    assert.equal(bars.length, 0);
    assert.deepEqual(marks.map((m) => m.kind === 'signal' && [m.id, m.signalName, m.at]), [[s1, 'approve', at(s1)], [s2, 'cancelOrder', at(s2)]]);
    assert.deepEqual(marks[0].kind === 'signal' && marks[0].sender, { workflowId: 'sender-1', runId: 'sender-run' });
    assert.equal(eventsOf(model.events, marks[0])[0].workflowExecutionSignaledEventAttributes?.input, '{"by":"ann"}');
  });

  it('marks markers in one lane', () => {
    const h = new HistoryBuilder().start();
    const m1 = h.marker('checkpoint-1');
    const m2 = h.marker('checkpoint-2');
    const refused = h.add('RecordMarkerFailed', { recordMarkerFailedEventAttributes: { markerName: 'x', cause: 'OPERATION_NOT_PERMITTED', decisionTaskCompletedEventId: 0 } });
    const { marks } = lane(build(h), 'marker');
    assert.deepEqual(marks.map((m) => [m.kind, m.id, m.kind === 'marker' ? m.markerName : m.kind === 'refused' && m.cause]), [
      ['marker', m1, 'checkpoint-1'],
      ['marker', m2, 'checkpoint-2'],
      ['refused', refused, 'OPERATION_NOT_PERMITTED'],
    ]);
  });

  it('gives each child workflowId a lane: started, completed, failed, failed to start', () => {
    const h = new HistoryBuilder().start();
    const ok = h.childInitiated('ship-1');
    const okStart = h.childStarted('ship-1', ok, 'run-a');
    const okEnd = h.childCompleted('ship-1', ok, okStart);
    const bad = h.childInitiated('ship-2');
    const badStart = h.childStarted('ship-2', bad);
    const badEnd = h.childFailed('ship-2', bad, badStart);
    const dup = h.childInitiated('ship-1');
    const dupEnd = h.add('StartChildWorkflowExecutionFailed', {
      startChildWorkflowExecutionFailedEventAttributes: { workflowId: 'ship-1', workflowType: { name: 'shipment', version: '3' }, cause: 'WORKFLOW_ALREADY_RUNNING', initiatedEventId: dup, decisionTaskCompletedEventId: 0 },
    });
    const running = h.childInitiated('ship-3');
    const runningStart = h.childStarted('ship-3', running);
    const model = build(h);

    const ship1 = lane(model, 'child', 'ship-1').bars as ChildBar[];
    assert.deepEqual(ship1.map((b) => [b.id, b.outcome, b.eventIds]), [[ok, 'completed', [ok, okStart, okEnd]], [dup, 'startFailed', [dup, dupEnd]]]);
    assert.equal(ship1[0].runId, 'run-a');
    assert.deepEqual(ship1[0].workflowType, { name: 'shipment', version: '3' });
    assert.deepEqual([ship1[0].scheduledAt, ship1[0].startedAt, ship1[0].closedAt], [at(ok), at(okStart), at(okEnd)]);
    assert.equal(ship1[1].cause, 'WORKFLOW_ALREADY_RUNNING');
    const [ship2] = lane(model, 'child', 'ship-2').bars as ChildBar[];
    assert.deepEqual([ship2.outcome, ship2.reason, ship2.closeEventId], ['failed', 'no carrier', badEnd]);
    const [ship3] = lane(model, 'child', 'ship-3').bars as ChildBar[];
    assert.deepEqual([ship3.outcome, ship3.startedEventId], ['open', runningStart]);
    assert.equal(model.header.open.childWorkflowExecutions, 1);
  });

  it('draws signals and cancel requests sent to other executions until delivered or failed', () => {
    const h = new HistoryBuilder().start();
    const sig = h.add('SignalExternalWorkflowExecutionInitiated', { signalExternalWorkflowExecutionInitiatedEventAttributes: { workflowId: 'other', runId: 'o1', signalName: 'go', decisionTaskCompletedEventId: 0 } });
    const sigDone = h.add('ExternalWorkflowExecutionSignaled', { externalWorkflowExecutionSignaledEventAttributes: { workflowExecution: { workflowId: 'other', runId: 'o1' }, initiatedEventId: sig } });
    const can = h.add('RequestCancelExternalWorkflowExecutionInitiated', { requestCancelExternalWorkflowExecutionInitiatedEventAttributes: { workflowId: 'gone', decisionTaskCompletedEventId: 0 } });
    const canFail = h.add('RequestCancelExternalWorkflowExecutionFailed', {
      requestCancelExternalWorkflowExecutionFailedEventAttributes: { workflowId: 'gone', cause: 'UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION', initiatedEventId: can, decisionTaskCompletedEventId: 0 },
    });
    const model = build(h);
    const [signal] = lane(model, 'externalSignal').bars;
    assert.deepEqual(signal.kind === 'externalSignal' && [signal.outcome, signal.signalName, signal.target, signal.eventIds], ['delivered', 'go', { workflowId: 'other', runId: 'o1' }, [sig, sigDone]]);
    const [cancel] = lane(model, 'externalCancel').bars;
    assert.deepEqual(cancel.kind === 'externalCancel' && [cancel.outcome, cancel.cause, cancel.eventIds], ['failed', 'UNKNOWN_EXTERNAL_WORKFLOW_EXECUTION', [can, canFail]]);
  });

  it('draws Lambda tasks per id with attempts', () => {
    const h = new HistoryBuilder().start();
    const l1 = h.add('LambdaFunctionScheduled', { lambdaFunctionScheduledEventAttributes: { id: 'resize', name: 'resizeImage', startToCloseTimeout: '60', decisionTaskCompletedEventId: 0 } });
    h.add('LambdaFunctionStarted', { lambdaFunctionStartedEventAttributes: { scheduledEventId: l1 } });
    h.add('LambdaFunctionTimedOut', { lambdaFunctionTimedOutEventAttributes: { scheduledEventId: l1, startedEventId: l1 + 1, timeoutType: 'START_TO_CLOSE' } });
    h.add('LambdaFunctionScheduled', { lambdaFunctionScheduledEventAttributes: { id: 'resize', name: 'resizeImage', decisionTaskCompletedEventId: 0 } });
    const model = build(h);
    const bars = lane(model, 'lambda', 'resize').bars;
    assert.deepEqual(bars.map((b) => b.kind === 'lambda' && [b.attempt, b.outcome, b.timeoutType]), [[1, 'timedOut', 'START_TO_CLOSE'], [2, 'open', undefined]]);
    assert.equal(model.header.open.lambdaFunctions, 1);
  });
});

describe('timeline: eventsOf', () => {
  it('returns the events of a bar in order, skipping ids the index lacks', () => {
    const h = new HistoryBuilder().start();
    const s = h.schedule('a');
    const st = h.started(s);
    const model = build(h);
    const [bar] = activityBars(model, 'a');
    assert.deepEqual(eventsOf(model.events, bar), [h.events[s - 1], h.events[st - 1]]);
    assert.equal(eventsOf(model.events, bar)[0].activityTaskScheduledEventAttributes?.input, '{"id":"a"}');
    assert.deepEqual(eventsOf(model.events, { eventIds: [st, 404] }), [h.events[st - 1]]);
  });
});

/** A random but valid history: actions on a few activity, timer and child slots, signals, markers, decisions, maybe a close. */
const action = fc.record({
  kind: fc.constantFrom('schedule', 'start', 'complete', 'fail', 'timeout', 'cancelRequest', 'cancel', 'timer', 'fire', 'cancelTimer', 'child', 'childStart', 'childEnd', 'signal', 'marker', 'decision'),
  slot: fc.integer({ min: 0, max: 3 }),
});
const CLOSES = [undefined, 'WorkflowExecutionCompleted', 'WorkflowExecutionFailed', 'WorkflowExecutionTerminated'] as const;

function randomHistory(actions: { kind: string; slot: number }[], close: (typeof CLOSES)[number]): HistoryEvent[] {
  const h = new HistoryBuilder().start();
  const activities = new Map<number, { id: number; started?: number }>();
  const timers = new Map<number, number>();
  const children = new Map<number, { id: number; started?: number }>();
  const decision: { id?: number; started?: number } = {};
  for (const { kind, slot } of actions) {
    const act = activities.get(slot);
    const child = children.get(slot);
    const timer = timers.get(slot);
    if (kind === 'schedule' && !act) activities.set(slot, { id: h.schedule(`act-${slot}`) });
    else if (kind === 'start' && act && !act.started) act.started = h.started(act.id);
    else if (kind === 'cancelRequest' && act) h.cancelRequested(`act-${slot}`);
    else if (['complete', 'fail', 'timeout', 'cancel'].includes(kind) && act) {
      if (kind === 'complete') h.completed(act.id, act.started ?? 0);
      else if (kind === 'fail') h.failed(act.id, act.started ?? 0);
      else if (kind === 'timeout') h.timedOut(act.id, act.started ?? 0, act.started ? 'HEARTBEAT' : 'SCHEDULE_TO_START');
      else h.canceled(act.id, act.started ?? 0);
      activities.delete(slot);
    } else if (kind === 'timer' && timer === undefined) timers.set(slot, h.timerStarted(`timer-${slot}`));
    else if ((kind === 'fire' || kind === 'cancelTimer') && timer !== undefined) {
      if (kind === 'fire') h.timerFired(`timer-${slot}`, timer);
      else h.timerCanceled(`timer-${slot}`, timer);
      timers.delete(slot);
    } else if (kind === 'child' && !child) children.set(slot, { id: h.childInitiated(`child-${slot}`) });
    else if (kind === 'childStart' && child && !child.started) child.started = h.childStarted(`child-${slot}`, child.id);
    else if (kind === 'childEnd' && child?.started) {
      if (slot % 2) h.childCompleted(`child-${slot}`, child.id, child.started);
      else h.childFailed(`child-${slot}`, child.id, child.started);
      children.delete(slot);
    } else if (kind === 'signal') h.signaled(`sig-${slot}`);
    else if (kind === 'marker') h.marker(`mark-${slot}`);
    else if (kind === 'decision') {
      // Walks one decision task through scheduled -> started -> completed, one step per action.
      if (decision.id === undefined) decision.id = h.decisionScheduled();
      else if (decision.started === undefined) decision.started = h.decisionStarted(decision.id);
      else {
        h.decisionCompleted(decision.id, decision.started);
        decision.id = decision.started = undefined;
      }
    }
  }
  if (close) h.close(close);
  return h.events;
}

/** Splits `events` at the given cut points (any order, duplicates allowed) into consecutive pages. */
function pages(events: HistoryEvent[], cuts: number[]): HistoryEvent[][] {
  const points = [...new Set(cuts.map((c) => c % (events.length + 1)))].sort((a, b) => a - b);
  const result: HistoryEvent[][] = [];
  let from = 0;
  for (const to of [...points, events.length]) {
    result.push(events.slice(from, to));
    from = to;
  }
  return result;
}

describe('timeline: applyEvents (incremental)', () => {
  it('property: folding a history page by page equals folding it whole, and the deltas add up', () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 80 }), fc.constantFrom(...CLOSES), fc.array(fc.nat(), { maxLength: 6 }), (actions, close, cuts) => {
        const events = randomHistory(actions, close);
        const whole = buildTimeline('w', 'r', events);
        const live = createTimeline('w', 'r');
        const lanesAdded: string[] = [];
        const changed = new Set<TimelineBar>();
        for (const page of pages(events, cuts)) {
          const delta = applyEvents(live, page);
          assert.equal(delta.eventsApplied, page.length);
          lanesAdded.push(...delta.lanesAdded.map((l) => l.key));
          for (const bar of delta.barsChanged) changed.add(bar);
        }
        assert.deepEqual(live, whole);
        assert.deepEqual(lanesAdded, [...whole.lanes.keys()], 'each lane announced once, in order');
        assert.equal(changed.size, [...live.lanes.values()].reduce((n, l) => n + l.bars.length, 0), 'every bar announced');
      }),
    );
  });

  it('skips events it has already folded, so overlapping reads are harmless', () => {
    const h = new HistoryBuilder().start();
    const a = h.schedule('a');
    h.started(a);
    const model = build(h);
    h.completed(a, a + 1);
    const delta = applyEvents(model, h.events);
    assert.equal(delta.eventsApplied, 1);
    assert.deepEqual(delta.barsChanged.map((b) => [b.id, b.outcome]), [[a, 'completed']]);
    assert.deepEqual(model, build(h));
    assert.deepEqual(applyEvents(model, h.events), { eventsApplied: 0, headerChanged: false, lanesAdded: [], barsChanged: [], marksAdded: [] });
  });

  it('reports what a page changed: new lanes, bars touched, marks, header', () => {
    const h = new HistoryBuilder().start();
    const a = h.schedule('a');
    const model = build(h);
    const cut = h.events.length;
    h.started(a);
    const t = h.timerStarted('t');
    const m = h.marker('m');
    const delta = applyEvents(model, h.events.slice(cut));
    assert.deepEqual(delta.lanesAdded.map((l) => l.key), ['timer:t', 'marker:']);
    assert.deepEqual(delta.barsChanged.map((b) => b.id), [a, t]);
    assert.deepEqual(delta.marksAdded.map((mark) => mark.id), [m]);
    assert.equal(delta.headerChanged, true);
    assert.equal(model.lastEventId, m);
    assert.deepEqual(model.lastEventAt, at(m));
  });
});

describe('timeline: a 25,000-event history', () => {
  it('folds the largest history SWF allows', () => {
    const h = new HistoryBuilder().start();
    const rounds = { activities: 0, retries: 0, timers: 0, signals: 0, children: 0 };
    // Each round: a decision task, two tries of one activity, a timer, a signal, and every 10th round a child.
    for (let round = 0; h.events.length < 25_000 - 20; round++) {
      const d = h.decisionScheduled();
      h.decisionCompleted(d, h.decisionStarted(d));
      const id = `step-${round}`;
      const first = h.schedule(id);
      h.timedOut(first, h.started(first), 'HEARTBEAT');
      const second = h.schedule(id);
      h.completed(second, h.started(second));
      rounds.activities++;
      rounds.retries++;
      const t = h.timerStarted('poll');
      h.timerFired('poll', t);
      rounds.timers++;
      h.signaled('tick');
      rounds.signals++;
      if (round % 10 === 0) {
        const c = h.childInitiated(`child-${round}`);
        h.childCompleted(`child-${round}`, c, h.childStarted(`child-${round}`, c));
        rounds.children++;
      }
    }
    const tail = h.schedule('last');
    while (h.events.length < 24_999) h.marker('pad');
    h.close('WorkflowExecutionTerminated', { workflowExecutionTerminatedEventAttributes: { cause: 'EVENT_LIMIT_EXCEEDED', childPolicy: 'TERMINATE' } });
    assert.equal(h.events.length, 25_000);

    const model = build(h);
    assert.equal(model.lastEventId, 25_000);
    assert.equal(model.events.size, 25_000);
    assert.equal(model.header.status, 'terminated');
    assert.equal(model.header.closeCause, 'EVENT_LIMIT_EXCEEDED');
    const bars = [...model.lanes.values()].flatMap((l) => l.bars);
    const byKind = (kind: string) => bars.filter((b) => b.kind === kind);
    assert.equal(byKind('activity').length, rounds.activities + rounds.retries + 1);
    assert.equal(byKind('decision').length, rounds.activities);
    assert.equal(byKind('timer').length, rounds.timers);
    assert.equal(byKind('child').length, rounds.children);
    assert.equal(lane(model, 'timer', 'poll').bars.length, rounds.timers, 'one lane per timerId');
    assert.equal(lane(model, 'signal').marks.length, rounds.signals);
    assert.deepEqual(activityBars(model, 'step-7').map((b) => [b.attempt, b.outcome, b.timeoutType]), [[1, 'timedOut', 'HEARTBEAT'], [2, 'completed', undefined]]);
    assert.equal(activityBars(model, 'last')[0].id, tail);
    assert.equal(activityBars(model, 'last')[0].outcome, 'executionClosed');
    assert.equal(model.openBars.size, 0);

    // Page by page, as a live view reads it: same model.
    const live = createTimeline('order-1', 'run-1');
    for (let from = 0; from < h.events.length; from += 100) applyEvents(live, h.events.slice(from, from + 100));
    assert.deepEqual(live, model);
  });
});
