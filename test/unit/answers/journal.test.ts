import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AnswerJournal, describeText, type JournalEntry, parseJournal } from '../../../src/answers/journal';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse('2026-12-02T12:00:00Z');

function entry(daysAgo: number, extra: Partial<JournalEntry> = {}): JournalEntry {
  return {
    time: new Date(NOW - daysAgo * DAY).toISOString(),
    action: 'complete',
    outcome: 'recorded',
    connection: 'sandbox',
    domain: 'orders',
    workflowId: 'order-1',
    runId: 'run-1',
    activityId: 'charge-1',
    activityType: { name: 'ChargeCard', version: '2' },
    identity: 'vscode:ada@host',
    eventId: 7,
    ...describeText('{"ok":true}', false),
    ...extra,
  };
}

describe('answer journal', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-'));
    file = path.join(dir, 'nested', 'answer-journal.jsonl');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('appends one JSON line per entry and reads them back in order', async () => {
    const journal = new AnswerJournal(file, () => 90, () => NOW);
    const first = entry(0, { activityId: 'a' });
    const second = entry(0, { activityId: 'b', action: 'signal', outcome: 'error', error: 'UnknownResourceFault' });
    const bytes = await journal.append(first);
    await journal.append(second);
    const text = fs.readFileSync(file, 'utf8');
    assert.equal(text, `${JSON.stringify(first)}\n${JSON.stringify(second)}\n`);
    assert.equal(bytes, Buffer.byteLength(`${JSON.stringify(first)}\n`));
    assert.deepEqual(await journal.read(), { entries: [first, second], skipped: [] });
  });

  it('keeps appends in order when they are not awaited one by one', async () => {
    const journal = new AnswerJournal(file, () => 0, () => NOW);
    await Promise.all(Array.from({ length: 20 }, (_, i) => journal.append(entry(0, { eventId: i }))));
    assert.deepEqual((await journal.read()).entries.map((e) => e.eventId), Array.from({ length: 20 }, (_, i) => i));
  });

  it('holds the text only as length and SHA-256, unless asked to keep it', () => {
    const text = '{"approved": true, "amount": 12}';
    assert.deepEqual(describeText(text, false), { textLength: text.length, textSha256: createHash('sha256').update(text).digest('hex') });
    assert.equal(describeText(text, true).text, text);
    assert.deepEqual(describeText(undefined, true), {});
  });

  it('skips and reports a torn last line, and the next entry starts on a line of its own', async () => {
    const journal = new AnswerJournal(file, () => 90, () => NOW);
    await journal.append(entry(1, { activityId: 'before' }));
    // A crash in the middle of a write leaves half a line.
    fs.appendFileSync(file, JSON.stringify(entry(0, { activityId: 'torn' })).slice(0, 40));
    const torn = await journal.read();
    assert.deepEqual(torn.entries.map((e) => e.activityId), ['before']);
    assert.deepEqual(torn.skipped, [2]);
    await journal.append(entry(0, { activityId: 'after' }));
    const after = await journal.read();
    assert.deepEqual(after.entries.map((e) => e.activityId), ['before', 'after']);
    assert.deepEqual(after.skipped, [2]);
  });

  it('reads a missing journal as empty, and lines that are not entries as skipped', async () => {
    assert.deepEqual(await new AnswerJournal(file, () => 90).read(), { entries: [], skipped: [] });
    assert.deepEqual(parseJournal('{"time":"t","action":"complete"}\n\n[1]\nnull\n{"action":"x"}\n').skipped, [3, 4, 5]);
  });

  it('drops entries older than the retention (and torn lines) by an atomic rewrite, on the first append', async () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, [entry(100, { activityId: 'old' }), entry(10, { activityId: 'recent' })].map((e) => JSON.stringify(e)).join('\n') + '\n{"torn');
    const journal = new AnswerJournal(file, () => 30, () => NOW);
    await journal.append(entry(0, { activityId: 'new' }));
    assert.deepEqual((await journal.read()).entries.map((e) => e.activityId), ['recent', 'new']);
    assert.deepEqual((await journal.read()).skipped, []);
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['answer-journal.jsonl'], 'no temporary file is left');
  });

  it('prune drops what expired since; a retention of 0 keeps everything', async () => {
    let now = NOW;
    let days = 0;
    const journal = new AnswerJournal(file, () => days, () => now);
    await journal.append(entry(400, { activityId: 'ancient' }));
    await journal.append(entry(0, { activityId: 'today' }));
    assert.equal(await journal.prune(), 0);
    assert.equal((await journal.read()).entries.length, 2);
    days = 7;
    now = NOW + 3 * DAY;
    assert.equal(await journal.prune(), 1);
    assert.deepEqual((await journal.read()).entries.map((e) => e.activityId), ['today']);
    now = NOW + 8 * DAY;
    assert.equal(await journal.prune(), 1);
    assert.deepEqual((await journal.read()).entries, []);
  });
});
