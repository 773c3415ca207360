/**
 * Start Local Sandbox as a newcomer runs it: the samples' decider is on, so
 * completing a sample task leads on. Completing the first payments task
 * (ChargeCard of order-1005) must make the next step's task (ShipOrder of
 * order-1005) appear in the tree by itself, with no Refresh; a failed one
 * is scheduled again.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SwfTasksApi } from '../../src/extension';
import { activateExtension, claimFromList, clearRoots, shownTask, shownTasks } from './helpers/extension';
import { TestDomain, testClient } from './helpers/swf';
import { answerNextInputBoxes, recordMessages, waitFor } from './helpers/ui';

describe('local sandbox: the sample decider', function () {
  this.timeout(60_000);
  let api: SwfTasksApi;
  let sample: TestDomain | undefined;

  before(async () => {
    api = await activateExtension();
    await clearRoots(api);
    const quiet = recordMessages();
    try {
      const endpoint = await vscode.commands.executeCommand<string>('swfTasks.startSandbox');
      sample = new TestDomain(testClient(endpoint ?? ''), 'sample-orders', 'order-decisions');
    } finally {
      quiet.dispose();
    }
  });

  after(async () => {
    sample?.client.destroy();
    if (api?.connections.sandboxEndpoint) await vscode.commands.executeCommand('swfTasks.stopSandbox');
    if (api) await clearRoots(api);
  });

  async function answer(command: 'swfTasks.completeTask' | 'swfTasks.failTask', activityId: string, typed: string[]): Promise<void> {
    const row = await shownTask(api, activityId);
    const driver = answerNextInputBoxes(typed);
    const quiet = recordMessages();
    try {
      assert.equal(await vscode.commands.executeCommand(command, row.node), true, `${command} on ${activityId}`);
      await driver.done();
    } finally {
      driver.dispose();
      quiet.dispose();
    }
  }

  it('completing a sample task makes the next step appear in the tree, without a Refresh', async () => {
    const claim = await claimFromList(api, 'payments');
    assert.equal(claim.activityId, 'charge-order-1005');
    assert.ok(!(await shownTasks(api)).some((r) => r.activityId === 'ship-order-1005'), 'no ShipOrder task before the charge is complete');
    await answer('swfTasks.completeTask', claim.activityId, ['{"chargeId":"ch_1005"}']);
    const ship = await waitFor(async () => (await shownTasks(api)).find((r) => r.activityId === 'ship-order-1005'), 'the ShipOrder task of order-1005 in the tree', 10_000, 200);
    assert.equal(ship.taskList, 'shipping');
    assert.equal(ship.contextValue, 'scheduledActivityTask');
    const history = await sample!.history({ workflowId: claim.workflowId, runId: claim.runId });
    const scheduled = history.filter((e) => e.eventType === 'ActivityTaskScheduled').at(-1);
    assert.deepEqual(JSON.parse(scheduled?.activityTaskScheduledEventAttributes?.input ?? '{}').payment, { chargeId: 'ch_1005' }, 'the payment result went on to shipping');
  });

  it('a failed sample task is scheduled again (one retry), the workflow still open', async () => {
    const first = await claimFromList(api, 'payments');
    assert.equal(first.activityId, 'charge-order-1001');
    await answer('swfTasks.failTask', first.activityId, ['CardDeclined', 'the bank said no']);
    await waitFor(async () => {
      const history = await sample!.history({ workflowId: first.workflowId, runId: first.runId });
      return history.filter((e) => e.eventType === 'ActivityTaskScheduled').length === 2;
    }, 'charge-order-1001 scheduled again');
    const history = await sample!.history({ workflowId: first.workflowId, runId: first.runId });
    assert.equal(history.filter((e) => e.eventType === 'WorkflowExecutionFailed').length, 0, 'one failure: retried, not failed');
  });
});
