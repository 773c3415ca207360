/**
 * Scenario 6: a person watches a second domain beside the first, through
 * the Command Palette: SWF: Add Domain..., the connection already in use,
 * then the other domain, watched through a workflow-type filter (Add Domain's
 * offer). Both roots show, each with its own task lists; the new one is titled
 * with its filter.
 */
import * as assert from 'node:assert/strict';
import { TestDomain } from '../integration/helpers/swf';
import { stepper, UI_WAIT_MS, uiSession, Workbench } from './workbench';

const SECOND_DOMAIN = 'sample-billing';
const TYPE = { name: 'ApproveInvoice', version: '1' };
const TASK_LIST = 'approvals';

describe('a second root (as a person)', () => {
  it('adds another domain through the palette and shows both side by side', async () => {
    const step = stepper('second-root');
    const workbench = new Workbench();
    const { swf, domain, endpoint } = uiSession();
    const host = new URL(endpoint).host;

    await step('a team registers a second domain with a task waiting', async () => {
      const billing = new TestDomain(swf, SECOND_DOMAIN);
      await billing.register([{ ...TYPE, taskList: TASK_LIST }]);
      await billing.startWithActivities('invoice-77', [{ type: TYPE, activityId: 'approve-invoice-77', taskList: TASK_LIST, input: '{"invoice":77}' }]);
    });
    await step('run SWF: Add Domain... from the palette', () => workbench.runCommand('SWF: Add Domain...'));
    await step('pick the connection in use', () => workbench.pickQuickItem(`local (us-east-1) · ${host}`));
    await step(`pick ${SECOND_DOMAIN}`, () => workbench.pickQuickItem(SECOND_DOMAIN));
    await step('watch only one workflow type (a server-side filter)', () => workbench.pickQuickItem('Only one workflow type'));
    await step('type the workflow type', () => workbench.typeAndEnter('OrderFlow'));
    await step('leave the version empty (every version)', () => workbench.typeAndEnter(''));
    await step('both roots show, the new one with its task', async () => {
      await workbench.treeRow(`${domain} · local (us-east-1) · ${host}`).waitFor({ timeout: UI_WAIT_MS });
      await workbench.treeRow(`${SECOND_DOMAIN} · local (us-east-1) · ${host} · type OrderFlow`).waitFor({ timeout: UI_WAIT_MS });
      await workbench.treeRow(TASK_LIST).waitFor({ timeout: UI_WAIT_MS });
      await workbench.treeRow('approve-invoice-77').waitFor({ timeout: UI_WAIT_MS });
      const rows = await workbench.page.locator('.part.sidebar .monaco-list-row').allInnerTexts();
      const first = rows.findIndex((text) => text.startsWith(`${domain} ·`));
      const second = rows.findIndex((text) => text.startsWith(`${SECOND_DOMAIN} ·`));
      assert.ok(first >= 0 && second > first, `the new root comes after the first: ${JSON.stringify(rows)}`);
    });
  });
});
