/** Watched roots with a server-side filter in swfTasks.roots: read, refused, labelled, identified and written back. */
import * as assert from 'node:assert/strict';
import { parseRootEntry, parseRoots, rootId, rootLabel, storedRoot, type RootSpec } from '../../../src/connection/connection';

const BASE = { domain: 'orders', profile: 'prod', region: 'eu-west-1' };

describe('watched roots with a filter', () => {
  it('reads each filter the API allows, and shows it in the title', () => {
    const byType = parseRootEntry({ ...BASE, filter: { typeFilter: { name: 'ChargeCard' } } }) as RootSpec;
    assert.deepEqual(byType.filter, { kind: 'type', name: 'ChargeCard' });
    assert.equal(rootLabel(byType), 'orders · prod (eu-west-1) · type ChargeCard');
    assert.deepEqual((parseRootEntry({ ...BASE, filter: { tagFilter: { tag: 'urgent' } } }) as RootSpec).filter, { kind: 'tag', tag: 'urgent' });
    assert.deepEqual((parseRootEntry({ ...BASE, filter: { workflowId: 'order-7' } }) as RootSpec).filter, { kind: 'workflowId', workflowId: 'order-7' });
    assert.equal(rootLabel(parseRootEntry(BASE) as RootSpec), 'orders · prod (eu-west-1)');
  });

  it('refuses two filters, a close status or a malformed one, naming the entry', () => {
    for (const filter of [{ typeFilter: { name: 'A' }, tagFilter: { tag: 'b' } }, { closeStatusFilter: { status: 'FAILED' } }, { typeFilter: {} }, 'ChargeCard', {}]) {
      assert.equal(typeof parseRootEntry({ ...BASE, filter }), 'string', JSON.stringify(filter));
    }
    const { roots, problems } = parseRoots([BASE, { ...BASE, filter: { tagFilter: { tag: 'a' }, workflowId: 'w' } }]);
    assert.equal(roots.length, 1);
    assert.match(problems[0], /roots\[1\].*filter/);
  });

  it('keeps the same domain filtered and unfiltered as two roots, and writes the filter back in the API words', () => {
    const { roots } = parseRoots([BASE, { ...BASE, filter: { typeFilter: { name: 'ChargeCard', version: '2' } } }, { ...BASE, filter: { typeFilter: { name: 'ChargeCard', version: '2' } } }]);
    assert.equal(roots.length, 2);
    assert.notEqual(rootId(roots[0]), rootId(roots[1]));
    assert.deepEqual(storedRoot(roots[1]), { ...BASE, filter: { typeFilter: { name: 'ChargeCard', version: '2' } } });
    assert.deepEqual(parseRootEntry(storedRoot(roots[1])), roots[1]);
    assert.deepEqual(storedRoot(parseRootEntry({ domain: 'd', sandbox: true, filter: { workflowId: 'w' } }) as RootSpec), { domain: 'd', sandbox: true, filter: { workflowId: 'w' } });
  });
});
