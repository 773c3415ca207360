/** Scenario 1: a person picks the sample domain from the view's welcome content. */
import * as assert from 'node:assert/strict';
import { stepper, UI_WAIT_MS, uiSession, Workbench } from './workbench';

const TASK_LISTS = ['notifications', 'payments', 'shipping'];
/**
 * The sandbox's sample-orders seed: six tasks waiting (charge-order-1001,
 * charge-order-1005, invoice-order-1006, ship-order-1002, email-order-1002,
 * email-order-1007) and two started by other workers (charge-order-1003,
 * ship-order-1004).
 */
const SEEDED_OPEN_TASKS = 8;

describe('Select Domain (as a person)', () => {
  it('opens the SWF view, picks sample-orders in the quick pick, and the tree lists its task lists with a badge', async () => {
    const step = stepper('select-domain');
    const workbench = new Workbench();
    const { page, domain } = uiSession();

    await step('click the SWF activity-bar icon', () => workbench.openSwfView());
    await step('click Select Domain in the welcome view', () =>
      page.getByRole('button', { name: 'Select Domain', exact: true }).click({ timeout: UI_WAIT_MS }));
    await step(`pick ${domain}`, () => workbench.pickQuickItem(domain));
    await step('the tree lists the task lists', async () => {
      for (const taskList of TASK_LISTS) await workbench.treeRow(taskList).waitFor({ timeout: UI_WAIT_MS });
      assert.equal(await workbench.badgeCount(), SEEDED_OPEN_TASKS);
    });
  });
});
