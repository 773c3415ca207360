/**
 * Scenario 7: the execution panel as a person uses it. Another worker
 * completes an order's charge with a result, the decider schedules its email;
 * the person right-clicks the email task, chooses Open Execution, clicks the
 * charge bar in the timeline and reads its result in the details, then
 * presses Signal in the panel, types a signal name and input, and sees the
 * signal recorded in SWF and in the panel's event list.
 */
import * as assert from 'node:assert/strict';
import { ListOpenWorkflowExecutionsCommand, PollForActivityTaskCommand, RespondActivityTaskCompletedCommand, StartWorkflowExecutionCommand } from '@aws-sdk/client-swf';
import type { FrameLocator, Locator } from 'playwright-core';
import { TestDomain } from '../integration/helpers/swf';
import { stepper, UI_WAIT_MS, uiSession, Workbench } from './workbench';

const WORKFLOW_ID = 'order-2001';
const SIGNAL_NAME = 'CustomerCalled';
const SIGNAL_INPUT = '{"note":"wants express shipping"}';
const CHARGE_RESULT = '{"chargeId":"ch_2001","amount":"129.90 EUR"}';
/** Task lists of this scenario only, so no other scenario's task is polled by mistake. */
const CHARGE_LIST = 'ui-panel-payments';
const EMAIL_LIST = 'ui-panel-notifications';

describe('Open Execution (as a person)', () => {
  it('opens a task\'s execution, reads a completed activity\'s result in the details, and presses Signal', async () => {
    const step = stepper('open-execution');
    const workbench = new Workbench();
    const { page, swf, domain } = uiSession();
    const decider = new TestDomain(swf, domain, 'order-decisions');

    await step('another worker completes the charge of a new order; its email is scheduled', async () => {
      await swf.send(new StartWorkflowExecutionCommand({
        domain,
        workflowId: WORKFLOW_ID,
        workflowType: { name: 'OrderWorkflow', version: '1.0' },
        input: '{"orderId":"order-2001","items":[{"sku":"SKU-2001","qty":1}]}',
        tagList: ['customer:cust-9001', 'priority:normal'],
      }));
      await decider.decide(WORKFLOW_ID, [schedule('ChargeCard', 'charge-order-2001', CHARGE_LIST, '{"amount":"129.90 EUR"}')], 20);
      const task = await swf.send(new PollForActivityTaskCommand({ domain, taskList: { name: CHARGE_LIST }, identity: 'worker-2@ip-10-0-0-31' }));
      assert.ok(task.taskToken, 'the charge task was handed out');
      await swf.send(new RespondActivityTaskCompletedCommand({ taskToken: task.taskToken, result: CHARGE_RESULT }));
      await decider.decide(WORKFLOW_ID, [schedule('SendEmail', 'email-order-2001', EMAIL_LIST, 'Your order order-2001 is confirmed.')], 20);
      await workbench.runCommand('SWF: Refresh');
      await workbench.treeRow('email-order-2001').waitFor({ timeout: UI_WAIT_MS });
    });

    await step('right-click the email task: Open Execution', async () => {
      const entries = await workbench.contextMenuOf(workbench.treeRow('email-order-2001'));
      assert.ok(entries.includes('Open Execution'), `menu: ${entries.join(', ')}`);
      assert.ok(entries.includes('Export History'), `menu: ${entries.join(', ')}`);
      await workbench.chooseMenuItem('Open Execution');
      await page.locator('.tab', { hasText: WORKFLOW_ID }).first().waitFor({ timeout: UI_WAIT_MS });
      const view = panelPage(workbench);
      await view.locator('h1', { hasText: 'OrderWorkflow 1.0' }).waitFor({ timeout: UI_WAIT_MS });
      // The charge bar is drawn on its lane's canvas.
      await view.locator('.lane[data-lane="activity:charge-order-2001"] canvas[data-bars="1"]').waitFor({ timeout: UI_WAIT_MS });
      await view.locator('.event-list .event').first().waitFor({ timeout: UI_WAIT_MS });
    });

    await step('click the charge bar: its result shows in the details', async () => {
      const view = panelPage(workbench);
      const bar = await pointAt(workbench, 'activity:charge-order-2001', '.bar');
      assert.match((await bar.getAttribute('class')) ?? '', /outcome-completed/);
      await bar.click();
      const completed = view.locator('.details .event', { hasText: 'ActivityTaskCompleted' });
      await completed.waitFor({ timeout: UI_WAIT_MS });
      assert.match(await completed.innerText(), /"chargeId": "ch_2001"/, 'the result, pretty-printed');
      assert.match(await view.locator('.details').innerText(), /worker-2@ip-10-0-0-31/, 'the identity of the worker that started it');
    });

    await step('the keyboard moves to the email bar, and Enter selects it', async () => {
      const view = panelPage(workbench);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await view.locator('.details .event', { hasText: 'ActivityTaskScheduled' }).filter({ hasText: 'email-order-2001' }).waitFor({ timeout: UI_WAIT_MS });
    });

    await step('in the default dark theme, the panel follows the theme colours', async () => {
      await workbench.runCommand('Preferences: Color Theme');
      await workbench.typeAndEnter('Dark Modern');
      await page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: UI_WAIT_MS });
      const view = panelPage(workbench);
      await view.locator('body.vscode-dark').waitFor({ timeout: UI_WAIT_MS });
      await (await pointAt(workbench, 'activity:charge-order-2001', '.bar')).click();
      await view.locator('.details .event', { hasText: 'ActivityTaskCompleted' }).waitFor({ timeout: UI_WAIT_MS });
    });

    await step('press Signal in the panel, type the signal name and its input', async () => {
      await panelPage(workbench).getByRole('button', { name: /^Signal/ }).click();
      await workbench.typeAndEnter(SIGNAL_NAME);
      await workbench.typeAndEnter(SIGNAL_INPUT);
      await workbench.notification(/\bSignaled \S/);
    });

    await step('SWF recorded the signal, and the panel shows it', async () => {
      const history = await decider.history({ workflowId: WORKFLOW_ID, runId: await runIdOf(decider) });
      const signaled = history.filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === SIGNAL_NAME);
      assert.equal(signaled.length, 1, 'one WorkflowExecutionSignaled');
      assert.equal(signaled[0].workflowExecutionSignaledEventAttributes?.input, SIGNAL_INPUT);
      const view = panelPage(workbench);
      await view.locator('.event-list .event', { hasText: 'WorkflowExecutionSignaled' }).first().waitFor({ timeout: UI_WAIT_MS });
      // The live update drew the signal into the timeline (a delta: the page patched it in, it did not reload).
      await view.locator('.lane[data-lane="signal:"] canvas:not([data-marks="0"])').waitFor({ timeout: UI_WAIT_MS });
      const mark = await pointAt(workbench, 'signal:', `.mark[aria-label*="${SIGNAL_NAME}"]`);
      await mark.click();
      await view.locator('.details .event', { hasText: 'WorkflowExecutionSignaled' }).filter({ hasText: 'wants express shipping' }).waitFor({ timeout: UI_WAIT_MS });
      assert.equal(await view.locator('.lane[data-lane="activity:charge-order-2001"] canvas').getAttribute('data-bars'), '1', 'the charge bar is drawn once, not again beside itself');
    });
  });
});

