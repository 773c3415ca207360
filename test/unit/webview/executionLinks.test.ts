// The execution panel header's links: the parent from WorkflowExecutionStarted, the children from their initiated and started events; the page may ask only for a linked one.
import * as assert from 'node:assert/strict';
import type { HistoryEvent } from '@aws-sdk/client-swf';
import { buildTimeline } from '../../../src/history/timelineFold';
import { childExecutions, initMessage, isPageMessage, postedState, toHeaderView } from '../../../src/webview/execution/protocol';

const T0 = Date.UTC(2026, 11, 7, 1, 0, 0);
const e = (eventId: number, eventType: string, attrs: Partial<HistoryEvent> = {}): HistoryEvent => ({ eventId, eventType, eventTimestamp: new Date(T0 + eventId * 1000), ...attrs }) as HistoryEvent;
const type = { name: 'Child', version: '1' };
const events: HistoryEvent[] = [
  e(1, 'WorkflowExecutionStarted', { workflowExecutionStartedEventAttributes: { workflowType: { name: 'order', version: '2' }, childPolicy: 'TERMINATE', taskList: { name: 'd' }, parentWorkflowExecution: { workflowId: 'batch-<b>7</b>', runId: 'parentRun' }, parentInitiatedEventId: 3 } }),
  e(2, 'StartChildWorkflowExecutionInitiated', { startChildWorkflowExecutionInitiatedEventAttributes: { workflowId: 'child-a', workflowType: type, childPolicy: 'TERMINATE', taskList: { name: 'd' }, decisionTaskCompletedEventId: 0 } }),
  e(3, 'ChildWorkflowExecutionStarted', { childWorkflowExecutionStartedEventAttributes: { workflowExecution: { workflowId: 'child-a', runId: 'runA' }, workflowType: type, initiatedEventId: 2 } }),
  e(4, 'StartChildWorkflowExecutionInitiated', { startChildWorkflowExecutionInitiatedEventAttributes: { workflowId: 'child-b', workflowType: type, childPolicy: 'TERMINATE', taskList: { name: 'd' }, decisionTaskCompletedEventId: 0 } }),
];

describe('execution panel: parent and child links', () => {
  it('links the parent, a started child by its run, and names a child not started yet without a run', () => {
    const model = buildTimeline('w', 'r', events);
    assert.deepEqual(childExecutions(model), [{ workflowId: 'child-a', runId: 'runA' }, { workflowId: 'child-b' }]);
    const view = toHeaderView(model.header, { domain: 'd', connection: 'c' }, childExecutions(model));
    assert.deepEqual(view.parent, { workflowId: 'batch-<b>7</b>', runId: 'parentRun' }, 'the name as sent: the page renders it as text');
    const init = initMessage(model, events, { domain: 'd', connection: 'c' }, { strings: {} as never, state: { root: {}, workflowId: 'w', runId: 'r' } }, postedState());
    assert.deepEqual(init.header.children, view.children);
  });

  it('a header link click is a page message only with a workflow ID and a run ID', () => {
    assert.ok(isPageMessage({ type: 'openExecution', workflowId: 'child-a', runId: 'runA' }));
    assert.ok(!isPageMessage({ type: 'openExecution', workflowId: 'child-b' }));
    assert.ok(!isPageMessage({ type: 'openExecution', workflowId: 1, runId: 'x' }));
  });
});
