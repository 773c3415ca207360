/**
 * What a person sees when SWF fails, against a sandbox this suite runs itself
 * so it can inject faults and read its call counters:
 * - answering, the service keeps failing (HTTP 503 past the SDK's retries): a
 *   clear message, and Retry offers the typed result again, prefilled;
 * - answering, SWF throttles: the message says so, and nothing was recorded;
 * - answering, IAM denies the call: the message names the action to allow;
 * - refreshing, histories cannot be read: the last known tasks still show,
 *   under a warning row with Retry;
 * - claiming from a list with no task: the long poll ends empty, and says so;
 * - claiming with an over-long identity setting: refused before any call.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SwfTasksApi } from '../../src/extension';
import { SAMPLE_DOMAIN, seedSampleDomain, SwfSandbox } from '../../src/sandbox';
import type { ClaimedTask } from '../../src/claims/claims';
import type { TaskListGroup } from '../../src/inbox/taskGroups';
import { activateExtension, claimFromList, clearRoots, groupNode, messageRows, refreshAll, rootModel, shownTask, shownTasks, watchRoots } from './helpers/extension';
import { eventsOfActivity, scheduledEventIdOf, TestDomain, testClient } from './helpers/swf';
import { answerNextInputBoxes, type InputBoxRecord, type MessageRecorder, recordMessages, resetSettings, setSettings, waitFor } from './helpers/ui';

/** The SDK's standard retry strategy makes 3 attempts. */
const SDK_ATTEMPTS = 3;

