/**
 * Scenario 2 (before the context menus): at the default side bar width of
 * 300 px a person can tell the sample domain's ChargeCard tasks apart. Each
 * row's label (what tells it apart) is drawn whole, not cut by the ellipsis,
 * and the labels differ; the time left follows the label, before the parts
 * that are cut first. Runs on the rows scenario 1 added, before any claim.
 */
import * as assert from 'node:assert/strict';
import { stepper, UI_WAIT_MS, Workbench } from './workbench';

const SIDEBAR_PX = 300;

interface RowText {
  label: string;
  description: string;
  /** The label's right edge lies inside the row's visible text box. */
  labelWhole: boolean;
  /** The description's first word ("23h", "9m") ends inside it too. */
  timeLeftVisible: boolean;
}

describe('Task rows at 300 px (as a person)', () => {
  const workbench = new Workbench();

  it('the ChargeCard rows differ in what the side bar shows, the time left beside it', async () => {
    const step = stepper('rows-300px');
    const page = workbench.page;
    await step('narrow the side bar to 300 px', async () => {
      await workbench.treeRow('charge-order-1001').waitFor({ timeout: UI_WAIT_MS });
      const bar = await page.locator('.part.sidebar').boundingBox();
      assert.ok(bar, 'the side bar is shown');
      if (Math.abs(bar.width - SIDEBAR_PX) > 1) {
        // The sash on the side bar's right edge, dragged as a person would.
        const edge = bar.x + bar.width;
        await page.mouse.move(edge - 1, bar.y + bar.height / 2);
        await page.mouse.down();
        await page.mouse.move(bar.x + SIDEBAR_PX, bar.y + bar.height / 2, { steps: 5 });
        await page.mouse.up();
      }
      const narrowed = await page.locator('.part.sidebar').boundingBox();
      assert.ok(narrowed && Math.abs(narrowed.width - SIDEBAR_PX) <= 2, `the side bar is ${narrowed?.width} px wide`);
    });

    const rows = await step('read the ChargeCard rows as drawn', async () => {
      const drawn = await page.locator('.part.sidebar .monaco-list-row', { hasText: 'ChargeCard' }).evaluateAll((elements) =>
        elements.map((row) => {
          const box = row.querySelector('.monaco-icon-label-container')?.getBoundingClientRect();
          const name = row.querySelector('.label-name');
          const description = row.querySelector('.label-description');
          const right = box?.right ?? 0;
          // The first word of the description, as a range, to see where it ends on screen.
          let firstWordRight = Number.POSITIVE_INFINITY;
          const text = description?.firstChild;
          if (text && text.nodeType === Node.TEXT_NODE) {
            const range = document.createRange();
            const end = (text.textContent ?? '').indexOf(' ');
            range.setStart(text, 0);
            range.setEnd(text, end > 0 ? end : (text.textContent ?? '').length);
            firstWordRight = range.getBoundingClientRect().right;
          }
          return {
            label: name?.textContent ?? '',
            description: description?.textContent ?? '',
            labelWhole: (name?.getBoundingClientRect().right ?? Number.POSITIVE_INFINITY) <= right + 0.5,
            timeLeftVisible: firstWordRight <= right + 0.5,
          };
        }),
      );
      return drawn as RowText[];
    });

    assert.ok(rows.length >= 3, `at least three ChargeCard rows: ${JSON.stringify(rows)}`);
    for (const row of rows) {
      assert.ok(row.labelWhole, `the label of ${JSON.stringify(row)} is drawn whole at 300 px`);
      assert.match(row.description, /^(\d+[smhd]|overdue)/, `the time left comes first: ${row.description}`);
      assert.ok(row.timeLeftVisible, `the time left of ${row.label} is not cut: ${row.description}`);
    }
    assert.equal(new Set(rows.map((r) => r.label)).size, rows.length, `every ChargeCard row reads differently: ${rows.map((r) => r.label).join(', ')}`);
  });
});
