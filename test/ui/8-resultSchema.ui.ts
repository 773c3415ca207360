/**
 * Scenario 8: a result schema in the answer editor. The person creates a
 * result schema for ChargeCard 1.0 from a task row (inferred from an example
 * result typed in), claims the task, completes it in the answer editor: the
 * JSON language service offers the schema's properties (completion) and
 * marks a value of the wrong type (a problem marker); Submit to SWF refuses
 * it, naming the JSON path, and keeps the editor; fixed, it is sent, and SWF
 * records exactly that result.
 */
import * as assert from 'node:assert/strict';
import { StartWorkflowExecutionCommand } from '@aws-sdk/client-swf';
import { TestDomain } from '../integration/helpers/swf';
import { recordedEvents, stepper, UI_WAIT_MS, uiSession, Workbench } from './workbench';

const WORKFLOW_ID = 'order-3001';
const ACTIVITY_ID = 'charge-order-3001';
/** A task list of this scenario only, so no other scenario claims its task. */
const TASK_LIST = 'ui-schema-payments';
const EXAMPLE = '{"chargeId": "ch_1", "approved": true}';
const WRONG = '"chargeId": "ch_3001", "approved": "yes"}';
const RIGHT = '{"chargeId": "ch_3001", "approved": true}';
const EDITOR_BUTTON = 'Write it in an editor (multi-line, JSON)';

describe('Result schema in the answer editor (as a person)', () => {
  it('creates a schema from a row, sees its completion and a problem in the answer editor, is refused, fixes it and submits', async () => {
    const step = stepper('result-schema');
    const workbench = new Workbench();
    const { page, swf, domain } = uiSession();
    const decider = new TestDomain(swf, domain, 'order-decisions');

    await step('a ChargeCard task of a new order is scheduled', async () => {
      await workbench.clearNotifications();
      await swf.send(new StartWorkflowExecutionCommand({ domain, workflowId: WORKFLOW_ID, workflowType: { name: 'OrderWorkflow', version: '1.0' }, input: '{"orderId":"order-3001"}' }));
      await decider.decide(WORKFLOW_ID, [
        {
          decisionType: 'ScheduleActivityTask',
          scheduleActivityTaskDecisionAttributes: { activityType: { name: 'ChargeCard', version: '1.0' }, activityId: ACTIVITY_ID, taskList: { name: TASK_LIST }, input: '{"orderId":"order-3001","amount":42.5}' },
        },
      ], 20);
      await workbench.runCommand('SWF: Refresh');
      await workbench.treeRow(ACTIVITY_ID).waitFor({ timeout: UI_WAIT_MS });
    });

    await step('right-click the task: Create Result Schema, from an example result', async () => {
      const entries = await workbench.contextMenuOf(workbench.treeRow(ACTIVITY_ID));
      assert.ok(entries.includes('Create Result Schema'), `menu: ${entries.join(', ')}`);
      await workbench.chooseMenuItem('Create Result Schema');
      await workbench.pickQuickItem('From an example result');
      await workbench.typeAndEnter(EXAMPLE);
      await page.locator('.tab', { hasText: 'ChargeCard@1.0.result.json' }).first().waitFor({ timeout: UI_WAIT_MS });
      await workbench.notification(/^Wrote .*ChargeCard@1\.0\.result\.json/);
    });

    await step('claim it and start Complete Task in the editor', async () => {
      await workbench.contextMenuOf(workbench.treeRow(ACTIVITY_ID));
      await workbench.chooseMenuItem('Claim Next Task');
      await workbench.claimedRow(ACTIVITY_ID).waitFor({ timeout: UI_WAIT_MS });
      await workbench.contextMenuOf(workbench.claimedRow(ACTIVITY_ID));
      await workbench.chooseMenuItem('Complete Task...');
      await workbench.quickInput().locator('.quick-input-message', { hasText: /ChargeCard@1\.0\.result\.json/ }).waitFor({ timeout: UI_WAIT_MS });
      await workbench.clickQuickInputButton(EDITOR_BUTTON);
      await workbench.editorTitleAction('Submit to SWF').waitFor({ timeout: UI_WAIT_MS });
    });

    await step('type { and ask for suggestions: the schema\'s properties are offered', async () => {
      await workbench.typeIntoEditor(['{']);
      await page.keyboard.press('Control+Space');
      const suggestions = page.locator('.editor-widget.suggest-widget .monaco-list-row');
      await suggestions.first().waitFor({ timeout: UI_WAIT_MS });
      await page.locator('.editor-widget.suggest-widget .monaco-list-row', { hasText: 'approved' }).waitFor({ timeout: UI_WAIT_MS });
      const labels = (await suggestions.allInnerTexts()).map((t) => t.split('\n')[0].trim());
      assert.ok(labels.some((l) => l.includes('chargeId')), `suggestions: ${labels.join(', ')}`);
    });

    await step('type a string where the schema wants a boolean: a problem marker', async () => {
      await page.keyboard.press('Escape');
      await page.keyboard.type(WRONG);
      // The JSON language service reports schema violations as warnings.
      await page.locator('.part.editor .monaco-editor .squiggly-warning').first().waitFor({ timeout: UI_WAIT_MS });
      await page.locator('.part.editor .monaco-editor .view-line span', { hasText: '"yes"' }).last().hover();
      await page.locator('.monaco-hover', { hasText: /Incorrect type/ }).first().waitFor({ timeout: UI_WAIT_MS });
    });

    await step('Submit to SWF: refused, naming /approved, and the editor stays open', async () => {
      await workbench.editorTitleAction('Submit to SWF').click({ timeout: UI_WAIT_MS });
      const message = await workbench.notification(/Does not match ChargeCard@1\.0\.result\.json/);
      assert.match(message, /"\/approved": must be boolean/);
      assert.equal((await recordedEvents({ activityId: ACTIVITY_ID, workflowId: WORKFLOW_ID }, 'ActivityTaskCompleted')).length, 0, 'nothing was sent');
      await workbench.editorTitleAction('Submit to SWF').waitFor({ timeout: UI_WAIT_MS });
    });

    await step('fix the value: the marker goes', async () => {
      await workbench.replaceEditorText(RIGHT);
      await page.locator('.part.editor .monaco-editor .view-line', { hasText: RIGHT }).waitFor({ timeout: UI_WAIT_MS });
      await page.locator('.part.editor .monaco-editor :is(.squiggly-warning, .squiggly-error)').first().waitFor({ state: 'detached', timeout: UI_WAIT_MS });
    });

    await step('Submit to SWF: sent, and SWF records exactly that result', async () => {
      await workbench.editorTitleAction('Submit to SWF').click({ timeout: UI_WAIT_MS });
      await workbench.treeRow(ACTIVITY_ID).waitFor({ state: 'detached', timeout: UI_WAIT_MS });
      const completed = await recordedEvents({ activityId: ACTIVITY_ID, workflowId: WORKFLOW_ID }, 'ActivityTaskCompleted');
      assert.equal(completed.length, 1);
      assert.equal(completed[0].activityTaskCompletedEventAttributes?.result, RIGHT);
    });
  });
});
