import * as assert from 'node:assert/strict';
import { ClaimStore, claimFromActivityTask, defaultIdentity, type SecretStore } from '../../../src/swf/claims';

/** An in-memory SecretStore that records writes, like VS Code's SecretStorage would hold them. */
class MemorySecrets implements SecretStore {
  readonly values = new Map<string, string>();
  writes = 0;
  async get(key: string) {
    return this.values.get(key);
  }
  async store(key: string, value: string) {
    this.writes++;
    this.values.set(key, value);
  }
  async delete(key: string) {
    this.values.delete(key);
  }
}

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
    await new ClaimStore(secrets).add(claimFromActivityTask('orders', 'payments', 'vscode:me@host', task('tok-1', 'a1')));
    const reloaded = await new ClaimStore(secrets).all();
    assert.equal(reloaded.length, 1);
    assert.equal(reloaded[0].taskToken, 'tok-1');
    assert.equal(reloaded[0].input, '{"amount":12}');
    assert.equal((await new ClaimStore(secrets).find('orders', 'order-1', 'run-1', 'a1'))?.taskToken, 'tok-1');
  });

  it('serialises quick successive writes so none is lost', async () => {
    const secrets = new MemorySecrets();
    const store = new ClaimStore(secrets);
    await Promise.all(['a', 'b', 'c'].map((id) => store.add(claimFromActivityTask('orders', 'payments', 'me', task(`tok-${id}`, id)))));
    assert.deepEqual((await new ClaimStore(secrets).all()).map((c) => c.activityId).sort(), ['a', 'b', 'c']);
  });

  it('removes by token and prunes only claims known to be closed', async () => {
    const secrets = new MemorySecrets();
    const store = new ClaimStore(secrets);
    for (const id of ['open', 'closed', 'unknown']) await store.add(claimFromActivityTask('orders', 'payments', 'me', task(`tok-${id}`, id)));
    const gone = await store.prune('orders', (c) => (c.activityId === 'closed' ? false : c.activityId === 'open' ? true : undefined));
    assert.deepEqual(gone.map((c) => c.activityId), ['closed']);
    await store.remove('tok-open');
    assert.deepEqual((await new ClaimStore(secrets).all()).map((c) => c.activityId), ['unknown']);
  });

  it('ignores a corrupt stored value instead of failing', async () => {
    const secrets = new MemorySecrets();
    secrets.values.set('swfTasks.claimedTasks.v1', '{not json');
    assert.deepEqual(await new ClaimStore(secrets).all(), []);
  });

  it('names the worker vscode:<user>@<host>, within the 256-character identity limit', () => {
    assert.equal(defaultIdentity('ana', 'laptop'), 'vscode:ana@laptop');
    assert.equal(defaultIdentity('u', 'h'.repeat(400)).length, 256);
  });
});
