/**
 * The local SWF sandbox and the cancel path, which moto cannot serve
 * (no RespondActivityTaskCanceled, no cancelRequested on heartbeats):
 * - Start Local Sandbox: the sample domain shows tasks in every state; a
 *   decider's cancel request reaches a claimed row; Cancel Task answers it
 *   (ActivityTaskCanceled in the history); Stop Local Sandbox.
 * - A sandbox this test runs itself (so its call counters can be read):
 *   cancelling a task nobody asked to cancel asks first, and declining sends nothing.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SwfTasksApi } from '../../src/extension';
import { SwfSandbox } from '../../src/sandbox';
import type { ClaimedTask } from '../../src/claims/claims';
import { activateExtension, claimFromList, clearRoots, loggedText, messageRows, refreshAll, rootModel, shownTask, shownTasks, watchRoots } from './helpers/extension';
import { eventsOfActivity, scheduledEventIdOf, TestDomain, testClient } from './helpers/swf';
import { answerConfirmations, answerNextInputBoxes, recordMessages, resetSettings, type InputBoxRecord, type MessageRecorder } from './helpers/ui';

const SAMPLE_DOMAIN = 'sample-orders';
const SAMPLE_DECISION_TASK_LIST = 'order-decisions';

describe('local sandbox and cancelling tasks', function () {
  this.timeout(30_000);
  let api: SwfTasksApi;
  let messages: MessageRecorder;

  before(async () => {
    api = await activateExtension();
  });

  beforeEach(() => {
    messages = recordMessages();
  });

  afterEach(() => {
    messages.dispose();
  });

  /**
   * Runs Cancel Task on the claimed row of `claim`, answering a confirmation
   * with `confirm` and the details box if one is shown.
   */
  async function cancelTask(claim: ClaimedTask, details: string[], confirm: 'act' | 'keep' = 'keep'): Promise<{ sent: unknown; boxes: readonly InputBoxRecord[]; questions: readonly vscode.QuickPickItem[][] }> {
    const row = await shownTask(api, claim.activityId);
    const driver = answerNextInputBoxes(details);
    const confirmations = answerConfirmations(confirm);
    try {
      const sent = await vscode.commands.executeCommand('swfTasks.cancelTask', row.node);
      return { sent, boxes: details.length ? await driver.done() : driver.boxes, questions: confirmations.offered };
    } finally {
      driver.dispose();
      confirmations.dispose();
    }
  }

  async function eventsOf(domain: TestDomain, claim: ClaimedTask, type: string) {
    const history = await domain.history(claim);
    return eventsOfActivity(history, scheduledEventIdOf(history, claim.activityId), type);
  }

  describe('Start Local Sandbox', () => {
    let sample: TestDomain | undefined;

    before(async () => {
      await clearRoots(api);
      const quiet = recordMessages();
      let endpoint: string | undefined;
      try {
        // This suite acts as the samples' decider itself (requestCancel): the built-in one stays off.
        endpoint = await vscode.commands.executeCommand<string>('swfTasks.startSandbox', { sampleDecider: false });
        assert.match(endpoint ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
      } finally {
        quiet.dispose();
      }
      sample = new TestDomain(testClient(endpoint ?? ''), SAMPLE_DOMAIN, SAMPLE_DECISION_TASK_LIST);
      await refreshAll(api);
    });

    after(async () => {
      sample?.client.destroy();
      if (api?.connections.sandboxEndpoint) await vscode.commands.executeCommand('swfTasks.stopSandbox');
      if (api) await clearRoots(api);
    });

    it('watches the sample domain as a root like any other and lists its tasks in every state', async () => {
      assert.deepEqual(api.roots.roots.map((m) => m.label), [`${SAMPLE_DOMAIN} · local sandbox`]);
      assert.equal(rootModel(api).spec.connection.kind, 'sandbox');
      const rows = await shownTasks(api);
      const states = new Set(rows.map((r) => r.contextValue));
      for (const state of ['scheduledActivityTask', 'startedActivityTask', 'startedCancelRequestedActivityTask']) {
        assert.ok(states.has(state), `some row is ${state}; rows: ${rows.map((r) => `${r.activityId}=${r.contextValue}`).join(', ')}`);
      }
      assert.deepEqual([...new Set(rows.map((r) => r.taskList))].sort(), ['notifications', 'payments', 'shipping']);

      const cancelRequested = await shownTask(api, 'ship-order-1004');
      assert.equal(cancelRequested.contextValue, 'startedCancelRequestedActivityTask');
      assert.match(cancelRequested.description, /started .* by worker-3@ip-10-0-1-44, cancel requested/);
      assert.equal((await shownTask(api, 'charge-order-1003')).contextValue, 'startedActivityTask');
      assert.equal((await shownTask(api, 'charge-order-1001')).contextValue, 'scheduledActivityTask');
      assert.match((await shownTask(api, 'charge-order-1005')).tooltip, /Attempt: 2/, 'a rescheduled activity says it is a retry');
      assert.ok(!rows.some((r) => r.activityId === 'charge-order-0997'), 'a completed task is not listed');
      assert.equal(api.treeView.badge?.value, rows.length);
    });

    it('shows a decider cancel request on a claimed task, and Cancel Task answers it', async () => {
      const claim = await claimFromList(api, 'notifications');
      assert.equal((await shownTask(api, claim.activityId)).contextValue, 'claimedActivityTask');

      await sample!.requestCancel(claim.workflowId, claim.activityId);
      await refreshAll(api);
      const row = await shownTask(api, claim.activityId);
      assert.equal(row.contextValue, 'claimedCancelRequestedActivityTask');
      assert.match(row.description, /claimed by you .*cancel requested/);

      const { sent, boxes } = await cancelTask(claim, ['customer withdrew the order']);
      assert.equal(sent, true);
      assert.equal(boxes.length, 1);
      assert.deepEqual(messages.of('warning'), [], 'a requested cancellation needs no confirmation');

      const canceled = await eventsOf(sample!, claim, 'ActivityTaskCanceled');
      assert.equal(canceled.length, 1, 'ActivityTaskCanceled is in the history');
      assert.equal(canceled[0].activityTaskCanceledEventAttributes?.details, 'customer withdrew the order');
      assert.ok(!(await shownTasks(api)).some((r) => r.activityId === claim.activityId), 'the canceled task left the tree');
      const log = await loggedText(api);
      assert.match(log, new RegExp(`#${canceled[0].eventId}\\s+\\S+\\s+ActivityTaskCanceled\\s+.*details="customer withdrew the order"`), 'the output channel shows the event');
    });

    it('Stop Local Sandbox closes the endpoint; the root stays and offers to start it again', async () => {
      const endpoint = api.connections.sandboxEndpoint;
      await vscode.commands.executeCommand('swfTasks.stopSandbox');
      assert.equal(api.connections.sandboxEndpoint, undefined);
      await assert.rejects(sample!.history({ workflowId: 'order-1001', runId: 'x' }), (error: NodeJS.ErrnoException) => {
        assert.equal(error.code, 'ECONNREFUSED', `the sandbox at ${endpoint} no longer answers: ${String(error)}`);
        return true;
      });
      await refreshAll(api);
      const [row] = await messageRows(api);
      assert.equal(row?.label, 'The local SWF sandbox is not running');
      assert.equal(row?.node.command?.command, 'swfTasks.startSandbox');
    });
  });

  describe('cancelling a task whose cancellation was not requested (own sandbox)', () => {
    const sandbox = new SwfSandbox({ port: 0 });
    let domain: TestDomain;
    const TYPE = { name: 'PackParcel', version: '1' };

    before(async () => {
      const { endpoint } = await sandbox.start();
      domain = new TestDomain(testClient(endpoint), 'cancel-tests');
      await domain.register([{ ...TYPE, taskList: 'packing' }]);
      await domain.startWithActivities('parcel-1', [{ type: TYPE, activityId: 'pack-parcel-1', taskList: 'packing', input: '{"parcel":1}' }]);
      await watchRoots(api, [{ domain: 'cancel-tests', region: 'us-east-1', endpoint }]);
    });

    after(async () => {
      domain?.client.destroy();
      await sandbox.stop();
      await resetSettings();
      await clearRoots(api);
    });

    it('asks first, and declining sends nothing', async () => {
      const claim = await claimFromList(api, 'packing');
      sandbox.resetStats();
      const declined = await cancelTask(claim, []);
      assert.equal(declined.sent, false);

      assert.equal(declined.questions.length, 1, 'one question');
      const [keep, act] = declined.questions[0];
      // The first entry, the one Enter takes, keeps the task; the action names it, unlike a dialog's "Cancel" beside "Cancel Task".
      assert.equal(keep.label, '$(arrow-left) Keep the task: do not cancel it');
      assert.equal(act.label, `$(warning) Cancel ${claim.activityId} anyway`);
      assert.match(act.detail ?? '', /RespondActivityTaskCanceled/);
      assert.equal(messages.shown.filter((m) => m.modal).length, 0, 'no modal dialog (it would focus Cancel Task)');
      assert.equal(declined.boxes.length, 0, 'no details were asked for');

      const calls = sandbox.stats().operations;
      assert.equal(calls.RecordActivityTaskHeartbeat?.calls, 1, 'a heartbeat asked whether cancellation was requested');
      assert.equal(calls.RespondActivityTaskCanceled, undefined, 'RespondActivityTaskCanceled was not called');
      assert.deepEqual(await eventsOf(domain, claim, 'ActivityTaskCanceled'), []);
      assert.equal((await shownTask(api, claim.activityId)).contextValue, 'claimedActivityTask', 'still claimed');

      // Confirming goes through: the question is the only thing that stopped it.
      const confirmed = await cancelTask(claim, ['packer called in sick'], 'act');
      assert.equal(confirmed.sent, true);
      const canceled = await eventsOf(domain, claim, 'ActivityTaskCanceled');
      assert.deepEqual(canceled.map((e) => e.activityTaskCanceledEventAttributes?.details), ['packer called in sick']);
      assert.equal(sandbox.stats().operations.RespondActivityTaskCanceled?.calls, 1);
    });
  });
});