describe('when SWF fails (sandbox with injected faults)', function () {
  this.timeout(60_000);
  let sandbox: SwfSandbox;
  let api: SwfTasksApi;
  let domain: TestDomain;
  let messages: MessageRecorder;

  before(async () => {
    sandbox = new SwfSandbox({ port: 0 });
    const { endpoint } = await sandbox.start();
    await seedSampleDomain(sandbox);
    api = await activateExtension();
    await watchRoots(api, [{ domain: SAMPLE_DOMAIN, region: 'us-east-1', endpoint }]);
    domain = new TestDomain(testClient(endpoint), SAMPLE_DOMAIN, 'order-decisions');
  });

  after(async () => {
    domain?.client.destroy();
    if (api) await clearRoots(api);
    await resetSettings();
    await sandbox?.stop();
  });

  beforeEach(() => {
    messages = recordMessages();
    sandbox.configure({ faults: [], throttling: false });
    sandbox.resetStats();
  });

  afterEach(() => messages.dispose());

  async function complete(claim: ClaimedTask, typed: string[]): Promise<readonly InputBoxRecord[]> {
    const row = await shownTask(api, claim.activityId);
    const driver = answerNextInputBoxes(typed);
    try {
      await vscode.commands.executeCommand('swfTasks.completeTask', row.node);
      return await driver.done();
    } finally {
      driver.dispose();
    }
  }

  async function completedEvents(claim: ClaimedTask) {
    const history = await domain.history(claim);
    return eventsOfActivity(history, scheduledEventIdOf(history, claim.activityId), 'ActivityTaskCompleted');
  }

  const respondCalls = (): number => sandbox.stats().operations.RespondActivityTaskCompleted?.calls ?? 0;

  it('keeps the typed result when the service keeps failing, and Retry offers it again', async () => {
    const claim = await claimFromList(api, 'payments');
    sandbox.configure({ faults: [{ kind: 'http503', operation: 'RespondActivityTaskCompleted', times: SDK_ATTEMPTS }] });
    messages.answerWith((m) => (m.severity === 'error' && m.items.includes('Retry') ? 'Retry' : undefined));

    const boxes = await complete(claim, ['payment captured', 'payment captured']);

    const [failure] = messages.of('error');
    assert.ok(failure, 'an error message was shown');
    assert.match(failure.message, /503|unavailable|internal/i);
    assert.deepEqual(failure.items, ['Retry', 'Show Log']);
    assert.equal(boxes.length, 2, 'Retry asked again');
    assert.equal(boxes[1].shownValue, 'payment captured', 'the second box is prefilled with what was typed');
    assert.equal(respondCalls(), SDK_ATTEMPTS + 1, 'three failed attempts by the SDK, then the retry');
    const completed = await completedEvents(claim);
    assert.equal(completed.length, 1);
    assert.equal(completed[0].activityTaskCompletedEventAttributes?.result, 'payment captured');
  });

  it('sends an answer once: a second Complete while the first is in flight only says so, and SWF records one answer', async () => {
    const claim = await claimFromList(api, 'notifications'); // the payments tasks are for the tests around
    // The answer is recorded at once, but its reply comes 1.5 s late: long enough to click again.
    sandbox.configure({ faults: [{ kind: 'slow', operation: 'RespondActivityTaskCompleted', phase: 'after', delayMs: 1_500, times: 1 }] });
    const row = await shownTask(api, claim.activityId);
    const driver = answerNextInputBoxes(['order packed']);
    try {
      const first = vscode.commands.executeCommand<boolean>('swfTasks.completeTask', row.node);
      await waitFor(async () => (await completedEvents(claim)).length === 1, 'the first answer recorded, its reply still on its way');
      const second = await vscode.commands.executeCommand<boolean>('swfTasks.completeTask', row.node);
      assert.equal(second, false, 'the second Complete sent nothing');
      assert.equal(await first, true);
    } finally {
      driver.dispose();
    }
    assert.equal(respondCalls(), 1, 'one RespondActivityTaskCompleted in all');
    assert.ok(messages.of('info').some((m) => /is being sent already/.test(m.message)), 'the second click was told why');
    assert.equal((await completedEvents(claim)).length, 1);
  });

  it('says SWF is throttling once the SDK stops retrying, and records nothing', async () => {
    const claim = await claimFromList(api, 'payments');
    sandbox.configure({ throttling: true, throttleQuotas: { 'RespondActivityTask*': { capacity: 0, refillPerSecond: 0 } } });

    const boxes = await complete(claim, ['refund issued']);

    assert.equal(boxes[0].value, 'refund issued');
    const [failure] = messages.of('error');
    assert.ok(failure, 'an error message was shown');
    assert.match(failure.message, /throttl/i);
    assert.ok(failure.items.includes('Retry'), 'a retry is offered');
    assert.equal(sandbox.stats().operations.RespondActivityTaskCompleted?.throttled, SDK_ATTEMPTS);
    assert.equal((await completedEvents(claim)).length, 0);
    assert.equal((await shownTask(api, claim.activityId)).contextValue, 'claimedActivityTask', 'the task is still claimed');
  });

  it('names the IAM action to allow when the call is not permitted', async () => {
    const claim = await claimFromList(api, 'payments');
    sandbox.configure({ faults: [{ kind: 'notPermitted', operation: 'RespondActivityTaskCompleted' }] });

    await complete(claim, ['address verified']);

    const [failure] = messages.of('error');
    assert.ok(failure, 'an error message was shown');
    assert.match(failure.message, /swf:RespondActivityTaskCompleted/);
    assert.match(failure.message, /polic/i, 'it says a policy must allow it');
    assert.equal(respondCalls(), 1, 'a denial is not retried');
    assert.equal((await completedEvents(claim)).length, 0);
  });

  it('refreshes a root with one listing and one history call per open execution, as before roots', async () => {
    await refreshAll(api);
    const executions = rootModel(api).executions.length;
    // The Executions view reads the same endpoint; its search ends first, so the counts are the refresh's own.
    await waitFor(() => !api.executions.view(rootModel(api).spec).busy, "the Executions view's search to end", 15_000);
    sandbox.resetStats();
    await rootModel(api).refresh();
    const calls = Object.fromEntries(Object.entries(sandbox.stats().operations).map(([operation, stats]) => [operation, stats?.calls ?? 0]));
    console.log(`      one refresh of ${rootModel(api).label}: ${JSON.stringify(calls)} for ${executions} open executions`);
    assert.deepEqual(calls, { ListOpenWorkflowExecutions: 1, GetWorkflowExecutionHistory: executions });
  });

  it('names swf:PollForActivityTask, not a command, when IAM denies Claim Next Task', async () => {
    sandbox.configure({ faults: [{ kind: 'notPermitted', operation: 'PollForActivityTask' }] });
    const claimed = await vscode.commands.executeCommand('swfTasks.claimNextTask', await groupNode(api, 'payments'));
    assert.equal(claimed, undefined);
    const [failure] = messages.of('error');
    assert.ok(failure, `an error message was shown; saw ${JSON.stringify(messages.shown.map((m) => m.message))}`);
    assert.match(failure.message, /^Not permitted: swf:PollForActivityTask\. /);
    assert.match(failure.message, /may not call swf:PollForActivityTask on arn:aws:swf:us-east-1:<account-id>:\/domain\/sample-orders/);
    assert.doesNotMatch(failure.message, /swfTasks\./, 'no command id in the message');
    assert.deepEqual(failure.items, ['Show Log']);
    assert.equal(sandbox.stats().operations.PollForActivityTask?.calls, 1, 'a denial is not retried');
  });

  it('keeps showing the last known tasks when histories cannot be read, under a warning row with Retry', async () => {
    await refreshAll(api);
    const before = (await shownTasks(api)).map((r) => r.activityId).sort();
    const executions = rootModel(api).tree?.groups.flatMap((g) => g.tasks.map((t) => t.task.workflowId)) ?? [];
    sandbox.configure({ faults: [{ kind: 'http500', operation: 'GetWorkflowExecutionHistory' }] });
    await refreshAll(api);

    const warnings = (await messageRows(api)).filter((r) => r.node.severity === 'warning');
    assert.equal(warnings.length, 1, 'one warning row');
    assert.match(warnings[0].label, /^\d+ execution histories could not be read: The endpoint answered HTTP 500/);
    assert.ok(Number(warnings[0].label.split(' ')[0]) >= new Set(executions).size, warnings[0].label);
    assert.equal(warnings[0].node.command?.command, 'swfTasks.refresh');
    assert.deepEqual((await shownTasks(api)).map((r) => r.activityId).sort(), before, 'the last known tasks still show');

    sandbox.configure({ faults: [] });
    await refreshAll(api);
    assert.deepEqual((await messageRows(api)).filter((r) => r.node.severity === 'warning'), [], 'Retry clears it');
    assert.deepEqual((await shownTasks(api)).map((r) => r.activityId).sort(), before);
  });

  it('says so when no task is waiting on the list it polled', async () => {
    sandbox.configure({ maxPollWaitMs: 500 });
    try {
      const emptyList: TaskListGroup = { kind: 'taskList', root: rootModel(api).spec, name: 'nothing-scheduled-here', tasks: [] };
      const claimed = await vscode.commands.executeCommand('swfTasks.claimNextTask', emptyList);
      assert.equal(claimed, undefined);
      const [info] = messages.of('info');
      assert.equal(info?.message, 'No task was waiting on "nothing-scheduled-here".');
      assert.deepEqual(info.items, ['Poll Again']);
      assert.equal(sandbox.stats().operations.PollForActivityTask?.calls, 1);
    } finally {
      sandbox.configure({ maxPollWaitMs: 60_000 });
    }
  });

  it('refuses to poll with an identity over 256 characters, naming the setting, and sends nothing', async () => {
    await setSettings({ identity: 'w'.repeat(257) });
    try {
      const claimed = await vscode.commands.executeCommand('swfTasks.claimNextTask', await groupNode(api, 'payments'));
      assert.equal(claimed, undefined);
      const [refusal] = messages.of('error');
      assert.match(refusal?.message ?? '', /Identity is too long: 257 characters, SWF allows at most 256\. Shorten the setting swfTasks\.identity\./);
      assert.equal(sandbox.stats().operations.PollForActivityTask?.calls ?? 0, 0, 'no poll was sent');
    } finally {
      await setSettings({ identity: '' });
    }
  });
});
