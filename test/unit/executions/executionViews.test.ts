/** The Executions view's searches as values: the calls a search makes, typed ranges, saved searches read from settings, rows merged newest first, the count line. */
import * as assert from 'node:assert/strict';
import { countText, describeSearch, mergeNewestFirst, parseSavedSearches, parseTypedRange, sameSearchRoot, searchQueries, searchRootOf, storeSearch } from '../../../src/executions/executionViews';

const NOW = new Date('2026-12-07T12:00:00Z');

describe('executions view: searches', () => {
  it('makes one call per status, two for both, and only the closed one for a close status', () => {
    assert.deepEqual(searchQueries({ range: { preset: 'day' }, status: 'both' }, NOW).map((q) => q.status), ['open', 'closed']);
    const byStatus = searchQueries({ range: { preset: 'hour' }, status: 'both', filter: { kind: 'closeStatus', status: 'FAILED' } }, NOW);
    assert.deepEqual(byStatus.map((q) => q.status), ['closed']);
    assert.equal(byStatus[0].oldest.toISOString(), '2026-12-07T11:00:00.000Z');
    assert.deepEqual(byStatus[0].filter, { kind: 'closeStatus', status: 'FAILED' });
  });

  it('takes a typed range as ISO dates, with the end optional, and refuses what is not one', () => {
    assert.deepEqual(parseTypedRange('2026-12-01 .. 2026-12-02T08:00Z'), { ok: true, range: { oldest: '2026-12-01T00:00:00.000Z', latest: '2026-12-02T08:00:00.000Z' } });
    assert.deepEqual(parseTypedRange('2026-12-01T08:00Z'), { ok: true, range: { oldest: '2026-12-01T08:00:00.000Z' } });
    const q = searchQueries({ range: { oldest: '2026-12-01T00:00:00.000Z', latest: '2026-12-02T00:00:00.000Z' }, status: 'closed' }, NOW)[0];
    assert.equal(q.latest?.toISOString(), '2026-12-02T00:00:00.000Z');
    for (const bad of ['', 'yesterday', '2026-13-45', '2026-12-02 .. 2026-12-01', 'a .. b .. c']) {
      const parsed = parseTypedRange(bad);
      assert.equal(parsed.ok, false, bad);
      if (!parsed.ok) assert.match(parsed.message, /\S/);
    }
  });

  it('describes a search as its title shows it', () => {
    assert.equal(describeSearch({ range: { preset: 'day' }, status: 'closed', filter: { kind: 'type', name: 'ChargeCard' } }), 'type ChargeCard · closed · last day');
    assert.equal(describeSearch({ range: { oldest: '2026-12-01' }, status: 'both' }), 'open and closed · since 2026-12-01');
  });
});

describe('executions view: saved searches', () => {
  const root = { domain: 'orders', profile: 'prod', region: 'eu-west-1' };

  it('round-trips a search through the setting format, in the API words', () => {
    const stored = storeSearch('failed charges', root, { range: { preset: 'week' }, status: 'closed', filter: { kind: 'closeStatus', status: 'FAILED' } });
    assert.deepEqual(stored, { name: 'failed charges', root, filter: { closeStatusFilter: { status: 'FAILED' } }, range: { preset: 'week' }, status: 'closed' });
    const { searches, problems } = parseSavedSearches(JSON.parse(JSON.stringify([stored])));
    assert.deepEqual(problems, []);
    assert.deepEqual(searches, [{ name: 'failed charges', root, spec: { range: { preset: 'week' }, status: 'closed', filter: { kind: 'closeStatus', status: 'FAILED' } } }]);
  });

  it('skips and names every entry it cannot read, keeping the others', () => {
    const good = { name: 'ok', root, range: { preset: 'day' }, status: 'both' };
    const { searches, problems } = parseSavedSearches([
      good,
      { name: '', root, range: { preset: 'day' }, status: 'both' },
      { name: 'two filters', root, range: { preset: 'day' }, status: 'both', filter: { tagFilter: { tag: 'a' }, workflowId: 'x' } },
      { name: 'open by status', root, range: { preset: 'day' }, status: 'open', filter: { closeStatusFilter: { status: 'FAILED' } } },
      { name: 'bad range', root, range: { preset: 'month' }, status: 'both' },
      { name: 'no root', range: { preset: 'day' }, status: 'both' },
      'text',
    ]);
    assert.deepEqual(searches.map((s) => s.name), ['ok']);
    assert.equal(problems.length, 6);
    for (const [i, p] of problems.entries()) assert.match(p, new RegExp(`savedSearches\\[${i + 1}\\]`));
    assert.deepEqual(parseSavedSearches({}).problems.length, 1);
  });

  it('matches a saved search to its root whatever the root watches (a watch filter is not part of it)', () => {
    assert.ok(sameSearchRoot(searchRootOf({ ...root, filter: { tagFilter: { tag: 'x' } } }), root));
    assert.ok(!sameSearchRoot({ ...root, region: 'us-east-1' }, root));
    assert.ok(!sameSearchRoot({ domain: 'orders', sandbox: true }, root));
    assert.ok(sameSearchRoot({ domain: 'orders', sandbox: true }, { domain: 'orders', sandbox: true }));
  });
});

describe('executions view: rows and count', () => {
  const row = (workflowId: string, at?: string, runId = 'r') => ({ workflowId, runId, startedAt: at ? new Date(at) : undefined });

  it('merges open and closed rows newest first, each run once, undated last', () => {
    const merged = mergeNewestFirst([row('a', '2026-12-01'), row('c')], [row('b', '2026-12-03'), row('a', '2026-12-01')]);
    assert.deepEqual(merged.map((r) => r.workflowId), ['b', 'a', 'c']);
  });

  it('says the count, and that SWF stopped counting when it did; nothing while a count is unknown', () => {
    assert.equal(countText([{ count: 2, truncated: false }, { count: 1, truncated: false }]), '3 executions');
    assert.equal(countText([{ count: 1, truncated: false }]), '1 execution');
    assert.equal(countText([{ count: 1000, truncated: true }, { count: 3, truncated: false }]), 'at least 1,003 executions (SWF stopped counting)');
    assert.equal(countText([{ count: 3, truncated: false }, undefined]), undefined);
  });
});
