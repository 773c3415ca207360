/**
 * Scenario 1: a person adds the sample domain from the view's welcome
 * content: a new connection (default credential chain, a region, the
 * sandbox's endpoint URL), then the domain from the listed ones.
 */
import * as assert from 'node:assert/strict';
import { stepper, UI_WAIT_MS, uiSession, Workbench } from './workbench';

const TASK_LISTS = ['notifications', 'payments', 'shipping'];
/**
 * The sandbox's sample-orders seed: eight tasks waiting (charge-order-1001,
 * charge-order-1005, invoice-order-1006, ship-order-1002, email-order-1002,
 * email-order-1007, and the express charge-order-1008 and invoice-order-1009)
 * and two started by other workers (charge-order-1003, ship-order-1004).
 */
const SEEDED_OPEN_TASKS = 10;

describe('Add Domain (as a person)', () => {
  it('opens the SWF view, adds sample-orders on a new connection, and the tree lists its task lists with a badge', async () => {
    const step = stepper('add-domain');
    const workbench = new Workbench();
    const { page, domain, endpoint } = uiSession();

    await step('click the SWF activity-bar icon', () => workbench.openSwfView());
    await step('click Add Domain in the welcome view', () =>
      page.getByRole('button', { name: 'Add Domain', exact: true }).click({ timeout: UI_WAIT_MS }));
    await step('pick New connection…', () => workbench.pickQuickItem('New connection…'));
    await step('pick the default credential chain', () => workbench.pickQuickItem('Default credential chain'));
    await step('type the region', () => workbench.typeAndEnter('us-east-1'));
    await step('type the endpoint URL', () => workbench.typeAndEnter(endpoint));
    await step(`pick ${domain}`, () => workbench.pickQuickItem(domain));
    await step('watch all its open executions (no filter)', () => workbench.pickQuickItem('All open executions'));
    await step('the tree shows the root and lists the task lists', async () => {
      const host = new URL(endpoint).host;
      await workbench.treeRow(`${domain} · local (us-east-1) · ${host}`).waitFor({ timeout: UI_WAIT_MS });
      for (const taskList of TASK_LISTS) await workbench.treeRow(taskList).waitFor({ timeout: UI_WAIT_MS });
      assert.equal(await workbench.badgeCount(), SEEDED_OPEN_TASKS);
    });
  });
});