/** The page inside the panel's webview: VS Code nests it in two iframes. */
function panelPage(workbench: Workbench): FrameLocator {
  return workbench.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

/**
 * The node of a drawn item, as a person's pointer makes it: bars and marks are
 * drawn on their lane's canvas, and the page makes a node (tooltip, click)
 * for the item under the pointer; so the pointer goes along the lane's
 * middle until the item wanted is under it.
 */
async function pointAt(workbench: Workbench, laneKey: string, item: string): Promise<Locator> {
  const lane = panelPage(workbench).locator(`.lane[data-lane="${laneKey}"]`);
  // As a person scrolls the panel to the lane first (the Output panel may cover the editor's lower half).
  await lane.locator('canvas').scrollIntoViewIfNeeded();
  const box = await lane.locator('canvas').boundingBox();
  assert.ok(box, `the lane ${laneKey} is on screen`);
  const node = lane.locator(item);
  for (let x = 2; x < box.width; x += 3) {
    await workbench.page.mouse.move(box.x + x, box.y + box.height / 2);
    if (await node.count()) return node;
  }
  throw new Error(`no ${item} came under the pointer along ${laneKey}`);
}

/** The run of this scenario's workflow, as SWF lists it. */
async function runIdOf(domain: TestDomain): Promise<string> {
  const { executionInfos } = await domain.client.send(
    new ListOpenWorkflowExecutionsCommand({ domain: domain.name, startTimeFilter: { oldestDate: new Date(0) }, executionFilter: { workflowId: WORKFLOW_ID } }),
  );
  const runId = executionInfos?.[0]?.execution?.runId;
  assert.ok(runId, `${WORKFLOW_ID} is open`);
  return runId;
}

function schedule(name: string, activityId: string, taskList: string, input: string) {
  return {
    decisionType: 'ScheduleActivityTask' as const,
    scheduleActivityTaskDecisionAttributes: { activityType: { name, version: '1.0' }, activityId, taskList: { name: taskList }, input },
  };
}
