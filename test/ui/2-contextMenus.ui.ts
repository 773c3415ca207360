/**
 * Scenario 2: the context menu of a task row offers only what makes sense in
 * its state (the `when` clauses on `viewItem` in package.json, as rendered).
 * Runs before any claim, on rows of the seeded sample domain.
 */
import * as assert from 'node:assert/strict';
import { stepper, UI_WAIT_MS, Workbench } from './workbench';

const ANSWERS = ['Complete Task...', 'Fail Task...', 'Cancel Task...'];

describe('Task context menus (as a person)', () => {
  const workbench = new Workbench();

  /** Right-clicks the row of `activityId` after checking it is in the state the test is about. */
  async function menuOfTask(activityId: string, state: RegExp): Promise<string[]> {
    const row = workbench.treeRow(activityId);
    await row.waitFor({ timeout: UI_WAIT_MS });
    assert.match(await row.innerText(), state, `the row of ${activityId}`);
    return workbench.contextMenuOf(row);
  }

  // After the step's screenshot, which shows the open menu.
  afterEach(() => workbench.closeMenu());

  it('a scheduled task offers Claim Next Task and Show Execution History, and no answer', async () => {
    const step = stepper('menus-scheduled');
    await step('right-click a scheduled task', async () => {
      const entries = await menuOfTask('invoice-order-1006', /scheduled/);
      assert.ok(entries.includes('Claim Next Task'), `menu: ${entries.join(', ')}`);
      assert.ok(entries.includes('Show Execution History'), `menu: ${entries.join(', ')}`);
      for (const answer of ANSWERS) assert.ok(!entries.includes(answer), `${answer} in the menu of a task nobody claimed`);
      // The workflow actions come last, in their own group, in this order.
      const actions = ['Signal Workflow...', 'Request Cancel Workflow', 'Terminate Workflow...'];
      assert.deepEqual(entries.slice(-actions.length), actions, `menu: ${entries.join(', ')}`);
    });
  });

  it('a task started by another worker offers neither a claim nor an answer', async () => {
    const step = stepper('menus-started');
    await step('right-click a task another worker started', async () => {
      const entries = await menuOfTask('charge-order-1003', /started .* by worker-7/);
      assert.ok(entries.includes('Show Execution History'), `menu: ${entries.join(', ')}`);
      for (const entry of ['Claim Next Task', ...ANSWERS]) assert.ok(!entries.includes(entry), `${entry} in the menu of another worker's task`);
    });
  });
});
