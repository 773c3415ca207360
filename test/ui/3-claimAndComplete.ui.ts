/**
 * Scenario 3: claim the next task of a list from its inline action, complete
 * it from the claimed row's context menu, and see the answer in SWF's history
 * and in the extension's log.
 */
import * as assert from 'node:assert/strict';
import { recordedEvents, stepper, UI_WAIT_MS, Workbench } from './workbench';

const RESULT = 'customer credit card verified';

describe('Claim and complete (as a person)', () => {
  it('claims the next payments task inline, completes it with a typed result, and SWF records exactly that result', async () => {
    const step = stepper('claim-complete');
    const workbench = new Workbench();

    const claimed = await step('click Claim Next Task on the payments row', async () => {
      await workbench.clickInlineAction(workbench.treeRow('payments'), 'Claim Next Task');
      return workbench.claimedTask();
    });
    await step('right-click the claimed task: Complete Task...', async () => {
      const entries = await workbench.contextMenuOf(workbench.claimedRow(claimed.activityId));
      // The same entries scenario 2 checks are absent elsewhere, spelt as the menu shows them.
      for (const answer of ['Complete Task...', 'Fail Task...', 'Cancel Task...']) assert.ok(entries.includes(answer), `menu of a claimed task: ${entries.join(', ')}`);
      assert.ok(!entries.includes('Claim Next Task'), `menu of a claimed task: ${entries.join(', ')}`);
      await workbench.chooseMenuItem('Complete Task...');
    });
    await step('type the result and press Enter', async () => {
      await workbench.typeAndEnter(RESULT);
      await workbench.treeRow(claimed.activityId).waitFor({ state: 'detached', timeout: UI_WAIT_MS });
    });
    await step('SWF recorded the result', async () => {
      const completed = await recordedEvents(claimed, 'ActivityTaskCompleted');
      assert.equal(completed.length, 1, `ActivityTaskCompleted events of ${claimed.activityId}`);
      assert.equal(completed[0].activityTaskCompletedEventAttributes?.result, RESULT);
    });
    await step('the log shows the ActivityTaskCompleted event', async () => {
      await workbench.openLog();
      await workbench.outputText(`ActivityTaskCompleted result="${RESULT}"`).waitFor({ timeout: UI_WAIT_MS });
    });
  });
});
