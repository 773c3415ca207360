/**
 * Scenario 4: fail a task with a typed reason and multi-line details written
 * in an editor, submitted with the editor's "Submit to SWF" title-bar button.
 */
import * as assert from 'node:assert/strict';
import { recordedEvents, stepper, UI_WAIT_MS, Workbench } from './workbench';

const REASON = 'card declined by issuer';
/** Typed line by line (the runner turns the editor's typing aids off, so this is the text sent). */
const DETAILS_LINES = ['{', '  "code": "do_not_honor",', '  "attempts": 3,', '  "retryable": false', '}'];
const EDITOR_BUTTON = 'Write it in an editor (multi-line, JSON)';

describe('Fail with details written in an editor (as a person)', () => {
  it('claims from a scheduled row, fails with a typed reason and multi-line details, and SWF records both exactly', async () => {
    const step = stepper('fail-in-editor');
    const workbench = new Workbench();

    const claimed = await step('right-click a scheduled payments task: Claim Next Task', async () => {
      // The notification of the claim in scenario 3 must not pass for this one.
      await workbench.clearNotifications();
      await workbench.contextMenuOf(workbench.treeRow('invoice-order-1006'));
      await workbench.chooseMenuItem('Claim Next Task');
      return workbench.claimedTask();
    });
    await step('right-click the claimed task: Fail Task...', async () => {
      await workbench.contextMenuOf(workbench.claimedRow(claimed.activityId));
      await workbench.chooseMenuItem('Fail Task...');
    });
    await step('type the reason and press Enter', () => workbench.typeAndEnter(REASON));
    await step('click the editor button of the details box', async () => {
      // The reason box has the same button: wait for the second step's box.
      await workbench.quickInput().locator('.quick-input-title', { hasText: '(2/2)' }).waitFor({ timeout: UI_WAIT_MS });
      await workbench.clickQuickInputButton(EDITOR_BUTTON);
    });
    await step('type the details in the editor', () => workbench.typeIntoEditor(DETAILS_LINES));
    await step('click Submit to SWF in the editor title bar', async () => {
      await workbench.editorTitleAction('Submit to SWF').click({ timeout: UI_WAIT_MS });
      await workbench.treeRow(claimed.activityId).waitFor({ state: 'detached', timeout: UI_WAIT_MS });
    });
    await step('SWF recorded the reason and the details', async () => {
      const failed = await recordedEvents(claimed, 'ActivityTaskFailed');
      assert.equal(failed.length, 1, `ActivityTaskFailed events of ${claimed.activityId}`);
      assert.equal(failed[0].activityTaskFailedEventAttributes?.reason, REASON);
      assert.equal(failed[0].activityTaskFailedEventAttributes?.details, DETAILS_LINES.join('\n'));
    });
  });
});
