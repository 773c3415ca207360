// Unit tests of where the execution panel's canvases draw a lane's items, which item the pointer is on, and when new items may be drawn over a lane instead of drawing it anew.
import * as assert from 'node:assert/strict';
import { BAR_MIN_PX, barBox, canDrawOnTop, drawPlan, hitTest, markX, touchedItems } from '../../../src/webview/execution/laneGeometry';
import type { BarView, MarkView } from '../../../src/webview/execution/protocol';

const SPAN = { start: 0, end: 100_000 };
const WIDTH = 1000;
const bar = (id: number, from: number, to: number | undefined, startedAt?: number): BarView => ({ id, kind: 'activity', outcome: to === undefined ? 'open' : 'completed', label: `a${id}`, scheduledAt: from, startedAt, closedAt: to, summary: `bar ${id}` });
const mark = (id: number, at: number): MarkView => ({ id, kind: 'signal', label: `m${id}`, at });

describe('execution panel: lane geometry', () => {
  it('places a bar in px across the track, never narrower than the minimum, its wait as a share of it', () => {
    assert.deepEqual(barBox(bar(1, 10_000, 30_000, 15_000), SPAN, WIDTH), { x: 100, w: 200, wait: 50 });
    const short = barBox(bar(2, 50_000, 50_010), SPAN, WIDTH);
    assert.equal(short.x, 500);
    assert.equal(short.w, BAR_MIN_PX);
    // An open bar runs to the axis's end.
    assert.deepEqual(barBox(bar(3, 90_000, undefined), SPAN, WIDTH), { x: 900, w: 100, wait: 0 });
    assert.equal(markX(mark(4, 25_000), SPAN, WIDTH), 250);
  });

  it('finds the item drawn topmost under the pointer: a mark over bars, a later bar over an earlier one', () => {
    const bars = [bar(1, 10_000, 40_000), bar(2, 30_000, 60_000), bar(3, 80_000, 80_001)];
    const marks = [mark(9, 50_000)];
    assert.equal(hitTest(bars, marks, SPAN, WIDTH, 200), 1);
    assert.equal(hitTest(bars, marks, SPAN, WIDTH, 350), 2, 'where 1 and 2 overlap, 2 is drawn over 1');
    assert.equal(hitTest(bars, marks, SPAN, WIDTH, 503), 9, 'the mark is drawn over bar 2');
    assert.equal(hitTest(bars, marks, SPAN, WIDTH, 804), 3, 'a 1 ms bar is hit across its minimum width');
    assert.equal(hitTest(bars, marks, SPAN, WIDTH, 700), undefined);
    // At the width of a long history, thousands of bars in a lane: the pointer finds the one under it.
    const many = Array.from({ length: 4000 }, (_, i) => bar(i + 1, i * 25, i * 25 + 20));
    assert.equal(hitTest(many, [], SPAN, WIDTH, 500.1), 2001, 'bars 1977 to 2001 cover x 500.1; 2001 is drawn last');
  });

  it('makes DOM nodes only for the items under the pointer, with keyboard focus, and selected', () => {
    assert.deepEqual([...touchedItems(undefined, 4, undefined)], [4]);
    assert.deepEqual([...touchedItems(7, 4, 7)], [7, 4]);
    assert.deepEqual([...touchedItems(undefined, undefined, undefined)], []);
  });

  it('drawing a lane anew leaves out the bars the next one hides whole and the labels it covers, and nothing that shows', () => {
    const decision = (id: number, from: number): BarView => ({ ...bar(id, from, from + 10), kind: 'decision' });
    // 4,000 decision tasks across 1,000 px: four to a px, each drawn 6 px wide.
    const many = Array.from({ length: 4000 }, (_, i) => decision(i + 1, i * 25));
    const plan = drawPlan(many, SPAN, WIDTH, (b) => b.kind !== 'decision');
    assert.ok(plan.length < 2000, `${plan.length} of 4000 drawn`);
    assert.equal(plan.at(-1)?.bar.id, 4000, 'the last bar is drawn');
    // Every bar left out is covered whole by a later one that is drawn.
    const drawnIds = new Set(plan.map((p) => p.bar.id));
    for (const b of many) {
      if (drawnIds.has(b.id)) continue;
      const box = barBox(b, SPAN, WIDTH);
      assert.ok(plan.some((p) => p.bar.id > b.id && p.box.x <= box.x + 0.5 && p.box.x + p.box.w >= box.x + box.w - 0.5), `bar ${b.id} is hidden`);
    }
    // Activity bars far apart: all drawn with their labels; one the next covers at once: its label left out, the bar drawn.
    const apart = [bar(1, 0, 10_000), bar(2, 20_000, 30_000), bar(3, 20_100, 21_000)];
    assert.deepEqual(drawPlan(apart, SPAN, WIDTH, () => true).map((p) => [p.bar.id, p.label]), [[1, true], [2, false], [3, true]]);
  });

  it('draws new items over a lane only when that leaves the picture a drawing anew would', () => {
    const lane = (bars: number[], marks: number[]) => ({ bars: new Map(bars.map((id) => [id, {}])), marks: new Map(marks.map((id) => [id, {}])) });
    assert.ok(canDrawOnTop(lane([1, 2, 3], []), [3]), 'a bar added last');
    assert.ok(canDrawOnTop(lane([], [5, 6]), [6]), 'a mark added last');
    assert.ok(canDrawOnTop(lane([1, 2], [5]), [5]), 'a new mark over the bars');
    assert.ok(canDrawOnTop(lane([1, 2], [5]), [2, 5]), 'a new bar and a new mark, no older mark under the bar');
    assert.ok(!canDrawOnTop(lane([1, 2], [5]), [2]), 'a new bar would cover an older mark');
    assert.ok(!canDrawOnTop(lane([1, 2, 3], []), [2]), 'not the last bar: a later bar is drawn over it');
    assert.ok(!canDrawOnTop(lane([1, 2, 3], []), [3, 2]), 'out of order');
    assert.ok(!canDrawOnTop(lane([1, 2], []), [7]), 'not in the lane');
    assert.ok(!canDrawOnTop(lane([1, 2], []), []), 'nothing to draw');
  });
});
