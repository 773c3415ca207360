/**
 * Several connections side by side, part two: after the window reload (see
 * suite/index.ts), in a new extension host. The roots come back from the
 * settings and the claim from SecretStorage; the claim is kept alive by the
 * new host and answered through the endpoint that issued it, whose history
 * records the result, while moto's domain of the same name is untouched.
 */
import * as assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import * as vscode from 'vscode';
import type { SwfTasksApi } from '../../src/extension';
import { DRAFT_BEFORE_RELOAD, HEARTBEAT_TIMEOUT, PANEL_WORKFLOW_ID, SHARED_DOMAIN } from './helpers/connectionsFixture';
import { activateExtension, clearRoots, loggedText, refreshAll, shownTask, shownTasks } from './helpers/extension';
import { motoEndpoint, sandboxEndpoint, TestDomain, testClient } from './helpers/swf';
import { answerNextInputBoxes, type MessageRecorder, recordMessages, waitFor } from './helpers/ui';

describe('several connections side by side (after the reload)', function () {
  this.timeout(60_000);
  let api: SwfTasksApi;
  let moto: TestDomain;
  let sandbox: TestDomain;
  let messages: MessageRecorder;
  const idOf = (endpoint: string): string => api.roots.roots.find((m) => m.spec.connection.kind === 'aws' && m.spec.connection.endpoint === endpoint)?.id ?? '';

  before(async () => {
    moto = new TestDomain(testClient(motoEndpoint()), SHARED_DOMAIN);
    sandbox = new TestDomain(testClient(sandboxEndpoint()), SHARED_DOMAIN);
    api = await activateExtension();
    messages = recordMessages();
  });

  after(async () => {
    messages?.dispose();
    moto?.client.destroy();
    sandbox?.client.destroy();
    if (api) await clearRoots(api);
  });

  it('restores both roots and the claim, still bound to the sandbox', async () => {
    await refreshAll(api);
    assert.equal(api.roots.roots.length, 2, `roots after the reload: ${JSON.stringify(api.roots.roots.map((m) => m.label))}`);
    const [claim] = await api.claims.all();
    assert.equal(claim?.activityId, 'review-on-sandbox', `no claim after the reload; the log says:\n${(await loggedText(api)).slice(-2000)}`);
    assert.equal(claim.connection.kind === 'aws' && claim.connection.endpoint, sandboxEndpoint());
    assert.equal((await shownTask(api, 'review-on-sandbox', idOf(sandboxEndpoint()))).contextValue, 'claimedActivityTask');
    assert.equal((await shownTask(api, 'review-on-moto', idOf(motoEndpoint()))).contextValue, 'scheduledActivityTask');
  });

  it('restores the execution panel left open before the reload, through its serializer, and draws the execution again', async () => {
    await waitFor(() => api.executionPanels.all.some((p) => p.target.workflowId === PANEL_WORKFLOW_ID), 'a restored panel', 20_000);
    const panel = api.executionPanels.all.find((p) => p.target.workflowId === PANEL_WORKFLOW_ID);
    assert.equal(panel?.webviewPanel.title, PANEL_WORKFLOW_ID);
    assert.equal(panel?.target.root.connection.kind === 'aws' && panel.target.root.connection.endpoint, sandboxEndpoint(), 'restored on the connection it was opened with');
    await waitFor(() => panel?.firstRenderMs !== undefined, 'the restored page drew the execution', 20_000);
    assert.equal(panel?.model.timeline.header.workflowId, PANEL_WORKFLOW_ID);
    assert.ok(panel?.model.timeline.lanes.size, 'the restored panel has its lanes');
    panel?.webviewPanel.dispose();
  });

  it('keeps the claim alive from the new extension host past its heartbeat timeout', async () => {
    const [claim] = await api.claims.all();
    assert.ok(api.keeper.tracked.has(claim.taskToken), 'the new host heartbeats the restored claim');
    await sleep(Number(HEARTBEAT_TIMEOUT) * 1000 + 1_500);
    const types = (await sandbox.history(claim)).map((e) => e.eventType);
    assert.ok(!types.includes('ActivityTaskTimedOut'), `the claimed task did not time out: ${types.join(', ')}`);
  });

  it('answers the claim through its own endpoint: the sandbox records the result, moto nothing', async () => {
    const [claim] = await api.claims.all();
    const row = await shownTask(api, 'review-on-sandbox', idOf(sandboxEndpoint()));
    const driver = answerNextInputBoxes(['approved after the reload']);
    try {
      assert.equal(await vscode.commands.executeCommand('swfTasks.completeTask', row.node), true);
      const [box] = await driver.done();
      assert.equal(box.shownValue, DRAFT_BEFORE_RELOAD, 'what was typed before the reload is offered again');
    } finally {
      driver.dispose();
    }
    const completed = (await sandbox.history(claim)).filter((e) => e.eventType === 'ActivityTaskCompleted');
    assert.equal(completed.length, 1);
    assert.equal(completed[0].activityTaskCompletedEventAttributes?.result, 'approved after the reload');
    assert.deepEqual(await api.claims.all(), []);

    const motoRows = await shownTasks(api, idOf(motoEndpoint()));
    assert.deepEqual(motoRows.map((r) => `${r.activityId}=${r.contextValue}`), ['review-on-moto=scheduledActivityTask'], 'moto\'s task of the same name is untouched');
  });
});
