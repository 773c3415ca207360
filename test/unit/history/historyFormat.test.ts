import * as assert from 'node:assert/strict';
import type { HistoryEvent } from '@aws-sdk/client-swf';
import { MAX_SHOWN_CHARS, formatHistoryEvent, quoteForLog } from '../../../src/history/historyFormat';

const AT = new Date('2026-11-25T10:00:00.000Z');
const STAMP = '2026-11-25T10:00:00.000Z';

/** The SDK's event shape: common fields plus the attributes member named after the type. */
function event(eventId: number, eventType: string, attributes: Record<string, unknown>): HistoryEvent {
  const member = `${eventType.charAt(0).toLowerCase()}${eventType.slice(1)}EventAttributes`;
  return { eventId, eventTimestamp: AT, eventType, [member]: attributes } as HistoryEvent;
}

describe('formatHistoryEvent', () => {
  const cases: [string, HistoryEvent, string][] = [
    [
      'WorkflowExecutionStarted',
      event(1, 'WorkflowExecutionStarted', {
        workflowType: { name: 'order', version: '1.0' },
        taskList: { name: 'deciders' },
        input: '{"order":42}',
        parentWorkflowExecution: { workflowId: 'parent', runId: 'run-1' },
        childPolicy: 'TERMINATE',
        executionStartToCloseTimeout: '3600',
      }),
      `#1  ${STAMP}  WorkflowExecutionStarted  workflowType="order/1.0" taskList="deciders" input="{\\"order\\":42}" parentWorkflowExecution="parent/run-1"`,
    ],
    [
      'ActivityTaskScheduled',
      event(5, 'ActivityTaskScheduled', {
        activityType: { name: 'verify-card', version: '2' },
        activityId: 'verify-1',
        taskList: { name: 'payments' },
        input: 'card 4242',
        decisionTaskCompletedEventId: 4,
        heartbeatTimeout: 'NONE',
      }),
      `#5  ${STAMP}  ActivityTaskScheduled  activityType="verify-card/2" activityId="verify-1" taskList="payments" input="card 4242"`,
    ],
    [
      'ActivityTaskStarted',
      event(6, 'ActivityTaskStarted', { identity: 'worker@host', scheduledEventId: 5 }),
      `#6  ${STAMP}  ActivityTaskStarted  identity="worker@host" scheduledEventId=5`,
    ],
    [
      'ActivityTaskCompleted',
      event(12, 'ActivityTaskCompleted', { result: 'customer credit card verified', scheduledEventId: 5, startedEventId: 6 }),
      `#12  ${STAMP}  ActivityTaskCompleted  result="customer credit card verified" scheduledEventId=5 startedEventId=6`,
    ],
    [
      'ActivityTaskFailed',
      event(7, 'ActivityTaskFailed', { reason: 'declined', details: 'line 1\nline 2', scheduledEventId: 5, startedEventId: 6 }),
      `#7  ${STAMP}  ActivityTaskFailed  reason="declined" details="line 1\\nline 2" scheduledEventId=5 startedEventId=6`,
    ],
    [
      'ActivityTaskTimedOut',
      event(8, 'ActivityTaskTimedOut', { timeoutType: 'START_TO_CLOSE', scheduledEventId: 5, startedEventId: 6 }),
      `#8  ${STAMP}  ActivityTaskTimedOut  timeoutType="START_TO_CLOSE" scheduledEventId=5 startedEventId=6`,
    ],
    [
      'ActivityTaskCanceled',
      event(9, 'ActivityTaskCanceled', { details: 'stopped', scheduledEventId: 5, startedEventId: 6, latestCancelRequestedEventId: 8 }),
      `#9  ${STAMP}  ActivityTaskCanceled  details="stopped" scheduledEventId=5 startedEventId=6 latestCancelRequestedEventId=8`,
    ],
    [
      'ActivityTaskCancelRequested',
      event(8, 'ActivityTaskCancelRequested', { activityId: 'verify-1', decisionTaskCompletedEventId: 7 }),
      `#8  ${STAMP}  ActivityTaskCancelRequested  activityId="verify-1"`,
    ],
    [
      'ScheduleActivityTaskFailed',
      event(5, 'ScheduleActivityTaskFailed', {
        activityType: { name: 'verify-card', version: '2' },
        activityId: 'verify-1',
        cause: 'ACTIVITY_TYPE_DOES_NOT_EXIST',
        decisionTaskCompletedEventId: 4,
      }),
      `#5  ${STAMP}  ScheduleActivityTaskFailed  activityType="verify-card/2" activityId="verify-1" cause="ACTIVITY_TYPE_DOES_NOT_EXIST"`,
    ],
    [
      'WorkflowExecutionCompleted',
      event(20, 'WorkflowExecutionCompleted', { result: 'shipped', decisionTaskCompletedEventId: 19 }),
      `#20  ${STAMP}  WorkflowExecutionCompleted  result="shipped"`,
    ],
    [
      'WorkflowExecutionFailed',
      event(20, 'WorkflowExecutionFailed', { reason: 'no stock', details: 'sku 7' }),
      `#20  ${STAMP}  WorkflowExecutionFailed  reason="no stock" details="sku 7"`,
    ],
    [
      'WorkflowExecutionTerminated',
      event(21, 'WorkflowExecutionTerminated', { reason: 'cleanup', childPolicy: 'TERMINATE', cause: 'OPERATOR_INITIATED' }),
      `#21  ${STAMP}  WorkflowExecutionTerminated  reason="cleanup" cause="OPERATOR_INITIATED"`,
    ],
    [
      'DecisionTaskCompleted',
      event(4, 'DecisionTaskCompleted', { scheduledEventId: 2, startedEventId: 3, executionContext: 'ctx' }),
      `#4  ${STAMP}  DecisionTaskCompleted  scheduledEventId=2 startedEventId=3`,
    ],
    [
      'an event without attributes',
      { eventId: 3, eventTimestamp: AT, eventType: 'DecisionTaskStarted' },
      `#3  ${STAMP}  DecisionTaskStarted`,
    ],
  ];

  for (const [name, input, expected] of cases) {
    it(`formats ${name}`, () => {
      assert.equal(formatHistoryEvent(input), expected);
    });
  }

  it('lists the scalar attributes of types it has no list for', () => {
    const line = formatHistoryEvent(
      event(30, 'LambdaFunctionScheduled', { id: 'fn-1', name: 'resize', input: 'x', startToCloseTimeout: '60', decisionTaskCompletedEventId: 29, nested: { a: 1 } }),
    );
    assert.equal(line, `#30  ${STAMP}  LambdaFunctionScheduled  id="fn-1" name="resize" input="x" startToCloseTimeout="60" decisionTaskCompletedEventId=29`);
  });

  it('shows placeholders for missing id, timestamp and type, and survives an invalid date', () => {
    assert.equal(formatHistoryEvent({} as HistoryEvent), '#?  -  UnknownEvent');
    assert.equal(formatHistoryEvent({ eventId: 1, eventTimestamp: new Date(NaN), eventType: 'TimerFired' } as HistoryEvent), '#1  invalid-date  TimerFired');
  });

  it('keeps every event on one line', () => {
    const line = formatHistoryEvent(event(7, 'ActivityTaskFailed', { reason: 'a\r\nb', details: 'c\u2028d\u2029e', scheduledEventId: 5 }));
    assert.doesNotMatch(line, /[\r\n\u2028\u2029]/);
  });
});

describe('quoteForLog', () => {
  it('quotes short text whole', () => {
    assert.equal(quoteForLog('say "hi"'), '"say \\"hi\\""');
  });

  it('cuts long text and notes its full length', () => {
    const input = `{"a":1${' '.repeat(12339)}}`;
    assert.equal(input.length, 12346);
    assert.equal(quoteForLog(input, 6), '"{\\"a\\":1…" (12,346 chars)');
    assert.equal(quoteForLog('x'.repeat(MAX_SHOWN_CHARS)), `"${'x'.repeat(MAX_SHOWN_CHARS)}"`);
    assert.match(quoteForLog('x'.repeat(MAX_SHOWN_CHARS + 1)), /…" \(121 chars\)$/);
  });

  it('never cuts an emoji in half', () => {
    assert.equal(quoteForLog('ab😀cd', 3), '"ab…" (6 chars)');
  });
});
