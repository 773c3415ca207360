import {
  CountPendingActivityTasksCommand,
  DescribeWorkflowExecutionCommand,
  PollForActivityTaskCommand,
  RecordActivityTaskHeartbeatCommand,
  RespondActivityTaskCanceledCommand,
  RespondActivityTaskCompletedCommand,
  RespondActivityTaskFailedCommand,
  SignalWorkflowExecutionCommand,
} from '@aws-sdk/client-swf';
import * as assert from 'node:assert/strict';
import { claim, decide, DOMAIN, errorOf, eventTypes, history, scheduleActivity, WORK, workflowWithActivities, useFixture } from './fixture';

describe('sandbox activity tasks', function () {
  this.timeout(5000);
  const fixture = useFixture();

  it('hands out a scheduled task and records ActivityTaskStarted with the identity', async () => {
    const { client } = fixture();
    const execution = await workflowWithActivities(client, 'wf-1', scheduleActivity('a1', {}, '{"x":1}'));
    assert.equal((await client.send(new CountPendingActivityTasksCommand({ domain: DOMAIN, taskList: { name: WORK } }))).count, 1);
    const task = await client.send(new PollForActivityTaskCommand({ domain: DOMAIN, taskList: { name: WORK }, identity: 'worker-7@host' }));
    assert.equal(task.activityId, 'a1');
    assert.equal(task.input, '{"x":1}');
    assert.deepEqual(task.workflowExecution, execution);
    assert.ok((task.taskToken ?? '').length > 200);
    const events = await history(client, execution);
    const started = events.at(-1);
    assert.equal(started?.eventType, 'ActivityTaskStarted');
    assert.deepEqual(started?.activityTaskStartedEventAttributes, { identity: 'worker-7@host', scheduledEventId: 5 });
    assert.equal(task.startedEventId, started?.eventId);
    assert.ok(started?.eventTimestamp instanceof Date);
    assert.equal((await client.send(new CountPendingActivityTasksCommand({ domain: DOMAIN, taskList: { name: WORK } }))).count, 0);
  });

  it('completes and fails tasks, then rejects their closed tokens', async () => {
    const { client } = fixture();
    const execution = await workflowWithActivities(client, 'wf-2', scheduleActivity('a1'), scheduleActivity('a2'));
    const first = await claim(client);
    const second = await claim(client);
    await client.send(new RespondActivityTaskCompletedCommand({ taskToken: first, result: 'done' }));
    await client.send(new RespondActivityTaskFailedCommand({ taskToken: second, reason: 'Boom', details: 'stack' }));
    const events = await history(client, execution);
    const completed = events.find((event) => event.eventType === 'ActivityTaskCompleted');
    assert.deepEqual(completed?.activityTaskCompletedEventAttributes, { result: 'done', scheduledEventId: 5, startedEventId: 7 });
    const failed = events.find((event) => event.eventType === 'ActivityTaskFailed');
    assert.deepEqual(failed?.activityTaskFailedEventAttributes, { reason: 'Boom', details: 'stack', scheduledEventId: 6, startedEventId: 8 });
    // Only one decision task for both closings: the second arrives while the first is still scheduled.
    assert.equal(eventTypes(events).filter((type) => type === 'DecisionTaskScheduled').length, 2);
    for (const taskToken of [first, second]) {
      assert.equal((await errorOf(client.send(new RespondActivityTaskCompletedCommand({ taskToken })))).name, 'UnknownResourceFault');
    }
    assert.equal((await errorOf(client.send(new RecordActivityTaskHeartbeatCommand({ taskToken: 'not-a-token' })))).name, 'UnknownResourceFault');
  });

  it('cancels end to end: request, heartbeat sees it, worker cancels, decider is told', async () => {
    const { client } = fixture();
    const execution = await workflowWithActivities(client, 'wf-3', scheduleActivity('a1'));
    const token = await claim(client);
    assert.equal((await client.send(new RecordActivityTaskHeartbeatCommand({ taskToken: token, details: 'half' }))).cancelRequested, false);
    assert.equal((await client.send(new DescribeWorkflowExecutionCommand({ domain: DOMAIN, execution }))).openCounts?.openActivityTasks, 1);
    // Nothing wakes the decider by itself; a signal does.
    await client.send(new SignalWorkflowExecutionCommand({ domain: DOMAIN, workflowId: 'wf-3', signalName: 'stop', input: '' }));
    await decide(client, [{ decisionType: 'RequestCancelActivityTask', requestCancelActivityTaskDecisionAttributes: { activityId: 'a1' } }]);
    assert.equal((await client.send(new RecordActivityTaskHeartbeatCommand({ taskToken: token }))).cancelRequested, true);
    await client.send(new RespondActivityTaskCanceledCommand({ taskToken: token, details: 'stopped' }));
    const events = await history(client, execution);
    assert.deepEqual(eventTypes(events).slice(-5), ['DecisionTaskStarted', 'DecisionTaskCompleted', 'ActivityTaskCancelRequested', 'ActivityTaskCanceled', 'DecisionTaskScheduled']);
    const requested = events.find((event) => event.eventType === 'ActivityTaskCancelRequested');
    assert.deepEqual(requested?.activityTaskCancelRequestedEventAttributes, { activityId: 'a1', decisionTaskCompletedEventId: (requested?.eventId ?? 0) - 1 });
    assert.deepEqual(events.at(-2)?.activityTaskCanceledEventAttributes, { details: 'stopped', scheduledEventId: 5, startedEventId: 6, latestCancelRequestedEventId: requested?.eventId });
    const described = await client.send(new DescribeWorkflowExecutionCommand({ domain: DOMAIN, execution }));
    assert.deepEqual({ ...described.openCounts }, { openActivityTasks: 0, openDecisionTasks: 1, openTimers: 0, openChildWorkflowExecutions: 0, openLambdaFunctions: 0 });
  });

  it('allows RespondActivityTaskCanceled without a cancel request, and cancels unstarted tasks at once', async () => {
    const { client } = fixture();
    const execution = await workflowWithActivities(client, 'wf-4', scheduleActivity('a1'), scheduleActivity('a2'));
    await client.send(new RespondActivityTaskCanceledCommand({ taskToken: await claim(client) }));
    await decide(client, [{ decisionType: 'RequestCancelActivityTask', requestCancelActivityTaskDecisionAttributes: { activityId: 'a2' } }]);
    const events = await history(client, execution);
    assert.deepEqual(eventTypes(events).slice(-3), ['ActivityTaskCancelRequested', 'ActivityTaskCanceled', 'DecisionTaskScheduled']);
    assert.deepEqual(events.at(-2)?.activityTaskCanceledEventAttributes, { scheduledEventId: 6, startedEventId: 0, latestCancelRequestedEventId: events.at(-3)?.eventId });
    assert.equal((await client.send(new CountPendingActivityTasksCommand({ domain: DOMAIN, taskList: { name: WORK } }))).count, 0);
  });
});
