/**
 * Several connections side by side, part two: after the window reload (see
 * suite/index.ts), in a new extension host. The roots come back from the
 * settings and the claims (one on each root) from SecretStorage; each claim
 * is heartbeated by the new host and answered through the endpoint that
 * issued it, whose history records the result, while the other endpoint's
 * domain of the same name is untouched.
 */
import * as assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import * as vscode from 'vscode';
import type { SwfTasksApi } from '../../src/extension';
import { DRAFT_BEFORE_RELOAD, HEARTBEAT_TIMEOUT, IN_HOST_SANDBOX_CLAIM, IN_HOST_SANDBOX_WORKFLOW, PANEL_WORKFLOW_ID, SHARED_DOMAIN } from './helpers/connectionsFixture';
import { activateExtension, clearRoots, loggedText, messageRows, refreshAll, shownTask, shownTasks } from './helpers/extension';
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

  const claimOf = async (activityId: string) => {
    const claim = (await api.claims.all()).find((c) => c.activityId === activityId);
    assert.ok(claim, `no claim of ${activityId} after the reload; the log says:\n${(await loggedText(api)).slice(-2000)}`);
    return claim;
  };

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

  it('the in-host sandbox ended with the old host: its root offers Start, its claim is gone and not counted, its panel says so in words', async () => {
    await refreshAll(api);
    assert.equal(api.connections.sandboxEndpoint, undefined, 'no sandbox runs in the new host');
    const inHost = api.roots.roots.find((m) => m.spec.connection.kind === 'sandbox');
    assert.ok(inHost, 'the sandbox root came back from the settings');
    const root = api.tasksProvider.getTreeItem({ kind: 'root', rootId: inHost.id });
    assert.equal(root.description, 'not running', 'not "failed"');
    assert.equal(root.contextValue, 'sandboxRootStopped', 'Start Local Sandbox on its row, not Refresh');
    const rows = await messageRows(api, inHost.id);
    assert.equal(rows[0]?.node.command?.command, 'swfTasks.startSandbox');
    assert.ok(rows.some((r) => r.label === `${IN_HOST_SANDBOX_CLAIM} · gone with its sandbox · ${IN_HOST_SANDBOX_WORKFLOW}`), `the gone claim is shown as such: ${rows.map((r) => r.label).join(' | ')}`);
    const gone = await claimOf(IN_HOST_SANDBOX_CLAIM);
    assert.ok(!api.keeper.tracked.has(gone.taskToken), 'nobody heartbeats a gone claim');
    await waitFor(() => /^\$\(account\) 2 claimed\b/.test(api.claimsStatusBar.item.text), `the status bar counts the two live claims only: "${api.claimsStatusBar.item.text}"`);

    // VS Code restores a panel in a background tab only when it is shown: show it, as a person clicking its tab would.
    const tabs = vscode.window.tabGroups.activeTabGroup.tabs;
    const index = tabs.findIndex((tab) => tab.input instanceof vscode.TabInputWebview && tab.label === IN_HOST_SANDBOX_WORKFLOW);
    assert.ok(index >= 0, `the sandbox execution's panel is among the tabs: ${tabs.map((t) => t.label).join(', ')}`);
    await vscode.commands.executeCommand('workbench.action.openEditorAtIndex', index);
    await waitFor(() => api.executionPanels.all.some((p) => p.target.workflowId === IN_HOST_SANDBOX_WORKFLOW && p.endpointGone), 'the sandbox execution\'s restored panel, gone', 20_000);
    const panel = api.executionPanels.all.find((p) => p.target.workflowId === IN_HOST_SANDBOX_WORKFLOW);
    assert.ok(panel?.stopped, 'it reads no more');
    panel?.webviewPanel.dispose();

    // Leave the rest of the suite the two roots and claims it checks: a new sandbox forgets the gone claim.
    await vscode.commands.executeCommand('swfTasks.startSandbox', { sampleDecider: false });
    await waitFor(async () => !(await api.claims.all()).some((c) => c.activityId === IN_HOST_SANDBOX_CLAIM), 'Start Local Sandbox forgot the claim of the ended sandbox');
    await vscode.commands.executeCommand('swfTasks.stopSandbox');
    const config = vscode.workspace.getConfiguration('swfTasks');
    const stored = config.get<{ sandbox?: boolean }[]>('roots') ?? [];
    await config.update('roots', stored.filter((r) => r.sandbox !== true), vscode.ConfigurationTarget.Global);
    await waitFor(() => api.roots.roots.every((m) => m.spec.connection.kind === 'aws'), 'the sandbox root removed');
  });

  it('restores both roots and both claims, each still bound to its own endpoint', async () => {
    await refreshAll(api);
    assert.equal(api.roots.roots.length, 2, `roots after the reload: ${JSON.stringify(api.roots.roots.map((m) => m.label))}`);
    assert.equal((await api.claims.all()).length, 2);
    const onSandbox = await claimOf('review-on-sandbox');
    const onMoto = await claimOf('review-on-moto');
    assert.equal(onSandbox.connection.kind === 'aws' && onSandbox.connection.endpoint, sandboxEndpoint());
    assert.equal(onMoto.connection.kind === 'aws' && onMoto.connection.endpoint, motoEndpoint());
    assert.equal((await shownTask(api, 'review-on-sandbox', idOf(sandboxEndpoint()))).contextValue, 'claimedActivityTask');
    assert.equal((await shownTask(api, 'review-on-moto', idOf(motoEndpoint()))).contextValue, 'claimedActivityTask');
  });

  it('heartbeats both restored claims from the new host at once, and keeps the sandbox one alive past its heartbeat timeout', async () => {
    for (const activityId of ['review-on-sandbox', 'review-on-moto']) {
      const restored = await claimOf(activityId);
      assert.ok(api.keeper.tracked.has(restored.taskToken), `the new host keeps ${activityId} alive`);
      await waitFor(() => api.keeper.lastBeatAt(restored.taskToken), `a heartbeat of ${activityId} from the new host`);
    }
    const claim = await claimOf('review-on-sandbox');
    await sleep(Number(HEARTBEAT_TIMEOUT) * 1000 + 1_500);
    const types = (await sandbox.history(claim)).map((e) => e.eventType);
    assert.ok(!types.includes('ActivityTaskTimedOut'), `the claimed task did not time out: ${types.join(', ')}`);
  });

  it('answers the sandbox claim through its own endpoint: the sandbox records the result, moto nothing', async () => {
    const claim = await claimOf('review-on-sandbox');
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
    assert.deepEqual((await api.claims.all()).map((c) => c.activityId), ['review-on-moto']);

    const motoRows = await shownTasks(api, idOf(motoEndpoint()));
    assert.deepEqual(motoRows.map((r) => `${r.activityId}=${r.contextValue}`), ['review-on-moto=claimedActivityTask'], 'moto\'s task of the same name is untouched');
  });

  it('answers the moto claim through moto: its history records the result', async () => {
    const claim = await claimOf('review-on-moto');
    const row = await shownTask(api, 'review-on-moto', idOf(motoEndpoint()));
    const driver = answerNextInputBoxes(['moto claim answered after the reload']);
    try {
      assert.equal(await vscode.commands.executeCommand('swfTasks.completeTask', row.node), true);
      await driver.done();
    } finally {
      driver.dispose();
    }
    const completed = (await moto.history(claim)).filter((e) => e.eventType === 'ActivityTaskCompleted');
    assert.deepEqual(completed.map((e) => e.activityTaskCompletedEventAttributes?.result), ['moto claim answered after the reload']);
    assert.deepEqual(await api.claims.all(), []);
  });
});
