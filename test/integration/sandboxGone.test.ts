/**
 * What a page reload (or Stop Local Sandbox) leaves of the local sandbox,
 * which runs inside the extension host and keeps everything in memory:
 * - a sandbox root with no sandbox running (as after a reload) offers Start
 *   Local Sandbox, not a failure with Refresh;
 * - a claim made on a sandbox that is gone shows as gone and is not counted
 *   by the status bar, while a live claim on another endpoint still is; a new
 *   sandbox forgets it;
 * - an execution panel of a sandbox execution says in words that it is gone,
 *   with no Retry.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SwfTasksApi } from '../../src/extension';
import { SwfSandbox } from '../../src/sandbox';
import type { RootModel } from '../../src/model/rootModel';
import type { PostedMessage } from '../../src/views/executionPanel';
import { activateExtension, claimFromList, clearRoots, messageRows, refreshAll, watchRoots } from './helpers/extension';
import { TestDomain, testClient } from './helpers/swf';
import { recordMessages, waitFor } from './helpers/ui';

const SANDBOX_ROOT = { domain: 'sample-orders', sandbox: true };

describe('local sandbox: after it ends (stop or reload)', function () {
  this.timeout(60_000);
  let api: SwfTasksApi;
  const other = new SwfSandbox({ port: 0 });
  let otherRoot: { domain: string; region: string; endpoint: string };
  let otherDomain: TestDomain | undefined;

  before(async () => {
    api = await activateExtension();
    await clearRoots(api);
    const { endpoint } = await other.start();
    otherDomain = new TestDomain(testClient(endpoint), 'live-claims');
    const TYPE = { name: 'PackParcel', version: '1' };
    await otherDomain.register([{ ...TYPE, taskList: 'packing' }]);
    await otherDomain.startWithActivities('parcel-9', [{ type: TYPE, activityId: 'pack-parcel-9', taskList: 'packing' }]);
    otherRoot = { domain: 'live-claims', region: 'us-east-1', endpoint };
  });

  after(async () => {
    otherDomain?.client.destroy();
    if (api?.connections.sandboxEndpoint) await vscode.commands.executeCommand('swfTasks.stopSandbox');
    if (api) await clearRoots(api);
    await other.stop();
  });

  const sandboxRoot = (): RootModel => {
    const model = api.roots.roots.find((m) => m.spec.connection.kind === 'sandbox');
    assert.ok(model, 'the sandbox root is watched');
    return model;
  };

  async function startSandbox(): Promise<void> {
    const quiet = recordMessages();
    try {
      await vscode.commands.executeCommand('swfTasks.startSandbox', { sampleDecider: false });
    } finally {
      quiet.dispose();
    }
  }

  async function stopSandbox(): Promise<void> {
    await vscode.commands.executeCommand('swfTasks.stopSandbox');
    await sandboxRoot().whenIdle();
  }

  it('a sandbox root whose sandbox is not running (as after a reload) offers Start Local Sandbox, not a failure', async () => {
    assert.equal(api.connections.sandboxEndpoint, undefined, 'no sandbox runs in this window');
    await watchRoots(api, [SANDBOX_ROOT]);
    const root = api.tasksProvider.getTreeItem({ kind: 'root', rootId: sandboxRoot().id });
    assert.equal(root.description, 'not running', 'the root does not read "failed"');
    assert.equal(root.contextValue, 'sandboxRootStopped', 'its menus offer Start Local Sandbox, not Refresh');
    const rows = await messageRows(api, sandboxRoot().id);
    assert.equal(rows[0]?.label, 'The local SWF sandbox is not running');
    assert.equal(rows[0]?.node.command?.command, 'swfTasks.startSandbox');
    assert.ok(!rows.some((r) => r.contextValue === 'error'), `no error row: ${rows.map((r) => r.label).join(' | ')}`);
  });

  it('after Stop Local Sandbox its claim shows as gone and the status bar counts only live claims; a new sandbox forgets it', async () => {
    await startSandbox();
    await watchRoots(api, [SANDBOX_ROOT, otherRoot]);
    const [sandboxId, otherId] = api.roots.roots.map((m) => m.id);
    const gone = await claimFromList(api, 'payments', sandboxId);
    const live = await claimFromList(api, 'packing', otherId);
    await waitFor(() => /2 claimed/.test(api.claimsStatusBar.item.text), `the status bar counts both claims: ${api.claimsStatusBar.item.text}`);

    await stopSandbox();
    await refreshAll(api);
    await waitFor(() => /^\$\(account\) 1 claimed\b/.test(api.claimsStatusBar.item.text), `the status bar counts only the live claim: "${api.claimsStatusBar.item.text}"`);
    assert.ok(api.claimsStatusBar.visible);
    assert.ok(!api.keeper.tracked.has(gone.taskToken), 'the gone claim is not heartbeated');
    assert.ok(api.keeper.tracked.has(live.taskToken), 'the live claim still is');
    assert.equal(api.tasksProvider.getTreeItem({ kind: 'root', rootId: sandboxId }).description, 'not running');
    const rows = await messageRows(api, sandboxId);
    assert.ok(rows.some((r) => r.label === `${gone.activityId} · gone with its sandbox · ${gone.workflowId}`), `the gone claim is shown as such: ${rows.map((r) => r.label).join(' | ')}`);
    assert.equal(api.treeView.badge?.value, 1, 'the badge counts the live task only');
    assert.ok((await api.claims.all()).some((c) => c.taskToken === live.taskToken), 'the live claim is kept');

    await startSandbox();
    await waitFor(async () => !(await api.claims.all()).some((c) => c.taskToken === gone.taskToken), 'the new sandbox forgot the claim of the earlier one');
    assert.ok((await api.claims.all()).some((c) => c.taskToken === live.taskToken), 'a claim on another endpoint is never dropped for it');
    assert.match(api.claimsStatusBar.item.text, /^\$\(account\) 1 claimed\b/);
  });

  it('an execution panel of a sandbox execution says in words that it is gone, with no Retry', async () => {
    if (!api.connections.sandboxEndpoint) await startSandbox();
    const root = sandboxRoot();
    await root.refresh();
    const execution = root.executions.find((e) => e.workflowId === 'order-1001');
    assert.ok(execution?.runId, 'order-1001 is listed');
    const posted: PostedMessage[] = [];
    const recorder = api.executionPanels.onDidPostMessage((m) => posted.push(m));
    try {
      const panel = await api.executionPanels.show({ kind: 'execution', root: root.spec, workflowId: 'order-1001', runId: execution.runId });
      await waitFor(() => panel.model.isLoaded, 'the panel read the execution');
      await stopSandbox();
      panel.update();
      const notice = await waitFor(() => posted.find((m) => m.panel === panel && m.message.type === 'error')?.message, 'the panel says what happened');
      assert.ok(notice.type === 'error');
      assert.equal(notice.gone, true);
      assert.equal(notice.retry, undefined, 'no Retry that could never succeed');
      assert.match(notice.message, /local SWF sandbox, which is no longer running.*gone/s);
      assert.doesNotMatch(notice.message, /SandboxNotRunning|Error/);
      assert.ok(panel.stopped && panel.endpointGone, 'reads stopped for good');
      await panel.receive({ type: 'retry' });
      assert.ok(panel.stopped, 'a stray retry message does not start reads again');
      panel.webviewPanel.dispose();
    } finally {
      recorder.dispose();
    }
  });
});
