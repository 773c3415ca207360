import * as assert from 'node:assert/strict';
import { MemorySecrets } from '../helpers/memorySecrets';
import { awsConnection, SANDBOX } from '../../../src/connection/connection';
import { type ClaimedTask, ClaimStore, claimFromActivityTask, claimIsGone, defaultIdentity } from '../../../src/claims/claims';

const MOTO = awsConnection('', 'us-east-1', 'http://127.0.0.1:5000');

const task = (token: string, activityId: string) => ({
  taskToken: token,
  activityId,
  startedEventId: 7,
  workflowExecution: { workflowId: 'order-1', runId: 'run-1' },
  activityType: { name: 'chargeCard', version: '1' },
  input: '{"amount":12}',
});

describe('ClaimStore', () => {
  it('keeps claims across instances (a window reload) through the secret store only', async () => {
    const secrets = new MemorySecrets();
    await new ClaimStore(secrets).add(claimFromActivityTask(MOTO, 'orders', 'payments', 'vscode:me@host', task('tok-1', 'a1')));
    const reloaded = await new ClaimStore(secrets).all();
    assert.equal(reloaded.length, 1);
    assert.equal(reloaded[0].taskToken, 'tok-1');
    assert.equal(reloaded[0].input, '{"amount":12}');
    assert.deepEqual((await new ClaimStore(secrets).on(MOTO, 'orders')).map((c) => c.taskToken), ['tok-1']);
    assert.deepEqual(await new ClaimStore(secrets).on(SANDBOX, 'orders'), []);
  });

  it('serialises quick successive writes so none is lost', async () => {
    const secrets = new MemorySecrets();
    const store = new ClaimStore(secrets);
    await Promise.all(['a', 'b', 'c'].map((id) => store.add(claimFromActivityTask(MOTO, 'orders', 'payments', 'me', task(`tok-${id}`, id)))));
    assert.deepEqual((await new ClaimStore(secrets).all()).map((c) => c.activityId).sort(), ['a', 'b', 'c']);
  });

  it('removes by token and prunes only claims known to be closed', async () => {
    const secrets = new MemorySecrets();
    const store = new ClaimStore(secrets);
    for (const id of ['open', 'closed', 'unknown']) await store.add(claimFromActivityTask(MOTO, 'orders', 'payments', 'me', task(`tok-${id}`, id)));
    const gone = await store.prune(MOTO, 'orders', (c) => (c.activityId === 'closed' ? false : c.activityId === 'open' ? true : undefined));
    assert.deepEqual(gone.map((c) => c.activityId), ['closed']);
    await store.remove('tok-open');
    assert.deepEqual((await new ClaimStore(secrets).all()).map((c) => c.activityId), ['unknown']);
  });

  it('ignores a corrupt stored value instead of failing', async () => {
    const secrets = new MemorySecrets();
    secrets.values.set('swfTasks.claimedTasks.v2', '{not json');
    assert.deepEqual(await new ClaimStore(secrets).all(), []);
  });

  it('records the issuing connection, and prunes only on evidence from that connection and domain', async () => {
    const secrets = new MemorySecrets();
    const store = new ClaimStore(secrets);
    await store.add(claimFromActivityTask(MOTO, 'orders', 'payments', 'me', task('tok-moto', 'same-id')));
    await store.add(claimFromActivityTask(SANDBOX, 'orders', 'payments', 'me', task('tok-sandbox', 'same-id')));
    await store.add(claimFromActivityTask(MOTO, 'billing', 'payments', 'me', task('tok-billing', 'same-id')));
    // A read of the sandbox's "orders" that no longer shows the task drops the sandbox claim only.
    const gone = await store.prune(SANDBOX, 'orders', () => false);
    assert.deepEqual(gone.map((c) => c.taskToken), ['tok-sandbox']);
    const left = await new ClaimStore(secrets).all();
    assert.deepEqual(left.map((c) => c.taskToken).sort(), ['tok-billing', 'tok-moto']);
    assert.deepEqual(left.find((c) => c.taskToken === 'tok-moto')?.connection, MOTO);
    assert.deepEqual((await store.on(MOTO)).map((c) => c.taskToken).sort(), ['tok-billing', 'tok-moto']);
    assert.deepEqual((await store.on(MOTO, 'orders')).map((c) => c.taskToken), ['tok-moto']);
  });

  it('tells listeners of every change, and records learnt timeouts', async () => {
    const store = new ClaimStore(new MemorySecrets());
    const seen: number[] = [];
    const subscription = store.onDidChange((all) => seen.push(all.length));
    await store.add(claimFromActivityTask(MOTO, 'orders', 'payments', 'me', task('tok-1', 'a1')));
    await store.update('tok-1', { timeouts: { heartbeat: '30' } });
    await store.remove('tok-1');
    await store.remove('tok-1'); // nothing to remove: no change, no event
    subscription.dispose();
    await store.add(claimFromActivityTask(MOTO, 'orders', 'payments', 'me', task('tok-2', 'a2')));
    assert.deepEqual(seen, [1, 1, 0]);
    assert.deepEqual((await store.all())[0].timeouts, undefined);
  });

  it('moves claims of the previous version over to its connection, once', async () => {
    const secrets = new MemorySecrets();
    const legacy: Partial<ClaimedTask> = { ...claimFromActivityTask(MOTO, 'orders', 'payments', 'me', task('tok-old', 'a1')) };
    delete legacy.connection;
    secrets.values.set('swfTasks.claimedTasks.v1', JSON.stringify([legacy]));
    let asked = 0;
    const legacyConnection = async () => {
      asked++;
      return awsConnection('prod', 'eu-west-1');
    };
    const migrated = await new ClaimStore(secrets, { legacyConnection }).all();
    assert.equal(migrated.length, 1);
    assert.deepEqual(migrated[0].connection, awsConnection('prod', 'eu-west-1'));
    assert.equal(secrets.values.has('swfTasks.claimedTasks.v1'), false);
    assert.deepEqual((await new ClaimStore(secrets, { legacyConnection }).all()).map((c) => c.taskToken), ['tok-old']);
    assert.equal(asked, 1);
  });

  it('names the worker vscode:<user>@<host>, within the 256-character identity limit', () => {
    assert.equal(defaultIdentity('ana', 'laptop'), 'vscode:ana@laptop');
    assert.equal(defaultIdentity('u', 'h'.repeat(400)).length, 256);
  });
});

describe('claimIsGone', () => {
  it('judges gone only a claim of the in-host sandbox while no sandbox runs here; never a claim on another endpoint', () => {
    assert.equal(claimIsGone({ connection: SANDBOX }, false), true, 'the sandbox that issued it ended (stopped, or a reload)');
    assert.equal(claimIsGone({ connection: SANDBOX }, true), false);
    const loopback = awsConnection('', 'us-east-1', 'http://127.0.0.1:8123');
    const real = awsConnection('prod', 'eu-west-1');
    for (const running of [true, false]) {
      assert.equal(claimIsGone({ connection: loopback }, running), false, 'a standalone sandbox or moto outlives the window');
      assert.equal(claimIsGone({ connection: real }, running), false);
    }
  });
});
