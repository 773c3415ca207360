import * as assert from 'node:assert/strict';
import type { HistoryEvent } from '@aws-sdk/client-swf';
import fc from 'fast-check';
import { applyHistoryEvents, emptyExecutionState, openTasksFromHistory, openTasksOf } from '../../../src/history/openTasks';

/** Builds a history the way SWF numbers it: eventIds 1, 2, 3... in order. */
class HistoryBuilder {
  readonly events: HistoryEvent[] = [];

  private add(eventType: string, attributes: Partial<HistoryEvent>): number {
    const eventId = this.events.length + 1;
    this.events.push({ eventId, eventType: eventType as HistoryEvent['eventType'], eventTimestamp: new Date(Date.UTC(2026, 10, 25, 10, 0, eventId)), ...attributes });
    return eventId;
  }

  start(): this {
    this.add('WorkflowExecutionStarted', { workflowExecutionStartedEventAttributes: { childPolicy: 'TERMINATE', taskList: { name: 'decisions' }, workflowType: { name: 'order', version: '1' } } });
    return this;
  }

  schedule(activityId: string, taskList = 'payments', input?: string): number {
    return this.add('ActivityTaskScheduled', {
      activityTaskScheduledEventAttributes: {
        activityId,
        activityType: { name: 'chargeCard', version: '2' },
        taskList: { name: taskList },
        input,
        decisionTaskCompletedEventId: 0,
        startToCloseTimeout: '300',
        heartbeatTimeout: 'NONE',
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

  failed(scheduledEventId: number, startedEventId: number): number {
    return this.add('ActivityTaskFailed', { activityTaskFailedEventAttributes: { scheduledEventId, startedEventId, reason: 'declined' } });
  }

  timedOut(scheduledEventId: number): number {
    return this.add('ActivityTaskTimedOut', { activityTaskTimedOutEventAttributes: { scheduledEventId, startedEventId: 0, timeoutType: 'SCHEDULE_TO_START' } });
  }

  canceled(scheduledEventId: number): number {
    return this.add('ActivityTaskCanceled', { activityTaskCanceledEventAttributes: { scheduledEventId, startedEventId: 0 } });
  }

  scheduleFailed(activityId: string): number {
    return this.add('ScheduleActivityTaskFailed', {
      scheduleActivityTaskFailedEventAttributes: { activityId, activityType: { name: 'chargeCard', version: '9' }, cause: 'ACTIVITY_TYPE_DOES_NOT_EXIST', decisionTaskCompletedEventId: 0 },
    });
  }

  closeExecution(eventType = 'WorkflowExecutionTerminated'): number {
    return this.add(eventType, {});
  }
}

const open = (h: HistoryBuilder) => openTasksFromHistory('order-1', 'run-1', h.events);

describe('openTasksFromHistory', () => {
  it('lists a scheduled task with its type, list, input, timeouts and execution', () => {
    const h = new HistoryBuilder().start();
    const id = h.schedule('charge-1', 'payments', '{"amount":12}');
    const [task, ...rest] = open(h);
    assert.equal(rest.length, 0);
    assert.equal(task.scheduledEventId, id);
    assert.equal(task.state, 'scheduled');
    assert.deepEqual(task.activityType, { name: 'chargeCard', version: '2' });
    assert.equal(task.taskList, 'payments');
    assert.equal(task.input, '{"amount":12}');
    assert.equal(task.workflowId, 'order-1');
    assert.equal(task.runId, 'run-1');
    assert.deepEqual(task.timeouts, { scheduleToStart: undefined, startToClose: '300', scheduleToClose: undefined, heartbeat: 'NONE' });
    assert.equal(task.attempt, 1);
    assert.equal(task.cancelRequested, false);
  });

  it('marks a started task with the worker identity and start time', () => {
    const h = new HistoryBuilder().start();
    const s = h.schedule('charge-1');
    const st = h.started(s, 'worker-7@ip-10-0-0-12');
    const [task] = open(h);
    assert.equal(task.state, 'started');
    assert.equal(task.startedEventId, st);
    assert.equal(task.startedBy, 'worker-7@ip-10-0-0-12');
    assert.ok(task.startedAt instanceof Date);
  });

  it('records a cancel request by activityId', () => {
    const h = new HistoryBuilder().start();
    h.started(h.schedule('charge-1'));
    h.schedule('ship-1', 'shipping');
    h.cancelRequested('charge-1');
    const tasks = open(h);
    assert.deepEqual(tasks.map((t) => [t.activityId, t.cancelRequested]), [['charge-1', true], ['ship-1', false]]);
  });

  for (const close of ['completed', 'failed', 'timedOut', 'canceled'] as const) {
    it(`closes a task on ActivityTask${close[0].toUpperCase()}${close.slice(1)}`, () => {
      const h = new HistoryBuilder().start();
      const s = h.schedule('charge-1');
      const keep = h.schedule('charge-2');
      const st = h.started(s);
      if (close === 'completed') h.completed(s, st);
      else if (close === 'failed') h.failed(s, st);
      else if (close === 'timedOut') h.timedOut(s);
      else h.canceled(s);
      assert.deepEqual(open(h).map((t) => t.scheduledEventId), [keep]);
    });
  }

  it('numbers retries that reuse an activityId and keeps only the open attempt', () => {
    const h = new HistoryBuilder().start();
    const first = h.schedule('charge-1');
    h.failed(first, h.started(first));
    const second = h.schedule('charge-1');
    const [task, ...rest] = open(h);
    assert.equal(rest.length, 0);
    assert.equal(task.scheduledEventId, second);
    assert.equal(task.attempt, 2);
  });

  it('does not list a ScheduleActivityTaskFailed as a task, but keeps it for context', () => {
    const h = new HistoryBuilder().start();
    h.scheduleFailed('charge-1');
    const state = applyHistoryEvents(emptyExecutionState('order-1', 'run-1'), h.events);
    assert.equal(openTasksOf(state).length, 0);
    assert.equal(state.scheduleFailures.length, 1);
    assert.equal(state.scheduleFailures[0].cause, 'ACTIVITY_TYPE_DOES_NOT_EXIST');
  });

  it('drops every task when the execution closes', () => {
    const h = new HistoryBuilder().start();
    h.schedule('charge-1');
    h.started(h.schedule('charge-2'));
    h.closeExecution('WorkflowExecutionTerminated');
    const state = applyHistoryEvents(emptyExecutionState('order-1', 'run-1'), h.events);
    assert.equal(state.closed, true);
    assert.equal(openTasksOf(state).length, 0);
  });

  it('ignores a close event for a task it never saw scheduled', () => {
    const h = new HistoryBuilder().start();
    const s = h.schedule('charge-1');
    h.completed(999, 1000);
    assert.deepEqual(open(h).map((t) => t.scheduledEventId), [s]);
  });
});

describe('applyHistoryEvents (incremental)', () => {
  it('folding in two parts equals folding the whole history, for every split point', () => {
    const h = new HistoryBuilder().start();
    const a = h.schedule('a');
    const b = h.schedule('b', 'shipping');
    const sa = h.started(a);
    h.cancelRequested('b');
    h.completed(a, sa);
    h.schedule('a');
    h.started(b);
    h.scheduleFailed('c');
    const whole = applyHistoryEvents(emptyExecutionState('w', 'r'), h.events);
    for (let split = 0; split <= h.events.length; split++) {
      const first = applyHistoryEvents(emptyExecutionState('w', 'r'), h.events.slice(0, split));
      const both = applyHistoryEvents(first, h.events.slice(split));
      assert.deepEqual(openTasksOf(both), openTasksOf(whole), `split at ${split}`);
      assert.equal(both.lastEventId, whole.lastEventId);
    }
  });

  it('skips events it has already folded, so overlapping reads are harmless', () => {
    const h = new HistoryBuilder().start();
    const a = h.schedule('a');
    const once = applyHistoryEvents(emptyExecutionState('w', 'r'), h.events);
    const twice = applyHistoryEvents(once, h.events);
    assert.deepEqual(openTasksOf(twice), openTasksOf(once));
    assert.equal(openTasksOf(twice)[0].scheduledEventId, a);
    assert.equal(twice.schedulings.get('a'), 1);
  });

  it('does not modify the state it is given', () => {
    const h = new HistoryBuilder().start();
    const a = h.schedule('a');
    const before = applyHistoryEvents(emptyExecutionState('w', 'r'), h.events);
    h.completed(a, h.started(a));
    applyHistoryEvents(before, h.events);
    assert.equal(openTasksOf(before).length, 1);
  });

  it('property: any split of a random history folds to the same open tasks', () => {
    // A random sequence of actions on up to 5 activities, turned into a valid history.
    const action = fc.record({ kind: fc.constantFrom('schedule', 'start', 'close', 'cancel'), slot: fc.integer({ min: 0, max: 4 }) });
    fc.assert(
      fc.property(fc.array(action, { maxLength: 40 }), fc.nat(), (actions, splitSeed) => {
        const h = new HistoryBuilder().start();
        const scheduled = new Map<number, { id: number; started?: number }>();
        for (const { kind, slot } of actions) {
          const current = scheduled.get(slot);
          if (kind === 'schedule' && !current) scheduled.set(slot, { id: h.schedule(`act-${slot}`) });
          else if (kind === 'start' && current && !current.started) current.started = h.started(current.id);
          else if (kind === 'cancel' && current) h.cancelRequested(`act-${slot}`);
          else if (kind === 'close' && current) {
            h.completed(current.id, current.started ?? 0);
            scheduled.delete(slot);
          }
        }
        const split = splitSeed % (h.events.length + 1);
        const whole = openTasksFromHistory('w', 'r', h.events);
        const parts = openTasksOf(applyHistoryEvents(applyHistoryEvents(emptyExecutionState('w', 'r'), h.events.slice(0, split)), h.events.slice(split)));
        assert.deepEqual(parts, whole);
        assert.deepEqual(whole.map((t) => t.scheduledEventId).sort((x, y) => x - y), [...scheduled.values()].map((s) => s.id).sort((x, y) => x - y));
      }),
    );
  });
});
