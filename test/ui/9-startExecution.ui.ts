/**
 * Scenario 9 (start): a person starts an execution of OrderWorkflow 1.0 from
 * its row under the Executions view's Types node (the root's menu offers
 * Start too, with a pick of the type). The workspace holds an input schema for the type
 * (`.swf/schemas/OrderWorkflow@1.0.input.json`, as a team's repository
 * would). Each prompt shows the type's default and Enter keeps it; the input
 * editor is JSON, marks a value of the wrong type, and Submit to SWF refuses
 * it naming the JSON path; fixed, it is sent, the new run opens in the
 * execution panel, and SWF recorded exactly that input.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestDomain } from '../integration/helpers/swf';
import { stepper, UI_WAIT_MS, uiSession, Workbench } from './workbench';

const SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['orderId', 'priority'],
  properties: { orderId: { type: 'string' }, priority: { type: 'integer', minimum: 1 } },
  additionalProperties: false,
};
const WRONG = '{"orderId": "order-4001", "priority": "high"}';
const RIGHT = '{"orderId": "order-4001", "priority": 2}';

describe('Start Workflow Execution with a schema-checked input (as a person)', () => {
  it('starts OrderWorkflow 1.0 from its workflow type row, keeps the type\'s defaults, is refused a wrong input, fixes it and sees the new run', async () => {
    const step = stepper('start-execution');
    const workbench = new Workbench();
    const { page, swf, domain, endpoint, workspace } = uiSession();
    const schemaFile = path.join(workspace, '.swf', 'schemas', 'OrderWorkflow@1.0.input.json');
    const box = workbench.quickInput();
    const typesRow = workbench.treeRow(/^Types$/);
    // The type's row under Types (level 4: root, Types, Workflow types, type), not an execution row of that type.
    const typeRow = page.locator('.part.sidebar .monaco-list-row[aria-level="4"]', { hasText: 'OrderWorkflow 1.0' }).first();
    /** Waits for the box whose prompt matches, then presses Enter on what it holds. */
    const keep = async (prompt: RegExp): Promise<string> => {
      await box.locator('.quick-input-message', { hasText: prompt }).first().waitFor({ timeout: UI_WAIT_MS });
      const input = box.locator('input.input');
      const value = await input.inputValue();
      await input.press('Enter');
      return value;
    };
    let workflowId = '';

    await step('the workspace has an input schema for OrderWorkflow 1.0', async () => {
      fs.mkdirSync(path.dirname(schemaFile), { recursive: true });
      fs.writeFileSync(schemaFile, JSON.stringify(SCHEMA, null, 2));
      await workbench.clearNotifications();
    });

    await step('the root offers Start too; expand Types and Workflow types: OrderWorkflow 1.0 is listed', async () => {
      const root = workbench.treeRow(`${domain} · local (us-east-1) · ${new URL(endpoint).host}`);
      const entries = await workbench.contextMenuOf(root);
      assert.ok(entries.includes('Start Workflow Execution...'), `menu: ${entries.join(', ')}`);
      await workbench.closeMenu();
      await typesRow.click();
      await workbench.treeRow(/^Workflow types$/).click();
      await typeRow.waitFor({ timeout: UI_WAIT_MS });
    });

    await step('right-click OrderWorkflow 1.0 under Types: Start Workflow Execution… (no type to pick)', async () => {
      const entries = await workbench.contextMenuOf(typeRow);
      assert.ok(entries.includes('Start Workflow Execution...'), `menu: ${entries.join(', ')}`);
      await workbench.chooseMenuItem('Start Workflow Execution...');
      await box.locator('.quick-input-title', { hasText: 'Start OrderWorkflow 1.0' }).first().waitFor({ timeout: UI_WAIT_MS });
    });

    await step('Enter keeps the suggested workflow ID and each of the type\'s defaults', async () => {
      workflowId = await keep(/Workflow ID of the new execution/);
      assert.match(workflowId, /^OrderWorkflow-\d{8}-\d{6}$/);
      assert.equal(await keep(/the type's default: order-decisions/), 'order-decisions');
      await keep(/Execution start-to-close timeout/);
      await keep(/Decision task start-to-close timeout/);
      await box.locator('.monaco-list-row.focused', { hasText: /type's default/ }).first().waitFor({ timeout: UI_WAIT_MS });
      await box.locator('input.input').press('Enter');
      assert.equal(await keep(/Tags, separated by commas/), '');
      await workbench.editorTitleAction('Submit to SWF').waitFor({ timeout: UI_WAIT_MS });
    });

    await step('type an input with a string where the schema wants an integer: a problem marker', async () => {
      await workbench.replaceEditorText(WRONG);
      await page.locator('.part.editor .monaco-editor .squiggly-warning').first().waitFor({ timeout: UI_WAIT_MS });
    });

    await step('Submit to SWF: refused, naming /priority, and nothing started', async () => {
      await workbench.editorTitleAction('Submit to SWF').click({ timeout: UI_WAIT_MS });
      const message = await workbench.notification(/Does not match OrderWorkflow@1\.0\.input\.json/);
      assert.match(message, /"\/priority": must be integer/);
      await assert.rejects(workbench.openRun(swf, domain, workflowId), /no open execution/);
    });

    await step('fix the value and Submit to SWF: the new run opens in the execution panel', async () => {
      await workbench.replaceEditorText(RIGHT);
      await page.locator('.part.editor .monaco-editor .view-line', { hasText: RIGHT }).waitFor({ timeout: UI_WAIT_MS });
      await page.locator('.part.editor .monaco-editor :is(.squiggly-warning, .squiggly-error)').first().waitFor({ state: 'detached', timeout: UI_WAIT_MS });
      await workbench.editorTitleAction('Submit to SWF').click({ timeout: UI_WAIT_MS });
      await workbench.notification(new RegExp(`^Started ${workflowId} \\(run `));
      await page.locator('.tab', { hasText: workflowId }).first().waitFor({ timeout: UI_WAIT_MS });
      // The panel's header, drawn by its page: the new run, open, with the input sent.
      const view = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
      await view.locator('h1', { hasText: 'OrderWorkflow 1.0' }).waitFor({ timeout: UI_WAIT_MS });
      await view.locator('.facts', { hasText: workflowId }).first().waitFor({ timeout: UI_WAIT_MS });
    });

    await step('SWF recorded exactly that input, with the type\'s task list', async () => {
      const run = await workbench.openRun(swf, domain, workflowId);
      const [started] = await new TestDomain(swf, domain).history(run);
      assert.equal(started.workflowExecutionStartedEventAttributes?.input, RIGHT);
      assert.equal(started.workflowExecutionStartedEventAttributes?.taskList?.name, 'order-decisions');
      fs.rmSync(schemaFile);
    });

    await step('collapse Types again (the registry scenario starts from it collapsed)', async () => {
      await workbench.runCommand('View: Close All Editors');
      await typesRow.click();
      await typeRow.waitFor({ state: 'hidden', timeout: UI_WAIT_MS });
    });
  });
});
