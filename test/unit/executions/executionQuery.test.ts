/** The rules of an executions search before any call: one filter per call, time ranges, and filters read from settings. */
import * as assert from 'node:assert/strict';
import { checkExecutionQuery, closedListRequest, describeFilter, openListRequest, parseExecutionFilter, presetRange, type ExecutionQuery } from '../../../src/executions/executionQuery';

const DAY = new Date('2026-12-01T00:00:00Z');
const LATER = new Date('2026-12-02T00:00:00Z');

describe('executions search rules', () => {
  it('accepts a plain open or closed search and refuses what SWF would refuse', () => {
    assert.deepEqual(checkExecutionQuery({ status: 'open', oldest: DAY }), []);
    assert.deepEqual(checkExecutionQuery({ status: 'closed', timeField: 'close', oldest: DAY, latest: LATER, filter: { kind: 'closeStatus', status: 'FAILED' } }), []);
    assert.equal(checkExecutionQuery({ status: 'open', oldest: LATER, latest: DAY }).length, 1, 'a range that ends before it starts');
    assert.equal(checkExecutionQuery({ status: 'open', timeField: 'close', oldest: DAY }).length, 1, 'open runs have no close time');
    assert.equal(checkExecutionQuery({ status: 'open', oldest: DAY, filter: { kind: 'closeStatus', status: 'FAILED' } }).length, 1, 'open runs have no close status');
    assert.equal(checkExecutionQuery({ status: 'open', oldest: new Date('no date') }).length, 1);
    assert.equal(checkExecutionQuery({ status: 'closed', oldest: DAY, filter: { kind: 'workflowId', workflowId: '' } }).length, 1);
    assert.equal(checkExecutionQuery({ status: 'closed', oldest: DAY, filter: { kind: 'tag', tag: 'x'.repeat(257) } }).length, 1);
    assert.equal(checkExecutionQuery({ status: 'closed', oldest: DAY, filter: { kind: 'type', name: 'T', version: 'v'.repeat(65) } }).length, 1);
    assert.equal(checkExecutionQuery({ status: 'closed', oldest: DAY, filter: { kind: 'closeStatus', status: 'DONE' as never } }).length, 1);
  });

  it('builds requests with one time filter and at most one other filter', () => {
    const byClose: ExecutionQuery = { status: 'closed', timeField: 'close', oldest: DAY, latest: LATER, filter: { kind: 'type', name: 'ChargeCard' }, reverseOrder: true };
    assert.deepEqual(closedListRequest('d', byClose), { domain: 'd', closeTimeFilter: { oldestDate: DAY, latestDate: LATER }, typeFilter: { name: 'ChargeCard' }, reverseOrder: true });
    assert.deepEqual(closedListRequest('d', byClose, false), { domain: 'd', closeTimeFilter: { oldestDate: DAY, latestDate: LATER }, typeFilter: { name: 'ChargeCard' } });
    assert.deepEqual(closedListRequest('d', { status: 'closed', oldest: DAY, filter: { kind: 'closeStatus', status: 'TIMED_OUT' } }), { domain: 'd', startTimeFilter: { oldestDate: DAY }, closeStatusFilter: { status: 'TIMED_OUT' } });
    assert.deepEqual(openListRequest('d', { status: 'open', oldest: DAY, filter: { kind: 'workflowId', workflowId: 'w' } }), { domain: 'd', startTimeFilter: { oldestDate: DAY }, executionFilter: { workflowId: 'w' } });
    assert.deepEqual(openListRequest('d', { status: 'open', oldest: DAY, filter: { kind: 'tag', tag: 'urgent' } }), { domain: 'd', startTimeFilter: { oldestDate: DAY }, tagFilter: { tag: 'urgent' } });
  });

  it('reads a filter from settings only when it names exactly one, in the API words', () => {
    assert.deepEqual(parseExecutionFilter({ typeFilter: { name: 'ChargeCard', version: '2' } }, false), { ok: true, filter: { kind: 'type', name: 'ChargeCard', version: '2' } });
    assert.deepEqual(parseExecutionFilter({ tagFilter: { tag: 'eu' } }, false), { ok: true, filter: { kind: 'tag', tag: 'eu' } });
    assert.deepEqual(parseExecutionFilter({ workflowId: 'order-7' }, false), { ok: true, filter: { kind: 'workflowId', workflowId: 'order-7' } });
    assert.deepEqual(parseExecutionFilter({ executionFilter: { workflowId: 'order-7' } }, false), { ok: true, filter: { kind: 'workflowId', workflowId: 'order-7' } });
    assert.deepEqual(parseExecutionFilter({ closeStatusFilter: { status: 'FAILED' } }, true), { ok: true, filter: { kind: 'closeStatus', status: 'FAILED' } });
    for (const bad of [
      [{ typeFilter: { name: 'A' }, tagFilter: { tag: 'b' } }, false],
      [{}, false],
      [{ closeStatusFilter: { status: 'FAILED' } }, false],
      [{ typeFilter: { version: '1' } }, false],
      [{ tagFilter: { tag: 7 } }, false],
      [{ nameFilter: 'x' }, false],
      ['ChargeCard', false],
      [null, false],
      [[{ tagFilter: { tag: 'a' } }], false],
    ] as const) {
      const parsed = parseExecutionFilter(bad[0], bad[1]);
      assert.equal(parsed.ok, false, JSON.stringify(bad[0]));
      assert.ok(!parsed.ok && parsed.message.length > 0);
    }
  });

  it('gives presets that end now and describes filters for titles', () => {
    assert.equal(presetRange('hour', LATER).oldest.toISOString(), '2026-12-01T23:00:00.000Z');
    assert.equal(presetRange('week', LATER).oldest.toISOString(), '2026-11-25T00:00:00.000Z');
    assert.equal(describeFilter({ kind: 'type', name: 'ChargeCard' }), 'type ChargeCard');
    assert.equal(describeFilter({ kind: 'type', name: 'ChargeCard', version: '2' }), 'type ChargeCard 2');
    assert.equal(describeFilter({ kind: 'tag', tag: 'eu' }), 'tag eu');
  });
});
