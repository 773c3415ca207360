/**
 * The heartbeat keeper against the sandbox over HTTP, with its real timers:
 * a task with a 2 s heartbeat timeout outlives it while kept, and times out
 * when not (the control); a decider's cancel request and a closed task reach
 * the listener.
 */
import * as assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { RespondActivityTaskCompletedCommand, SignalWorkflowExecutionCommand } from '@aws-sdk/client-swf';
import { createSwfGateway, type SwfGateway } from '../../../src/swf/gateway';
import { HeartbeatKeeper, heartbeatIntervalMs, type HeartbeatListener } from '../../../src/swf/heartbeats';
import { claim, decide, DOMAIN, eventTypes, history, scheduleActivity, useFixture, workflowWithActivities } from '../sandbox/fixture';

class RecordingListener implements HeartbeatListener {
  readonly cancels: string[] = [];
  readonly closes: string[] = [];
  readonly failures: unknown[] = [];
  cancelRequested(token: string): void {
    this.cancels.push(token);
  }
  closed(token: string): void {
    this.closes.push(token);
  }
  failed(_token: string, error: unknown): void {
    this.failures.push(error);
  }
}

describe('heartbeatIntervalMs', () => {
  it('beats three times per timeout, between 1 s and 5 min, and not at all without a timeout', () => {
    assert.equal(heartbeatIntervalMs('30'), 10_000);
    assert.equal(heartbeatIntervalMs('2'), 1_000);
    assert.equal(heartbeatIntervalMs('1'), 1_000);
    assert.equal(heartbeatIntervalMs('86400'), 300_000);
    for (const none of [undefined, '', 'NONE', '0', 'abc']) assert.equal(heartbeatIntervalMs(none), undefined, String(none));
  });
});

describe('HeartbeatKeeper against the sandbox', function () {
  this.timeout(15_000);
  const fixture = useFixture({ maxPollWaitMs: 200 });
  let gateway: SwfGateway;
  let listener: RecordingListener;
  let keeper: HeartbeatKeeper;

  beforeEach(async () => {
    const { endpoint } = fixture().sandbox;
    gateway = await createSwfGateway({ profile: '', region: 'us-east-1', regionSource: 'default', endpoint, sandbox: true }, { pollTimeoutMs: 5_000, maxAttempts: 1 });
    listener = new RecordingListener();
    keeper = new HeartbeatKeeper(async () => gateway, listener);
  });

  afterEach(() => {
    keeper.dispose();
    gateway.dispose();
  });

  const withHeartbeat = (id: string) => scheduleActivity(id, { heartbeatTimeout: '2', startToCloseTimeout: '60' });

  it('keeps a task with a 2 s heartbeat timeout alive for 3.5 s, while an unkept one times out', async () => {
    const { client } = fixture();
    const kept = await workflowWithActivities(client, 'kept', withHeartbeat('a'));
    const keptToken = await claim(client);
    const control = await workflowWithActivities(client, 'control', withHeartbeat('b'));
    await claim(client);

    keeper.track([{ taskToken: keptToken, heartbeatTimeout: '2' }]);
    assert.deepEqual([...keeper.tracked], [keptToken]);
    await sleep(3_500);

    assert.ok(!eventTypes(await history(client, kept)).includes('ActivityTaskTimedOut'), 'the kept task is still open');
    assert.ok(eventTypes(await history(client, control)).includes('ActivityTaskTimedOut'), 'the control timed out');
    assert.deepEqual(listener.failures, []);
  });

  it('tells the listener once when the decider requests cancellation', async () => {
    const { client } = fixture();
    await workflowWithActivities(client, 'cancel-me', withHeartbeat('c'));
    const token = await claim(client);
    await keeper.beat(token);
    assert.deepEqual(listener.cancels, []);

    // A signal gives the decider a decision task to answer with the cancel request.
    await client.send(new SignalWorkflowExecutionCommand({ domain: DOMAIN, workflowId: 'cancel-me', signalName: 'customer-cancelled', input: '{}' }));
    await decide(client, [{ decisionType: 'RequestCancelActivityTask', requestCancelActivityTaskDecisionAttributes: { activityId: 'c' } }]);
    await keeper.beat(token);
    await keeper.beat(token);
    assert.deepEqual(listener.cancels, [token]);
  });

  it('stops and tells the listener when the task was closed elsewhere', async () => {
    const { client } = fixture();
    await workflowWithActivities(client, 'closed', withHeartbeat('d'));
    const token = await claim(client);
    keeper.track([{ taskToken: token, heartbeatTimeout: '2' }]);
    await client.send(new RespondActivityTaskCompletedCommand({ taskToken: token, result: 'done by another worker' }));
    await keeper.beat(token);
    assert.deepEqual(listener.closes, [token]);
    assert.equal(keeper.tracked.size, 0);
  });

  it('tracks only tasks with a heartbeat timeout, and stops those no longer given', () => {
    keeper.track([{ taskToken: 't1', heartbeatTimeout: '30' }, { taskToken: 't2', heartbeatTimeout: 'NONE' }, { taskToken: 't3', heartbeatTimeout: undefined }]);
    assert.deepEqual([...keeper.tracked], ['t1']);
    keeper.track([]);
    assert.equal(keeper.tracked.size, 0);
  });
});
