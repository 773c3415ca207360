import * as assert from 'node:assert/strict';
import { MemorySecrets } from '../helpers/memorySecrets';
import { SecretKeys } from '../../../src/ids';
import { answerDraftId, DraftStore, MAX_DRAFT_BYTES } from '../../../src/model/drafts';

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

    const stored = [...secrets.values].join('\n');
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
    assert.equal(secrets.writes, 2, "once: the draft's own entry and the index");
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
    assert.deepEqual(Object.keys(JSON.parse(secrets.values.get(SecretKeys.draftIndex) ?? '{}')), [sent]);
    assert.deepEqual([...secrets.values.keys()].sort(), [SecretKeys.draftIndex, `${SecretKeys.draftPrefix}${sent}`].sort());
    await store.discard(sent);
    await store.flush();
    assert.equal(secrets.values.size, 0, 'nothing left in the secret store');
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
    assert.equal((await new DraftStore(secrets, () => now + 6 * DAY).open(old)).result, 'stale', 'still there within the week');
    now += 8 * DAY;
    assert.deepEqual(await new DraftStore(secrets, () => now).open(old), {});

    assert.equal(secrets.values.has(`${SecretKeys.draftPrefix}${old}`), false, 'the expired entry is removed');

    for (const raw of ['not json', '[1,2]', '{"x": 5}', '{"x": {"savedAt": "today", "draft": {}}}', '{"x": {"savedAt": 1e15, "draft": {"result": 7}}}']) {
      secrets.values.clear();
      secrets.values.set(SecretKeys.drafts, raw);
      assert.deepEqual(await new DraftStore(secrets, () => now).open('x'), {}, `legacy ${raw}`);
      secrets.values.clear();
      secrets.values.set(SecretKeys.draftIndex, '{"x": 1e15}');
      secrets.values.set(`${SecretKeys.draftPrefix}x`, raw === '{"x": 5}' ? '5' : raw);
      assert.deepEqual(await new DraftStore(secrets, () => now).open('x'), {}, `entry ${raw}`);
    }
  });

  it('after a large draft, writing a small one writes only the small one (each draft has its own entry)', async () => {
    const secrets = new MemorySecrets();
    const store = new DraftStore(secrets);
    const large = answerDraftId('complete', 'large');
    (await store.open(large)).result = 'L'.repeat(900 * 1024);
    store.changed(large);
    await store.flush();
    const small = answerDraftId('fail', 'small');
    const smallDraft = await store.open(small);
    const before = secrets.bytesWritten;
    for (const text of ['no', 'not approved']) {
      smallDraft.reason = text;
      store.changed(small);
      await store.flush();
    }
    const written = secrets.bytesWritten - before;
    assert.ok(written < 1024, `two small writes (and the small index) wrote ${written} bytes, not the large draft again`);
    const reloaded = new DraftStore(secrets);
    assert.equal((await reloaded.open(large)).result?.length, 900 * 1024, 'the large draft is still kept');
    assert.equal((await reloaded.open(small)).reason, 'not approved');
  });

  it('does not store a draft over the bound, says so once, and keeps it whole in memory', async () => {
    const secrets = new MemorySecrets();
    const told: string[] = [];
    const store = new DraftStore(secrets, Date.now, { onTooLarge: (id) => told.push(id) });
    const id = answerDraftId('complete', TOKEN);
    const draft = await store.open(id);
    draft.result = 'short';
    store.changed(id);
    await store.flush();
    const huge = 'x'.repeat(MAX_DRAFT_BYTES + 1);
    draft.result = huge;
    store.changed(id);
    await store.flush();
    draft.result = `${huge}y`;
    store.changed(id);
    await store.flush();
    assert.deepEqual(told, [id], 'told once, not on every keystroke');
    assert.ok(secrets.bytesWritten < 1024, `nothing large was written (${secrets.bytesWritten} bytes)`);
    assert.equal((await store.open(id)).result, `${huge}y`, 'what is in the box is never cut');
    assert.deepEqual(await new DraftStore(secrets).open(id), {}, 'after a reload: no stale short version comes back');
  });

  it('moves the drafts of the single v1 entry into their own entries on first read', async () => {
    const secrets = new MemorySecrets();
    const now = Date.UTC(2026, 0, 10);
    secrets.values.set(SecretKeys.drafts, JSON.stringify({ a: { savedAt: now - DAY, draft: { result: 'kept' } }, b: { savedAt: now - 8 * DAY, draft: { result: 'stale' } } }));
    assert.equal((await new DraftStore(secrets, () => now).open('a')).result, 'kept');
    assert.equal(secrets.values.has(SecretKeys.drafts), false, 'the v1 entry is removed');
    assert.deepEqual([...secrets.values.keys()].sort(), [SecretKeys.draftIndex, `${SecretKeys.draftPrefix}a`].sort());
    assert.equal((await new DraftStore(secrets, () => now).open('a')).result, 'kept', 'and read from its own entry after');
  });
});
