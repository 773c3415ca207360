/**
 * The execution panel's real page (dist/webview/execution.js in headless
 * Chromium, under the panel's CSP) with a long history: each lane's bars and
 * marks are drawn on its canvas, and only the items a person touches are DOM
 * nodes (the one under the pointer, the keyboard's tab stop, the selected
 * one); the pointer, a click and the keys reach the drawn items; a delta
 * draws its new items into their lanes and changes no other lane.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { applyEvents, buildTimeline } from '../../../src/history/timelineFold';
import * as protocol from '../../../src/webview/execution/protocol';
import type { PageMessage } from '../../../src/webview/execution/protocol';
import { panelHistory, signalDelta } from '../../bench/panel';
import { PANEL_ROOT, PANEL_STRINGS } from '../../fixtures/panelPage';
import { usePageSession } from './pageSession';

describe('the execution panel page: a long history on canvases', function () {
  this.timeout(60_000);
  const session = usePageSession('timeline-canvas', { consoleErrors: true });
  const { errors, deliver } = session;
  let page: Page;
  const history = panelHistory(3000);
  const events = [...history];
  const model = buildTimeline('batch-77', 'run-1', history);
  const posted = protocol.postedState();

  const lane = (key: string) => `.lane[data-lane="${key}"]`;
  /** What the lane's canvas shows: a hash of its pixels, and whether any pixel is painted. */
  const picture = (key: string) => page.evaluate((sel) => {
    const canvas = document.querySelector<HTMLCanvasElement>(`${sel} canvas`)!;
    const data = new Uint32Array(canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data.buffer);
    let hash = 2166136261;
    let painted = false;
    for (const v of data) {
      hash = Math.imul(hash ^ v, 16777619) >>> 0;
      painted ||= v !== 0;
    }
    return { hash, painted };
  }, lane(key));
  /** Moves the pointer along a lane, at its middle, until the page made a node for an item there; the node's id. */
  const pointAlong = async (key: string): Promise<{ id: number; x: number; y: number }> => {
    const box = (await page.locator(`${lane(key)} canvas`).boundingBox())!;
    for (let x = 2; x < box.width; x += 3) {
      await page.mouse.move(box.x + x, box.y + box.height / 2);
      const id = await page.evaluate((sel) => document.querySelector<HTMLElement>(`${sel} [data-bar]:not([tabindex="0"])`)?.dataset.bar, lane(key));
      if (id) return { id: Number(id), x: box.x + x, y: box.y + box.height / 2 };
    }
    throw new Error(`no item of ${key} came under the pointer`);
  };

  before(async () => {
    page = session.page();
    await deliver([protocol.initMessage(model, events, PANEL_ROOT, { strings: PANEL_STRINGS, state: { root: {}, workflowId: 'batch-77', runId: 'run-1' } }, posted)]);
  });

  it('draws every bar and mark on its lane\'s canvas, and makes a DOM node only for the timeline\'s tab stop', async () => {
    const seen = await page.evaluate(() => ({
      nodes: document.querySelectorAll('.timeline *').length,
      items: [...document.querySelectorAll<HTMLElement>('.timeline [data-bar]')].map((n) => n.tabIndex),
      lanes: [...document.querySelectorAll<HTMLElement>('.lane[data-lane]')].map((l) => ({ key: l.dataset.lane!, bars: Number(l.querySelector('canvas')?.dataset.bars), marks: Number(l.querySelector('canvas')?.dataset.marks) })),
    }));
    const bars = [...model.lanes.values()].reduce((n, l) => n + l.bars.length, 0);
    assert.deepEqual(seen.lanes, [...model.lanes.values()].map((l) => ({ key: l.key, bars: l.bars.length, marks: l.marks.length })), 'each lane\'s canvas drew all its bars and marks');
    assert.deepEqual(seen.items, [0], 'one item node: the tab stop');
    assert.ok(bars > 900, `a long history: ${bars} bars`);
    assert.ok(seen.nodes < 10 * model.lanes.size, `${seen.nodes} timeline nodes for ${model.lanes.size} lanes and ${bars} bars`);
    assert.ok((await picture('decision:')).painted, 'the decision lane\'s canvas has paint on it');
  });

  it('the pointer over a drawn bar makes its node (its tooltip), a click selects it, and moving on drops it', async () => {
    const key = 'activity:process-3';
    const { id, x, y } = await pointAlong(key);
    const want = model.lanes.get(key)!.bars.find((b) => b.id === id);
    assert.ok(want, `the node under the pointer (${id}) is a bar of ${key}`);
    const node = page.locator(`${lane(key)} [data-bar="${id}"]`);
    assert.match((await node.getAttribute('title')) ?? '', new RegExp(`^${protocol.toBarView(want).summary.replace(/[()[\]]/g, '\\$&')}\\n`));
    await page.evaluate(() => ((window as unknown as { __posted: unknown[] }).__posted = []));
    await page.mouse.click(x, y);
    const asked = await page.evaluate(() => (window as unknown as { __posted: PageMessage[] }).__posted);
    assert.deepEqual(asked, [{ type: 'selectBar', barId: id }]);
    assert.equal(await node.getAttribute('aria-pressed'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-bar')), String(id), 'the clicked bar takes the focus (the tab stop)');
    // Away from the timeline: the selected bar keeps its node, no other item has one.
    await page.mouse.move(5, 5);
    assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.timeline [data-bar]')].map((n) => n.dataset.bar)), [String(id)]);
  });

  it('the arrow keys move the focus to the next drawn item, which gets its node', async () => {
    const before = Number(await page.evaluate(() => document.activeElement?.getAttribute('data-bar')));
    await page.keyboard.press('ArrowRight');
    const now = await page.evaluate(() => ({ focused: document.activeElement?.getAttribute('data-bar'), items: document.querySelectorAll('.timeline [data-bar]').length }));
    const bars = model.lanes.get(model.lanes.get('activity:process-3')!.key)!.bars;
    const next = bars[bars.findIndex((b) => b.id === before) + 1];
    assert.equal(now.focused, String(next.id), 'the next bar of the lane has the focus');
    assert.equal(now.items, 2, 'two item nodes: the selected bar and the focused one');
  });

  it('draws the canvases anew for their new width when the page narrows (as when a scrollbar comes), so drawing and pointer agree', async () => {
    const sizes = () => page.evaluate(() => [...document.querySelectorAll<HTMLCanvasElement>('.lane canvas')].map((c) => ({ drawn: c.width, shown: Math.round(c.clientWidth * devicePixelRatio) })));
    assert.ok((await sizes()).every((s) => s.drawn === s.shown), JSON.stringify((await sizes())[0]));
    await page.setViewportSize({ width: 1100, height: 900 });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const now = await sizes();
    assert.ok(now[0].shown < 1100, JSON.stringify(now[0]));
    assert.ok(now.every((s) => s.drawn === s.shown), `drawn for the width shown: ${JSON.stringify(now[0])}`);
    // The pointer still finds the bars where they are drawn.
    const { id } = await pointAlong('activity:process-5');
    assert.ok(model.lanes.get('activity:process-5')!.bars.some((b) => b.id === id));
  });

  it('a delta draws its new mark and bar into their lanes and leaves every other lane\'s drawing as it was', async () => {
    const keys = [...model.lanes.keys()];
    const before = new Map<string, number>();
    for (const key of keys) before.set(key, (await picture(key)).hash);
    const fresh = signalDelta(events);
    const delta = applyEvents(model, fresh);
    events.push(...fresh);
    await deliver([protocol.deltaMessage(model, delta, events, PANEL_ROOT, posted)]);
    const changed: string[] = [];
    for (const key of keys) {
      if ((await picture(key)).hash !== before.get(key)) changed.push(key);
    }
    assert.deepEqual(changed.sort(), ['decision:', 'signal:'], 'the lanes of the new decision task and signal were drawn on, no other');
    const counts = await page.evaluate(() => ['signal:', 'decision:'].map((k) => document.querySelector<HTMLElement>(`.lane[data-lane="${k}"] canvas`)!.dataset));
    assert.equal(Number(counts[0].marks), model.lanes.get('signal:')!.marks.length);
    assert.equal(Number(counts[1].bars), model.lanes.get('decision:')!.bars.length);
    assert.deepEqual(errors, []);
  });
});
