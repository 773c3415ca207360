/**
 * Scenario 10 (file 9z): the registry from a file (issue 18). A team keeps
 * `.swf/types/shipping.json` in the workspace; the person expands the
 * Executions view's Types node of the sample domain, applies the file from
 * its context menu (PackParcel 1 is registered, nothing else changes),
 * sees the new type under Activity types, then deprecates it from its row:
 * the confirmation's highlighted choice is the safe one, the person picks the
 * action, and the row shows it deprecated. SWF is asked what it recorded.
 *
 * Named `9z-`: the runner orders scenarios by file name as text, where `10-`
 * would come before `2-`; this one must run after the others, so the type it
 * adds and the rows it expands change nothing they see.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DescribeActivityTypeCommand } from '@aws-sdk/client-swf';
import { stepper, UI_WAIT_MS, uiSession, Workbench } from './workbench';

const TYPE = { name: 'PackParcel', version: '1' };

describe('Registry file (as a person)', () => {
  it('applies .swf/types/shipping.json from the Types node, sees the new activity type, and deprecates it after the confirmation', async () => {
    const step = stepper('registry-file');
    const workbench = new Workbench();
    const { swf, domain, workspace } = uiSession();
    const typesRow = workbench.treeRow(/^Types$/);
    const typeRow = () => workbench.treeRow(`${TYPE.name} ${TYPE.version}`);

    await step('a team keeps .swf/types/shipping.json in the workspace', async () => {
      const dir = path.join(workspace, '.swf', 'types');
      fs.mkdirSync(dir, { recursive: true });
      const file = { domain, activityTypes: [{ ...TYPE, description: 'packs an order', defaults: { taskList: 'packing', taskStartToCloseTimeout: '300', taskHeartbeatTimeout: 'NONE' } }] };
      fs.writeFileSync(path.join(dir, 'shipping.json'), `${JSON.stringify(file, undefined, 2)}\n`);
      await workbench.clearNotifications();
    });

    await step('the Executions view shows the root\'s Types node, collapsed', async () => {
      await typesRow.waitFor({ timeout: UI_WAIT_MS });
      assert.equal(await typesRow.getAttribute('aria-expanded'), 'false');
    });

    await step('right-click Types: Apply Registry File...', async () => {
      const entries = await workbench.contextMenuOf(typesRow);
      assert.ok(entries.includes('Apply Registry File...'), `menu: ${entries.join(', ')}`);
      await workbench.chooseMenuItem('Apply Registry File...');
      const message = await workbench.notification(/applied to/);
      assert.match(message, new RegExp(`shipping\\.json applied to ${domain}: 1 registered; 0 already there`));
    });

    await step('expand Types and Activity types: PackParcel 1 is listed', async () => {
      await typesRow.click();
      const activityTypes = workbench.treeRow(/^Activity types$/);
      await activityTypes.waitFor({ timeout: UI_WAIT_MS });
      await activityTypes.click();
      await typeRow().waitFor({ timeout: UI_WAIT_MS });
      assert.match(await typeRow().innerText(), /packs an order/);
    });

    await step('right-click PackParcel 1: Deprecate Type...; the safe choice is highlighted', async () => {
      const entries = await workbench.contextMenuOf(typeRow());
      assert.ok(entries.includes('Deprecate Type...') && entries.includes('Describe Type'), `menu: ${entries.join(', ')}`);
      assert.ok(!entries.includes('Undeprecate Type...'), 'a registered type offers no Undeprecate');
      await workbench.chooseMenuItem('Deprecate Type...');
      assert.match(await workbench.focusedChoice(/Keep the type|Deprecate PackParcel/), /Keep the type as it is/);
      await workbench.quickInput().locator('.monaco-list-row', { hasText: 'can no longer schedule new tasks of PackParcel 1' }).first().waitFor({ timeout: UI_WAIT_MS });
    });

    await step('pick Deprecate PackParcel 1: the row says deprecated', async () => {
      await workbench.pickQuickItem('Deprecate PackParcel 1');
      await workbench.notification(/Deprecated activity type PackParcel 1/);
      await typeRow().filter({ hasText: 'deprecated' }).waitFor({ timeout: UI_WAIT_MS });
      const described = await swf.send(new DescribeActivityTypeCommand({ domain, activityType: TYPE }));
      assert.equal(described.typeInfo?.status, 'DEPRECATED');
      assert.equal(described.configuration?.defaultTaskList?.name, 'packing');
    });
  });
});
