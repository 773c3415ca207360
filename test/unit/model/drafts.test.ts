import * as assert from 'node:assert/strict';
import { MemorySecrets } from '../helpers/memorySecrets';
import { SecretKeys } from '../../../src/ids';
import { answerDraftId, DraftStore } from '../../../src/model/drafts';

const TOKEN = `AAAAKgAAAAIAAAAAAAAAA${'x9'.repeat(200)}`;
const DAY = 24 * 60 * 60 * 1000;

describe('DraftStore', () => {
  it('keeps what was typed across a new store (a window reload), in the secret store, keyed without the token', async () => {
    const secrets = new MemorySecrets();
    const id = answerDraftId('complete', TOKEN);
    const store = new DraftStore(secrets);
    const draft = await store.open(id);
    draft.result = '{"approved": true}';
    store.changed(id);
    await store.flush();

    const stored = secrets.values.get(SecretKeys.drafts) ?? '';
    assert.ok(!stored.includes(TOKEN) && !id.includes(TOKEN), 'the token is never part of a draft or its key');
    assert.ok(!stored.includes(TOKEN.slice(-40)), 'not even a part of it');
    assert.equal((await new DraftStore(secrets).open(id)).result, '{"approved": true}');
    assert.notEqual(answerDraftId('fail', TOKEN), id, 'each action has its own draft');
  });

  it('writes once for a burst of keystrokes', async () => {
    const secrets = new MemorySecrets();
    const store = new DraftStore(secrets);
    const id = answerDraftId('complete', TOKEN);
    const draft = await store.open(id);
    for (const text of ['a', 'ab', 'abc', 'abcd']) {
      draft.result = text;
      store.changed(id);
    }
    assert.equal(secrets.writes, 0, 'nothing written during the burst');
    await store.flush();
    assert.equal(secrets.writes, 1);
    assert.equal((await new DraftStore(secrets).open(id)).result, 'abcd');
  });

  it('forgets a sent draft, and stores nothing for prompts left blank', async () => {
    const secrets = new MemorySecrets();
    const store = new DraftStore(secrets);
    const sent = answerDraftId('complete', TOKEN);
    (await store.open(sent)).result = 'done';
    store.changed(sent);
    const blank = answerDraftId('fail', TOKEN);
    (await store.open(blank)).reason = '';
    store.changed(blank);
    await store.flush();
    assert.deepEqual(Object.keys(JSON.parse(secrets.values.get(SecretKeys.drafts) ?? '{}')), [sent]);
    await store.discard(sent);
    await store.flush();
    assert.equal(secrets.values.has(SecretKeys.drafts), false);
    assert.deepEqual(await new DraftStore(secrets).open(sent), {});
  });

  it('drops drafts unused for a week, and anything unreadable, without throwing', async () => {
    const secrets = new MemorySecrets();
    let now = Date.UTC(2026, 0, 1);
    const store = new DraftStore(secrets, () => now);
    const old = answerDraftId('complete', 'old-token');
    (await store.open(old)).result = 'stale';
    store.changed(old);
    await store.flush();
    now += 8 * DAY;
    assert.deepEqual(await new DraftStore(secrets, () => now).open(old), {});
    assert.equal((await new DraftStore(secrets, () => now - 2 * DAY).open(old)).result, 'stale', 'still there within the week');

    for (const raw of ['not json', '[1,2]', '{"x": 5}', '{"x": {"savedAt": "today", "draft": {}}}', '{"x": {"savedAt": 1e15, "draft": {"result": 7}}}']) {
      secrets.values.set(SecretKeys.drafts, raw);
      assert.deepEqual(await new DraftStore(secrets, () => now).open('x'), {}, raw);
    }
  });
});
