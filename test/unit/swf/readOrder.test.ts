/** The order of history reads under the budget: claimed, shown, recently changed, then round robin. */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { type ReadCandidate, readOrder, readTier, RECENT_CHANGE_MS } from '../../../src/swf/readOrder';

const NOW = 1_000_000_000;
const keys = (cs: readonly ReadCandidate[]) => cs.map((c) => c.key);

describe('read order', () => {
  it('claimed first, then shown, then recently changed, then the rest', () => {
    const candidates: ReadCandidate[] = [
      { key: 'rest', readAt: NOW - 1 },
      { key: 'changed-long-ago', changedAt: NOW - RECENT_CHANGE_MS - 1, readAt: NOW - 2 },
      { key: 'changed', changedAt: NOW - 1000, readAt: NOW - 3 },
      { key: 'shown', shown: true, readAt: NOW - 4 },
      { key: 'claimed', claimed: true, shown: true, readAt: NOW - 5 },
    ];
    assert.deepEqual(keys(readOrder(candidates, NOW)), ['claimed', 'shown', 'changed', 'changed-long-ago', 'rest']);
  });

  it('the rest go round robin: never read first, then the least recently read', () => {
    const candidates: ReadCandidate[] = [
      { key: 'b', readAt: NOW - 10 },
      { key: 'a', readAt: NOW - 30 },
      { key: 'new' },
      { key: 'c', readAt: NOW - 20 },
    ];
    assert.deepEqual(keys(readOrder(candidates, NOW)), ['new', 'a', 'c', 'b']);
  });

  it('reading the first ones and ordering again moves them to the back of their tier', () => {
    let candidates: ReadCandidate[] = Array.from({ length: 6 }, (_, i) => ({ key: `e${i}`, readAt: i }));
    const seen: string[] = [];
    for (let t = 1; t <= 3; t++) {
      const [first, second] = readOrder(candidates, NOW);
      seen.push(first.key, second.key);
      candidates = candidates.map((c) => (c === first || c === second ? { ...c, readAt: 100 + t } : c));
    }
    assert.deepEqual(seen, ['e0', 'e1', 'e2', 'e3', 'e4', 'e5'], 'three rounds of two reads cover all six once');
  });

  it('is a permutation, tiers never decrease, and within a tier read times never decrease (property)', () => {
    const candidate = fc.record({
      claimed: fc.boolean(),
      shown: fc.boolean(),
      changedAt: fc.option(fc.integer({ min: NOW - 2 * RECENT_CHANGE_MS, max: NOW }), { nil: undefined }),
      readAt: fc.option(fc.integer({ min: 0, max: NOW }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 40 }), (raw) => {
        const candidates = raw.map((c, i) => ({ ...c, key: `k${i}` }));
        const ordered = readOrder(candidates, NOW);
        assert.deepEqual([...keys(ordered)].sort(), [...keys(candidates)].sort());
        for (let i = 1; i < ordered.length; i++) {
          const [a, b] = [ordered[i - 1], ordered[i]];
          const [ta, tb] = [readTier(a, NOW), readTier(b, NOW)];
          assert.ok(ta <= tb, 'tiers in order');
          if (ta === tb) assert.ok((a.readAt ?? -Infinity) <= (b.readAt ?? -Infinity), 'least recently read first');
        }
      }),
    );
  });
});
