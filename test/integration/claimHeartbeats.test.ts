/**
 * Claimed tasks are kept alive by heartbeats, against a sandbox this suite
 * runs itself (its timeouts fire on time): a task with a 2 s heartbeat
 * timeout outlives it while claimed, and a decider's cancel request reaches
 * the person through the next heartbeat, with no refresh asked for.
 */
import * as assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SwfTasksApi } from '../../src/extension';
import { SwfSandbox } from '../../src/sandbox';
import { activateExtension, claimFromList, clearRoots, loggedText, shownTask, watchRoots } from './helpers/extension';
import { TestDomain, testClient } from './helpers/swf';
import { type MessageRecorder, recordMessages, resetSettings, waitFor } from './helpers/ui';

const DOMAIN = 'heartbeat-tests';
const TYPE = { name: 'ReviewRefund', version: '1' };
const TASK_LIST = 'refund-reviews';

describe('claimed tasks are kept alive by heartbeats (sandbox)', function () {
  this.timeout(30_000);
  let sandbox: SwfSandbox;
  let domain: TestDomain;
  let api: SwfTasksApi;
  let messages: MessageRecorder;

  before(async () => {
    sandbox = new SwfSandbox({ port: 0, maxPollWaitMs: 1_000 });
    const { endpoint } = await sandbox.start();
    domain = new TestDomain(testClient(endpoint), DOMAIN);
    await domain.register([{ ...TYPE, taskList: TASK_LIST }]);
    api = await activateExtension();
    await watchRoots(api, [{ domain: DOMAIN, region: 'us-east-1', endpoint }]);
    messages = recordMessages();
  });

  after(async () => {
    messages?.dispose();
    if (api) await clearRoots(api);
    await resetSettings();
    domain?.client.destroy();
    await sandbox?.stop();
  });

  it('keeps a claimed task with a 2 s heartbeat timeout open for 4 s, and passes on a cancel request at once', async () => {
    const execution = await domain.startWithActivities('refund-1', [{ type: TYPE, activityId: 'review-1', taskList: TASK_LIST, heartbeatTimeout: '2' }]);
    const claim = await claimFromList(api, TASK_LIST);
    assert.equal(claim.activityId, 'review-1');

    await sleep(4_000);
    const types = (await domain.history(execution)).map((e) => e.eventType);
    assert.ok(!types.includes('ActivityTaskTimedOut'), `the claimed task did not time out: ${types.join(', ')}\nLog:\n${(await loggedText(api)).slice(-3000)}`);
    assert.ok(types.includes('ActivityTaskStarted'));
    assert.equal(sandbox.stats().operations.RecordActivityTaskHeartbeat?.errors ?? 0, 0);
    assert.ok((sandbox.stats().operations.RecordActivityTaskHeartbeat?.calls ?? 0) >= 3, 'about one beat every 2/3 s');

    await domain.requestCancel(execution.workflowId, 'review-1');
    const notice = await waitFor(() => messages.of('warning').find((m) => /asked to cancel/.test(m.message)), 'the cancel request to be announced', 5_000);
    assert.match(notice.message, /ReviewRefund "review-1" of refund-1/);
    assert.deepEqual(notice.items, ['Cancel Task']);
    await waitFor(async () => (await shownTask(api, 'review-1')).contextValue === 'claimedCancelRequestedActivityTask', 'the row to show the cancel request', 5_000);
  });
});
