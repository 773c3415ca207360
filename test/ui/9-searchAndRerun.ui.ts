/**
 * Scenario 9 (search and re-run, issue 17): an OrderWorkflow 1.0 run was
 * terminated (by another client, as happens on a team). The person searches
 * the Executions view for closed executions of that type in the last hour,
 * finds the run (its row says TERMINATED), opens it in the execution panel,
 * presses the panel's Re-run… button, keeps the offered workflow ID (SWF
 * takes it again once the run has closed), and the new run opens in its own
 * panel, open; the two tabs of one workflow ID each name their run. SWF is asked what the new run was started with: the same
 * input and tags.
 */
import * as assert from 'node:assert/strict';
import { StartWorkflowExecutionCommand, TerminateWorkflowExecutionCommand } from '@aws-sdk/client-swf';
import { TestDomain } from '../integration/helpers/swf';
import { stepper, UI_WAIT_MS, uiSession, Workbench } from './workbench';

const WORKFLOW_ID = 'rerun-order-5001';
const INPUT = '{"orderId": "order-5001", "priority": 1}';
const TAGS = ['ui-rerun', 'eu'];

describe('Search closed executions and re-run one (as a person)', () => {
  it('finds a terminated OrderWorkflow run by type, opens it, re-runs it from the panel under its workflow ID and sees the new run open', async () => {
    const step = stepper('search-and-rerun');
    const workbench = new Workbench();
    const { page, swf, domain } = uiSession();
    const box = workbench.quickInput();
    const row = () => workbench.treeRow(new RegExp(`${WORKFLOW_ID} · `));
    /** The panel's page: the webview's inner frame, as a person sees it. */
    const panel = () => page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    let firstRunId = '';

    await step('another client started OrderWorkflow 1.0 and terminated it', async () => {
      const { runId } = await swf.send(
        new StartWorkflowExecutionCommand({ domain, workflowId: WORKFLOW_ID, workflowType: { name: 'OrderWorkflow', version: '1.0' }, input: INPUT, tagList: TAGS }),
      );
      assert.ok(runId);
      firstRunId = runId;
      await swf.send(new TerminateWorkflowExecutionCommand({ domain, workflowId: WORKFLOW_ID, runId, reason: 'stuck on a bad address' }));
      await workbench.clearNotifications();
    });

    await step('click Search… in the Executions view: filter by workflow type, OrderWorkflow 1.0, last hour, closed only', async () => {
      await workbench.treeRow(/^Search…/).click();
      await workbench.pickQuickItem('By workflow type');
      await workbench.pickQuickItem('OrderWorkflow 1.0');
      await workbench.pickQuickItem('Last hour');
      await box.locator('.monaco-list-row', { hasText: 'Closed only' }).first().waitFor({ timeout: UI_WAIT_MS });
      await workbench.pickQuickItem('Closed only');
    });

    await step('the search lists the terminated run, with its type, status and tags', async () => {
      await row().waitFor({ timeout: UI_WAIT_MS });
      const text = await row().innerText();
      assert.match(text, /OrderWorkflow 1\.0/);
      assert.match(text, /TERMINATED/);
      assert.match(text, /ui-rerun, eu/);
      await workbench.treeRow(/^Search…/).filter({ hasText: /type OrderWorkflow 1\.0/ }).waitFor({ timeout: UI_WAIT_MS });
    });

    await step('click the row: the panel shows the run, terminated', async () => {
      await row().click();
      await page.locator('.tab', { hasText: WORKFLOW_ID }).first().waitFor({ timeout: UI_WAIT_MS });
      await panel().locator('.status', { hasText: 'terminated' }).waitFor({ timeout: UI_WAIT_MS });
      await panel().locator('.facts', { hasText: firstRunId }).waitFor({ timeout: UI_WAIT_MS });
      assert.equal(await panel().locator('button.action-terminate').isDisabled(), true, 'a closed run takes no termination');
    });

    await step("press the panel's Re-run… button: the run's own workflow ID is offered", async () => {
      await panel().locator('button.action-rerun').click({ timeout: UI_WAIT_MS });
      await box.locator('.quick-input-message', { hasText: `${WORKFLOW_ID} has closed, so SWF takes its ID again` }).first().waitFor({ timeout: UI_WAIT_MS });
      assert.equal(await box.locator('input.input').inputValue(), WORKFLOW_ID);
    });

    await step('Enter: the new run starts and opens in the panel, open', async () => {
      await box.locator('input.input').press('Enter');
      const message = await workbench.notification(new RegExp(`^Started ${WORKFLOW_ID} \\(run `));
      const newRunId = /\(run ([^)]+)\)/.exec(message)?.[1];
      assert.ok(newRunId && newRunId !== firstRunId, `a new run: ${message}`);
      await panel().locator('.facts', { hasText: newRunId }).waitFor({ timeout: UI_WAIT_MS });
      await panel().locator('.status', { hasText: /^open$/ }).waitFor({ timeout: UI_WAIT_MS });
      assert.equal(await panel().locator('button.action-terminate').isDisabled(), false, 'an open run can be terminated');
      // Two tabs of one workflow ID: each names its run, so they can be told apart.
      await page.locator('.tab', { hasText: `${WORKFLOW_ID} · run ${newRunId.slice(0, 6)}` }).waitFor({ timeout: UI_WAIT_MS });
      await page.locator('.tab', { hasText: `${WORKFLOW_ID} · run ${firstRunId.slice(0, 6)}` }).waitFor({ timeout: UI_WAIT_MS });
    });

    await step('SWF started the new run with the same input and tags', async () => {
      const run = await workbench.openRun(swf, domain, WORKFLOW_ID);
      assert.notEqual(run.runId, firstRunId);
      const [started] = await new TestDomain(swf, domain).history(run);
      assert.equal(started.workflowExecutionStartedEventAttributes?.input, INPUT);
      assert.deepEqual(started.workflowExecutionStartedEventAttributes?.tagList, TAGS);
      await swf.send(new TerminateWorkflowExecutionCommand({ domain, workflowId: WORKFLOW_ID, runId: run.runId, reason: 'scenario done' }));
      // The scenarios after this one find their own panel: close these two.
      await workbench.runCommand('View: Close All Editors');
      await page.locator('.tab', { hasText: WORKFLOW_ID }).first().waitFor({ state: 'detached', timeout: UI_WAIT_MS });
    });
  });
});
