/**
 * The heartbeat keeper against the sandbox over HTTP, with its real timers:
 * a task with a 2 s heartbeat timeout outlives it while kept, and times out
 * when not (the control); a decider's cancel request and a closed task reach
 * the listener.
 */
import * as assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { RespondActivityTaskCompletedCommand, SignalWorkflowExecutionCommand } from '@aws-sdk/client-swf';
import { resolveCallTarget, SANDBOX } from '../../../src/connection/connection';
import { createSwfGateway, type SwfGateway } from '../../../src/swf/gateway';
import { HeartbeatKeeper, heartbeatIntervalMs, type HeartbeatListener, heartbeatTargets } from '../../../src/claims/heartbeats';
import { claim, decide, DOMAIN, eventTypes, history, scheduleActivity, useFixture, workflowWithActivities } from '../sandbox/fixture';

class RecordingListener implements HeartbeatListener {
  readonly cancels: string[] = [];
  readonly closes: string[] = [];
  readonly failures: unknown[] = [];
  readonly beats: [string, Date][] = [];
  beaten(token: string, sentAt: Date): void {
    this.beats.push([token, sentAt]);
  }
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

describe('heartbeatTargets', () => {
  it("keeps a claim at its own heartbeat timeout once read, and at a minute's pace until then", () => {
    const targets = heartbeatTargets([
      { taskToken: 'unread' },
      { taskToken: 'read', timeouts: { heartbeat: '600' } },
      { taskToken: 'none', timeouts: { heartbeat: 'NONE' } },
    ]);
    assert.deepEqual(targets.map((t) => [t.taskToken, heartbeatIntervalMs(t.heartbeatTimeout)]), [
      ['unread', 20_000],
      ['read', 200_000],
      ['none', undefined],
    ]);
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
    gateway = await createSwfGateway(resolveCallTarget(SANDBOX, endpoint), { pollTimeoutMs: 5_000, maxAttempts: 1 });
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

  it('beats a newly tracked task at once, and stops and tells the listener when it was closed elsewhere', async () => {
    const { client } = fixture();
    await workflowWithActivities(client, 'closed', withHeartbeat('d'));
    const token = await claim(client);
    await client.send(new RespondActivityTaskCompletedCommand({ taskToken: token, result: 'done by another worker' }));
    // A claim restored after a reload may not have been beaten for a while: the first beat goes now, not 666 ms from now.
    keeper.track([{ taskToken: token, heartbeatTimeout: '2' }]);
    await until(() => listener.closes.length > 0, 500);
    assert.deepEqual(listener.closes, [token]);
    assert.equal(keeper.tracked.size, 0);
  });

  it('remembers when the last successful beat of a kept task was sent, tells the listener, and forgets it with the task', async () => {
    const { client } = fixture();
    await workflowWithActivities(client, 'beaten', withHeartbeat('e'));
    const token = await claim(client);
    const before = new Date();
    keeper.track([{ taskToken: token, heartbeatTimeout: '2' }]);
    await until(() => listener.beats.length > 0, 1_000);
    const last = keeper.lastBeatAt(token);
    assert.ok(last && last >= before, 'sent after tracking began');
    assert.deepEqual(listener.beats[0], [token, last]);
    // A failed beat (the task closed) moves nothing, and stopping forgets the time.
    await client.send(new RespondActivityTaskCompletedCommand({ taskToken: token, result: 'done' }));
    const beatsBefore = listener.beats.length;
    await keeper.beat(token);
    assert.equal(keeper.lastBeatAt(token), undefined, 'closed: no longer kept, nothing remembered');
    assert.equal(listener.beats.length, beatsBefore);
  });

  it('tracks only tasks with a heartbeat timeout, and stops those no longer given', () => {
    keeper.track([{ taskToken: 't1', heartbeatTimeout: '30' }, { taskToken: 't2', heartbeatTimeout: 'NONE' }, { taskToken: 't3', heartbeatTimeout: undefined }]);
    assert.deepEqual([...keeper.tracked], ['t1']);
    keeper.track([]);
    assert.equal(keeper.tracked.size, 0);
  });

  it('with a liveness interval, also beats tasks without a heartbeat timeout, and learns there when one closed', async () => {
    const live = new HeartbeatKeeper(async () => gateway, listener, 60_000);
    try {
      live.track([{ taskToken: 'gone-1', heartbeatTimeout: 'NONE' }, { taskToken: 'gone-2', heartbeatTimeout: undefined }]);
      assert.deepEqual([...live.tracked].sort(), ['gone-1', 'gone-2']);
      // The sandbox never issued these tokens: UnknownResourceFault, as for a closed task; the first beats go at once.
      await until(() => listener.closes.length === 2, 500);
      assert.deepEqual([...listener.closes].sort(), ['gone-1', 'gone-2']);
      assert.equal(live.tracked.size, 0);
    } finally {
      live.dispose();
    }
  });
});

/** Polls `done` every 10 ms; fails after `timeoutMs`. */
async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`not done within ${timeoutMs} ms`);
    await sleep(10);
  }
}
