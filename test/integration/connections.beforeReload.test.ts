/**
 * Several connections side by side, and a claim that is never lost (part one,
 * before the window reload; connections.afterReload.test.ts goes on after it).
 *
 * Two roots watch a domain of the same name on two endpoints: moto and the
 * standalone sandbox. A task claimed on the sandbox root stays claimed, and
 * bound to the sandbox, while both roots refresh, while the other root is
 * removed and added again, and while its own root is removed (keeping the
 * claim) and added again. A refresh of one root reads only its own endpoint,
 * one ListOpenWorkflowExecutions and one history call per open execution.
 * Last, a task is claimed on the moto root too, so the reload finds a claim
 * on each root; and the in-host local sandbox is started, with a claim and a
 * panel there, which the reload ends. Runs last before the reload: later
 * suites would clear the claims.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { connectionId, rootId } from '../../src/connection/connection';
import type { SwfTasksApi } from '../../src/extension';
import type { ClaimedTask } from '../../src/claims/claims';
import type { ExecutionTarget } from '../../src/inbox/taskGroups';
import { DRAFT_BEFORE_RELOAD, HEARTBEAT_TIMEOUT, IN_HOST_SANDBOX_CLAIM, IN_HOST_SANDBOX_WORKFLOW, PANEL_WORKFLOW_ID, SHARED_DOMAIN, TASK_LIST, TYPE } from './helpers/connectionsFixture';
import { activateExtension, claimFromList, rootModel, shownTask, shownTasks, unwatchedClaims, watchRoots } from './helpers/extension';
import { motoEndpoint, resetMoto, sandboxEndpoint, TestDomain, testClient } from './helpers/swf';
import { answerNextInputBoxes, type MessageRecorder, recordMessages, waitFor } from './helpers/ui';


describe('several connections side by side (before the reload)', function () {
  this.timeout(60_000);
  let api: SwfTasksApi;
  let moto: TestDomain;
  let sandbox: TestDomain;
  let messages: MessageRecorder;
  let claim: ClaimedTask;
  const motoRoot = () => ({ domain: SHARED_DOMAIN, region: 'us-east-1', endpoint: motoEndpoint() });
  const sandboxRoot = () => ({ domain: SHARED_DOMAIN, region: 'us-east-1', endpoint: sandboxEndpoint() });
  const idOf = (endpoint: string): string => api.roots.roots.find((m) => m.spec.connection.kind === 'aws' && m.spec.connection.endpoint === endpoint)?.id ?? '';

  before(async () => {
    await resetMoto(motoEndpoint());
    moto = new TestDomain(testClient(motoEndpoint()), SHARED_DOMAIN);
    sandbox = new TestDomain(testClient(sandboxEndpoint()), SHARED_DOMAIN);
    for (const peer of [moto, sandbox]) await peer.register([{ ...TYPE, taskList: TASK_LIST }]);
    await moto.startWithActivities('order-on-moto', [{ type: TYPE, activityId: 'review-on-moto', taskList: TASK_LIST }]);
    await sandbox.startWithActivities(PANEL_WORKFLOW_ID, [{ type: TYPE, activityId: 'review-on-sandbox', taskList: TASK_LIST, heartbeatTimeout: HEARTBEAT_TIMEOUT }]);
    api = await activateExtension();
    await watchRoots(api, [motoRoot(), sandboxRoot()]);
  });

  beforeEach(() => {
    messages = recordMessages();
  });

  afterEach(() => messages.dispose());

  after(() => {
    moto?.client.destroy();
    sandbox?.client.destroy();
  });

  it('shows each root with its own tasks, titled with the domain and the connection', async () => {
    const motoHost = new URL(motoEndpoint()).host;
    const sandboxHost = new URL(sandboxEndpoint()).host;
    assert.deepEqual(api.roots.roots.map((m) => m.label), [
      `${SHARED_DOMAIN} · local (us-east-1) · ${motoHost}`,
      `${SHARED_DOMAIN} · local (us-east-1) · ${sandboxHost}`,
    ]);
    assert.deepEqual((await shownTasks(api, idOf(motoEndpoint()))).map((r) => r.activityId), ['review-on-moto']);
    assert.deepEqual((await shownTasks(api, idOf(sandboxEndpoint()))).map((r) => r.activityId), ['review-on-sandbox']);
  });

  it('claims on the sandbox root: the claim records the sandbox connection', async () => {
    claim = await claimFromList(api, TASK_LIST, idOf(sandboxEndpoint()));
    assert.equal(claim.activityId, 'review-on-sandbox');
    assert.equal(claim.domain, SHARED_DOMAIN);
    assert.equal(connectionId(claim.connection), connectionId(rootModel(api, idOf(sandboxEndpoint())).spec.connection));
    assert.equal((await shownTask(api, 'review-on-sandbox', idOf(sandboxEndpoint()))).contextValue, 'claimedActivityTask');
    assert.equal((await shownTask(api, 'review-on-moto', idOf(motoEndpoint()))).contextValue, 'scheduledActivityTask', 'the same domain name on moto is another domain');
  });

  it('refreshes each root through its own endpoint only, one history call per open execution, and keeps the claim', async () => {
    // The Executions view reads each root's executions through the same connection; let its first search end
    // first, so the counts below are the refresh's own.
    for (const endpoint of [motoEndpoint(), sandboxEndpoint()]) {
      const { spec } = rootModel(api, idOf(endpoint));
      await waitFor(() => !api.executions.view(spec).busy, `the Executions view's search of ${spec.domain} to end`, 15_000);
    }
    for (const endpoint of [motoEndpoint(), sandboxEndpoint()]) {
      const model = rootModel(api, idOf(endpoint));
      const own = await api.connections.gateway(model.spec.connection);
      const other = await api.connections.gateway(rootModel(api, idOf(endpoint === motoEndpoint() ? sandboxEndpoint() : motoEndpoint())).spec.connection);
      const [ownBefore, otherBefore] = [own.callCounts(), other.callCounts()];
      await model.refresh();
      const delta = diff(ownBefore, own.callCounts());
      console.log(`      refresh of ${model.label}: ${JSON.stringify(delta)}`);
      assert.deepEqual(delta, { ListOpenWorkflowExecutions: 1, GetWorkflowExecutionHistory: 1 });
      assert.deepEqual(diff(otherBefore, other.callCounts()), {}, 'the other root\'s endpoint was not called');
    }
    assert.deepEqual((await api.claims.all()).map((c) => c.taskToken), [claim.taskToken]);
    assert.equal((await shownTask(api, 'review-on-sandbox', idOf(sandboxEndpoint()))).contextValue, 'claimedActivityTask');
  });

  it('keeps the claim while the other root is removed and added again', async () => {
    await vscode.commands.executeCommand('swfTasks.removeRoot', { kind: 'root', rootId: idOf(motoEndpoint()) });
    assert.equal(api.roots.roots.length, 1);
    assert.deepEqual(messages.shown, [], 'no claims on moto: removing its root asks nothing');
    await vscode.commands.executeCommand('swfTasks.addRoot', motoRoot());
    assert.deepEqual(api.roots.roots.map((m) => m.id), [idOf(sandboxEndpoint()), idOf(motoEndpoint())], 'the re-added root comes last');
    assert.deepEqual((await api.claims.all()).map((c) => c.taskToken), [claim.taskToken]);
    assert.equal((await shownTask(api, 'review-on-moto', idOf(motoEndpoint()))).contextValue, 'scheduledActivityTask');
  });

  it('asks before removing the root that holds the claim, keeps the claim (shown apart and kept alive), and shows it again when re-added', async () => {
    messages.answerWith((m) => (m.modal ? 'Remove, Keep Claims' : undefined));
    const removed = await vscode.commands.executeCommand('swfTasks.removeRoot', { kind: 'root', rootId: idOf(sandboxEndpoint()) });
    assert.equal(removed, true);
    const [question] = messages.shown;
    assert.ok(question?.modal, 'a modal question');
    assert.match(question.message, /You hold 1 claimed task\(s\) in shared-orders · local/);
    assert.deepEqual(question.items, ['Remove, Keep Claims', 'Remove and Forget Claims']);

    assert.deepEqual((await unwatchedClaims(api)).map((r) => r.activityId), ['review-on-sandbox']);
    assert.ok(api.keeper.tracked.has(claim.taskToken), 'the claim is still heartbeated with no root watching it');
    assert.equal(api.treeView.badge?.value, 2, 'the moto task and the kept claim');

    await vscode.commands.executeCommand('swfTasks.addRoot', sandboxRoot());
    assert.deepEqual(await unwatchedClaims(api), []);
    assert.equal((await shownTask(api, 'review-on-sandbox', idOf(sandboxEndpoint()))).contextValue, 'claimedActivityTask');
    assert.equal(api.roots.get(rootId({ domain: SHARED_DOMAIN, connection: claim.connection }))?.id, idOf(sandboxEndpoint()));
  });

  it('keeps what was typed into a Complete prompt the person backed out of (the after-reload suite finds it prefilled)', async () => {
    const row = await shownTask(api, 'review-on-sandbox', idOf(sandboxEndpoint()));
    const driver = answerNextInputBoxes([{ typeThenEscape: DRAFT_BEFORE_RELOAD }]);
    try {
      assert.equal(await vscode.commands.executeCommand('swfTasks.completeTask', row.node), false, 'backing out sends nothing');
      const [box] = await driver.done();
      assert.equal(box.closed && !box.accepted, true);
    } finally {
      driver.dispose();
    }
    assert.ok(!(await sandbox.history(claim)).some((e) => e.eventType === 'ActivityTaskCompleted'));
  });

  it('claims on the moto root too: each root holds a claim bound to its own connection', async () => {
    const motoClaim = await claimFromList(api, TASK_LIST, idOf(motoEndpoint()));
    assert.equal(motoClaim.activityId, 'review-on-moto');
    assert.equal(connectionId(motoClaim.connection), connectionId(rootModel(api, idOf(motoEndpoint())).spec.connection));
    assert.deepEqual((await api.claims.all()).map((c) => c.activityId).sort(), ['review-on-moto', 'review-on-sandbox']);
    assert.equal((await shownTask(api, 'review-on-sandbox', idOf(sandboxEndpoint()))).contextValue, 'claimedActivityTask');
  });

  it('starts the in-host local sandbox, claims a task and opens an execution there: the reload ends that sandbox (the after-reload suite finds them gone)', async () => {
    const quiet = recordMessages();
    try {
      await vscode.commands.executeCommand('swfTasks.startSandbox', { sampleDecider: false });
    } finally {
      quiet.dispose();
    }
    const inHost = api.roots.roots.find((m) => m.spec.connection.kind === 'sandbox');
    assert.ok(inHost, 'Start Local Sandbox watches its sample domain');
    const gone = await claimFromList(api, 'payments', inHost.id);
    assert.equal(gone.activityId, IN_HOST_SANDBOX_CLAIM);
    await waitFor(() => /^\$\(account\) 3 claimed\b/.test(api.claimsStatusBar.item.text), `three live claims: ${api.claimsStatusBar.item.text}`);
    const target = await vscode.commands.executeCommand<ExecutionTarget>('swfTasks.openExecution', (await shownTask(api, gone.activityId, inHost.id)).node);
    assert.equal(target?.workflowId, IN_HOST_SANDBOX_WORKFLOW);
    await waitFor(() => target && api.executionPanels.get(target)?.firstRenderMs !== undefined, 'the page drew the sandbox execution', 20_000);
  });

  it('leaves the claimed task\'s execution open in a panel (the after-reload suite finds it restored by the serializer)', async () => {
    const row = await shownTask(api, 'review-on-sandbox', idOf(sandboxEndpoint()));
    const target = await vscode.commands.executeCommand<ExecutionTarget>('swfTasks.openExecution', row.node);
    assert.equal(target?.workflowId, PANEL_WORKFLOW_ID);
    const panel = api.executionPanels.get(target);
    await waitFor(() => panel?.firstRenderMs !== undefined, 'the page drew the execution', 20_000);
    assert.ok(panel?.webviewPanel.active, 'the panel is the active editor, so the reloaded window shows it at once');
  });
});

function diff(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const changed: Record<string, number> = {};
  for (const [operation, count] of Object.entries(after)) if (count !== (before[operation] ?? 0)) changed[operation] = count - (before[operation] ?? 0);
  return changed;
}
