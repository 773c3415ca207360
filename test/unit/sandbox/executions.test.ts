import {
  DescribeWorkflowExecutionCommand,
  ListClosedWorkflowExecutionsCommand,
  ListOpenWorkflowExecutionsCommand,
  PollForDecisionTaskCommand,
  RespondDecisionTaskCompletedCommand,
  RequestCancelWorkflowExecutionCommand,
  SignalWorkflowExecutionCommand,
  StartWorkflowExecutionCommand,
  TerminateWorkflowExecutionCommand,
} from '@aws-sdk/client-swf';
import * as assert from 'node:assert/strict';
import { decide, DOMAIN, errorOf, eventTypes, history, scheduleActivity, startWorkflow, WORKFLOW, useFixture } from './fixture';

describe('sandbox executions and decisions', function () {
  this.timeout(5000);
  const fixture = useFixture();

  it('starts executions with type defaults and refuses a second open run of a workflowId', async () => {
    const { client } = fixture();
    const execution = await startWorkflow(client, 'wf-1');
    assert.equal(execution.runId?.length, 44);
    const described = await client.send(new DescribeWorkflowExecutionCommand({ domain: DOMAIN, execution }));
    assert.deepEqual(described.executionConfiguration, { taskList: { name: 'decisions' }, executionStartToCloseTimeout: '3600', taskStartToCloseTimeout: '60', childPolicy: 'TERMINATE' });
    assert.equal(described.executionInfo?.executionStatus, 'OPEN');
    assert.equal((await errorOf(startWorkflow(client, 'wf-1'))).name, 'WorkflowExecutionAlreadyStartedFault');
    const unknownType = client.send(new StartWorkflowExecutionCommand({ domain: DOMAIN, workflowId: 'wf-2', workflowType: { name: 'Nope', version: '1' } }));
    assert.equal((await errorOf(unknownType)).name, 'UnknownResourceFault');
    assert.equal((await errorOf(client.send(new DescribeWorkflowExecutionCommand({ domain: DOMAIN, execution: { workflowId: 'wf-1', runId: 'nope' } })))).name, 'UnknownResourceFault');
  });

  it('records ScheduleActivityTaskFailed for an unknown type and a duplicate open activityId', async () => {
    const { client } = fixture();
    const execution = await startWorkflow(client, 'wf-1');
    await decide(client, [
      scheduleActivity('a1'),
      scheduleActivity('a1'),
      { decisionType: 'ScheduleActivityTask', scheduleActivityTaskDecisionAttributes: { activityType: { name: 'Nope', version: '1' }, activityId: 'a2' } },
      { decisionType: 'RequestCancelActivityTask', requestCancelActivityTaskDecisionAttributes: { activityId: 'ghost' } },
    ]);
    const events = await history(client, execution);
    assert.deepEqual(eventTypes(events).slice(4), ['ActivityTaskScheduled', 'ScheduleActivityTaskFailed', 'ScheduleActivityTaskFailed', 'RequestCancelActivityTaskFailed', 'DecisionTaskScheduled']);
    assert.equal(events[5]?.scheduleActivityTaskFailedEventAttributes?.cause, 'ACTIVITY_ID_ALREADY_IN_USE');
    assert.equal(events[6]?.scheduleActivityTaskFailedEventAttributes?.cause, 'ACTIVITY_TYPE_DOES_NOT_EXIST');
    assert.deepEqual(events[7]?.requestCancelActivityTaskFailedEventAttributes, { activityId: 'ghost', cause: 'ACTIVITY_ID_UNKNOWN', decisionTaskCompletedEventId: 4 });
    assert.equal(events[4]?.activityTaskScheduledEventAttributes?.scheduleToStartTimeout, 'NONE');
  });

  it('schedules decision tasks for signals and cancel requests, and closes executions by decision or terminate', async () => {
    const { client } = fixture();
    const execution = await startWorkflow(client, 'wf-1');
    await decide(client, [scheduleActivity('a1')]);
    await client.send(new SignalWorkflowExecutionCommand({ domain: DOMAIN, workflowId: 'wf-1', signalName: 'poke', input: 'x' }));
    await client.send(new RequestCancelWorkflowExecutionCommand({ domain: DOMAIN, workflowId: 'wf-1' }));
    const seen = await decide(client, [{ decisionType: 'CompleteWorkflowExecution', completeWorkflowExecutionDecisionAttributes: { result: 'ok' } }]);
    assert.deepEqual(eventTypes(seen).slice(5), ['WorkflowExecutionSignaled', 'DecisionTaskScheduled', 'WorkflowExecutionCancelRequested', 'DecisionTaskStarted']);
    const described = await client.send(new DescribeWorkflowExecutionCommand({ domain: DOMAIN, execution }));
    assert.deepEqual([described.executionInfo?.closeStatus, described.executionInfo?.cancelRequested, described.openCounts?.openActivityTasks], ['COMPLETED', true, 0]);

    const other = await startWorkflow(client, 'wf-2');
    await client.send(new TerminateWorkflowExecutionCommand({ domain: DOMAIN, workflowId: 'wf-2', reason: 'stop' }));
    assert.deepEqual((await history(client, other)).at(-1)?.workflowExecutionTerminatedEventAttributes, { reason: 'stop', childPolicy: 'TERMINATE', cause: 'OPERATOR_INITIATED' });
    assert.equal((await errorOf(client.send(new SignalWorkflowExecutionCommand({ domain: DOMAIN, workflowId: 'wf-2', signalName: 'late' })))).name, 'UnknownResourceFault');

    const closed = await client.send(new ListClosedWorkflowExecutionsCommand({ domain: DOMAIN, startTimeFilter: { oldestDate: new Date(0) }, closeStatusFilter: { status: 'TERMINATED' } }));
    assert.deepEqual(closed.executionInfos?.map((info) => info.execution?.workflowId), ['wf-2']);
    const open = await client.send(new ListOpenWorkflowExecutionsCommand({ domain: DOMAIN, startTimeFilter: { oldestDate: new Date(0) }, typeFilter: WORKFLOW }));
    assert.deepEqual(open.executionInfos, []);
  });

  it('refuses to complete an execution while new events wait (UNHANDLED_DECISION)', async () => {
    const { client } = fixture();
    const execution = await startWorkflow(client, 'wf-1');
    const task = await client.send(new PollForDecisionTaskCommand({ domain: DOMAIN, taskList: { name: 'decisions' } }));
    await client.send(new SignalWorkflowExecutionCommand({ domain: DOMAIN, workflowId: 'wf-1', signalName: 'meanwhile' }));
    await client.send(new RespondDecisionTaskCompletedCommand({ taskToken: task.taskToken, decisions: [{ decisionType: 'CompleteWorkflowExecution' }] }));
    const events = await history(client, execution);
    assert.deepEqual(eventTypes(events).slice(-2), ['CompleteWorkflowExecutionFailed', 'DecisionTaskScheduled']);
  });

  it('fires StartTimer timers and wakes the decider', async () => {
    const { client } = fixture();
    const execution = await startWorkflow(client, 'wf-1');
    await decide(client, [{ decisionType: 'StartTimer', startTimerDecisionAttributes: { timerId: 't1', startToFireTimeout: '1' } }]);
    await new Promise((resolve) => setTimeout(resolve, 1150));
    const events = await history(client, execution);
    assert.deepEqual(eventTypes(events).slice(-3), ['TimerStarted', 'TimerFired', 'DecisionTaskScheduled']);
  });
});
