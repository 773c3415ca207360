/**
 * The fault matrix: a root refreshing against a sandbox that injects one
 * fault at a time, while a claimed task is held. For every fault the tree
 * keeps its last good rows under a warning row that names the failure and
 * offers Retry (or, with no good rows yet, shows an error row), no
 * notification is raised by a background refresh, the claim is kept, and
 * Retry works once the fault is gone. Last, the sandbox stops while the
 * claim is held: the claim survives the failed read (only UnknownResourceFault
 * from its own endpoint drops a claim).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SwfTasksApi } from '../../src/extension';
import { SAMPLE_DOMAIN, seedSampleDomain, SwfSandbox, type SandboxOptions } from '../../src/sandbox';
import type { ClaimedTask } from '../../src/claims/claims';
import { activateExtension, claimFromList, clearRoots, groupNode, messageRows, rootModel, shownTask, shownTasks, watchRoots } from './helpers/extension';
import { TestDomain, testClient } from './helpers/swf';
import { answerNextInputBoxes, type MessageRecorder, recordMessages, resetSettings, setSettings } from './helpers/ui';

interface FaultCase {
  name: string;
  knobs: Partial<Omit<SandboxOptions, 'port' | 'host' | 'clock'>>;
  /** What the warning row's label or tooltip must say. */
  says: RegExp;
}

/** Every fault hits the listing, so the whole refresh fails (history faults have their own row: swfFailures.test.ts). */
const LIST = 'ListOpenWorkflowExecutions';
const CASES: readonly FaultCase[] = [
  { name: 'a throttling burst', knobs: { throttling: true, throttleQuotas: { [LIST]: { capacity: 0, refillPerSecond: 0 } } }, says: /throttling/i },
  { name: 'HTTP 500', knobs: { faults: [{ kind: 'http500', operation: LIST }] }, says: /HTTP 500/ },
  { name: 'HTTP 503', knobs: { faults: [{ kind: 'http503', operation: LIST }] }, says: /HTTP 503/ },
  { name: 'connection resets', knobs: { faults: [{ kind: 'reset', operation: LIST }] }, says: /connection reset|socket hang up/i },
  { name: 'a malformed body', knobs: { faults: [{ kind: 'malformed', operation: LIST }] }, says: /swf:ListOpenWorkflowExecutions/ },
  { name: 'credentials that expire mid-session', knobs: { faults: [{ kind: 'expiredToken', operation: LIST }] }, says: /credentials have expired/ },
  { name: 'answers slower than the request timeout', knobs: { faults: [{ kind: 'slow', operation: LIST, delayMs: 5_000 }] }, says: /timed out/i },
  { name: 'an IAM denial', knobs: { faults: [{ kind: 'notPermitted', operation: LIST }] }, says: /Not permitted: swf:ListOpenWorkflowExecutions/ },
  // Pages of 2: the listing needs several; every page token is refused, also on the listing's one fresh start.
  { name: 'an expired nextPageToken mid-listing', knobs: { pageSize: 2, faults: [{ kind: 'expiredPageToken', operation: LIST }] }, says: /A page token expired mid-listing.*swf:ListOpenWorkflowExecutions/s },
];

describe('fault matrix: refreshing through injected faults while a claim is held', function () {
  this.timeout(90_000);
  let sandbox: SwfSandbox;
  let api: SwfTasksApi;
  let claim: ClaimedTask;
  let messages: MessageRecorder;
  let tasksBefore: number;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown): void => void rejections.push(reason);
  const clearFaults = () => sandbox.configure({ faults: [], throttling: false, pageSize: 100 });

  before(async () => {
    process.on('unhandledRejection', onRejection);
    // One attempt of 1 s: a slow answer fails in seconds, not after the default 3 x 30 s.
    await setSettings({ requestTimeoutSeconds: 1 });
    sandbox = new SwfSandbox({ port: 0 });
    const { endpoint } = await sandbox.start();
    await seedSampleDomain(sandbox);
    api = await activateExtension();
    await watchRoots(api, [{ domain: SAMPLE_DOMAIN, region: 'us-east-1', endpoint }]);
    claim = await claimFromList(api, 'payments');
    await rootModel(api).refresh();
    tasksBefore = (await shownTasks(api)).length;
    assert.ok(tasksBefore > 0, 'the sample domain shows tasks');
  });

  after(async () => {
    process.off('unhandledRejection', onRejection);
    if (api) await clearRoots(api);
    await resetSettings();
    await sandbox?.stop().catch(() => undefined); // the last test stopped it already
  });

  beforeEach(() => {
    messages = recordMessages();
    clearFaults();
  });

  afterEach(() => messages.dispose());

  for (const fault of CASES) {
    it(`${fault.name}: the last good rows stay under a warning with Retry; no notification; the claim is kept; Retry recovers`, async () => {
      sandbox.configure(fault.knobs);
      await rootModel(api).refresh();

      const [first] = await messageRows(api);
      assert.ok(first, 'a warning row');
      assert.equal(first.node.severity, 'warning');
      assert.match(first.label, /^Refresh failed: /);
      assert.match(`${first.label}\n${first.tooltip}`, fault.says);
      assert.equal((await shownTasks(api)).length, tasksBefore, 'the last good rows are still shown');
      assert.deepEqual(messages.shown.map((m) => m.message), [], 'a background refresh raises no notification');
      assert.ok((await api.claims.all()).some((c) => c.taskToken === claim.taskToken), 'the claim is kept');

      clearFaults();
      const retry = first.node.command;
      assert.ok(retry, 'the warning row offers Retry');
      await vscode.commands.executeCommand(retry.command, ...(retry.arguments ?? []));
      await rootModel(api).whenIdle();
      assert.deepEqual((await messageRows(api)).map((r) => r.label), [], 'Retry cleared the warning');
      assert.equal((await shownTasks(api)).length, tasksBefore);
    });
  }

  it('a page token that expires once mid-listing: the listing starts again from the first page; no warning, every row, no notification', async () => {
    sandbox.configure({ pageSize: 2, faults: [{ kind: 'expiredPageToken', operation: LIST, times: 1 }] });
    sandbox.resetStats();
    await rootModel(api).refresh();
    assert.equal(sandbox.stats().operations[LIST]?.faults, 1, 'the fault fired');
    assert.deepEqual((await messageRows(api)).map((r) => r.label), [], 'no warning row');
    assert.equal((await shownTasks(api)).length, tasksBefore, 'every row, none twice');
    assert.deepEqual(messages.shown.map((m) => m.message), []);
  });

  it('a fault on the first load, with no good rows yet: an error row with Retry, which recovers', async () => {
    sandbox.configure({ faults: [{ kind: 'http503', operation: LIST }] });
    const endpoint = sandbox.endpoint;
    await watchRoots(api, []);
    await watchRoots(api, [{ domain: SAMPLE_DOMAIN, region: 'us-east-1', endpoint }]);
    const [row] = await messageRows(api);
    assert.equal(row?.node.severity, 'error');
    assert.match(row.label, /HTTP 503/);
    assert.equal((await shownTasks(api)).length, 0);
    clearFaults();
    await vscode.commands.executeCommand(row.node.command?.command ?? '', ...(row.node.command?.arguments ?? []));
    await rootModel(api).whenIdle();
    assert.equal((await shownTasks(api)).length, tasksBefore);
    assert.deepEqual(messages.shown.map((m) => m.message), []);
  });

  it('the sandbox stops while the claim is held: the refresh fails, the claim stays', async () => {
    await sandbox.stop();
    await rootModel(api).refresh();
    const [first] = await messageRows(api);
    assert.match(first?.label ?? '', /Refresh failed: Cannot reach .*connection refused/);
    assert.ok((await api.claims.all()).some((c) => c.taskToken === claim.taskToken), 'the claim is kept while its endpoint is down');
    assert.deepEqual(messages.shown.map((m) => m.message), []);
  });

  it('left no unhandled promise rejection', async () => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(rejections.map(String), []);
  });
});

/**
 * Command-driven faults: Claim Next Task and Complete Task while the sandbox
 * injects one fault at a time into PollForActivityTask or
 * RespondActivityTaskCompleted. A fault episode is one command run through
 * the fault (the SDK's retries included): it raises exactly one notification,
 * an error naming the failed operation (at most one, so no storm; at least
 * one, since a person who asked must hear). No task is lost: a failed claim
 * took nothing, a failed answer keeps the claim and what was typed. Once the
 * fault is gone the same command succeeds.
 */
interface CommandFault {
  name: string;
  /** The fault, given the operation it hits. */
  knobs: (operation: string) => Partial<Omit<SandboxOptions, 'port' | 'host' | 'clock'>>;
  says: RegExp;
  /** Too slow for a poll (three attempts past the 5 s minimum poll timeout): answers only. */
  answerOnly?: true;
  /** The service did the work; only its answer came too late. Answering again then learns the task is closed. */
  deliveredLate?: true;
}

const COMMAND_FAULTS: readonly CommandFault[] = [
  { name: 'a throttling burst', knobs: (op) => ({ throttling: true, throttleQuotas: { [op.startsWith('Respond') ? 'RespondActivityTask*' : op]: { capacity: 0, refillPerSecond: 0 } } }), says: /throttling/i },
  { name: 'HTTP 500', knobs: (op) => ({ faults: [{ kind: 'http500', operation: op }] }), says: /HTTP 500|internal/i },
  { name: 'HTTP 503', knobs: (op) => ({ faults: [{ kind: 'http503', operation: op }] }), says: /HTTP 503|unavailable/i },
  { name: 'connection resets', knobs: (op) => ({ faults: [{ kind: 'reset', operation: op }] }), says: /connection reset|socket hang up/i },
  { name: 'a malformed body', knobs: (op) => ({ faults: [{ kind: 'malformed', operation: op }] }), says: /swf:(PollForActivityTask|RespondActivityTaskCompleted)/ },
  { name: 'credentials that expire mid-session', knobs: (op) => ({ faults: [{ kind: 'expiredToken', operation: op }] }), says: /credentials have expired/ },
  { name: 'an IAM denial', knobs: (op) => ({ faults: [{ kind: 'notPermitted', operation: op }] }), says: /Not permitted: swf:(PollForActivityTask|RespondActivityTaskCompleted)/ },
  { name: 'answers slower than the request timeout', knobs: (op) => ({ faults: [{ kind: 'slow', operation: op, delayMs: 5_000 }] }), says: /timed out/i, answerOnly: true, deliveredLate: true },
];

describe('fault matrix: Claim Next Task and Complete Task through injected faults (one notification per episode)', function () {
  this.timeout(90_000);
  const DOMAIN = 'command-faults';
  const TYPE = { name: 'ShipParcel', version: '1' };
  const sandbox = new SwfSandbox({ port: 0 });
  let api: SwfTasksApi;
  let domain: TestDomain;
  let messages: MessageRecorder;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown): void => void rejections.push(reason);
  const clearFaults = () => sandbox.configure({ faults: [], throttling: false });
  const listOf = (index: number): string => `parcels-${index}`;

  before(async () => {
    process.on('unhandledRejection', onRejection);
    await setSettings({ requestTimeoutSeconds: 1 });
    const { endpoint } = await sandbox.start();
    domain = new TestDomain(testClient(endpoint), DOMAIN);
    await domain.register(COMMAND_FAULTS.map((_, i) => ({ ...TYPE, version: String(i + 1), taskList: listOf(i) })));
    for (const [i] of COMMAND_FAULTS.entries()) {
      await domain.startWithActivities(`parcel-${i}`, [{ type: { ...TYPE, version: String(i + 1) }, activityId: `ship-${i}`, taskList: listOf(i) }]);
    }
    api = await activateExtension();
    await watchRoots(api, [{ domain: DOMAIN, region: 'us-east-1', endpoint }]);
  });

  after(async () => {
    process.off('unhandledRejection', onRejection);
    domain?.client.destroy();
    if (api) await clearRoots(api);
    await resetSettings();
    await sandbox.stop();
  });

  beforeEach(() => {
    messages = recordMessages();
    clearFaults();
  });

  afterEach(() => messages.dispose());

  const shownNow = (): string => JSON.stringify(messages.shown.map((m) => `${m.severity}: ${m.message}`));

  for (const [index, fault] of COMMAND_FAULTS.entries()) {
    it(`${fault.name}: ${fault.answerOnly ? '' : 'a failed claim and '}a failed answer each raise one error notification; nothing is lost; the command then succeeds`, async () => {
      const taskList = listOf(index);
      if (!fault.answerOnly) {
        sandbox.configure(fault.knobs('PollForActivityTask'));
        await rootModel(api).refresh();
        const none = await vscode.commands.executeCommand<ClaimedTask | undefined>('swfTasks.claimNextTask', await groupNode(api, taskList));
        assert.equal(none, undefined, 'nothing was claimed');
        assert.equal(messages.shown.length, 1, `one notification for the failed claim; saw ${shownNow()}`);
        assert.equal(messages.shown[0].severity, 'error');
        assert.match(messages.shown[0].message, fault.says);
        clearFaults();
      }
      const claim = await claimFromList(api, taskList);
      assert.equal(claim.activityId, `ship-${index}`, 'the task was not lost to the failed poll');
      const before = messages.shown.length;

      sandbox.configure(fault.knobs('RespondActivityTaskCompleted'));
      const row = await shownTask(api, claim.activityId);
      const failed = answerNextInputBoxes([`shipped ${index}`]);
      try {
        assert.equal(await vscode.commands.executeCommand('swfTasks.completeTask', row.node), false);
        await failed.done();
      } finally {
        failed.dispose();
      }
      const episode = messages.shown.slice(before);
      assert.equal(episode.length, 1, `one notification for the failed answer; saw ${shownNow()}`);
      assert.equal(episode[0].severity, 'error');
      assert.match(episode[0].message, fault.says);
      const held = (await api.claims.all()).some((c) => c.taskToken === claim.taskToken);
      if (fault.deliveredLate && !held) {
        // The service recorded the late answer once the client gave up; a heartbeat in that gap
        // learnt the task closed, from the claim's own connection, and rightly dropped it.
        assert.match(messages.shown.at(-1)?.message ?? '', fault.says, 'no other notification');
        const history = await domain.history(claim);
        assert.deepEqual(history.filter((e) => e.eventType === 'ActivityTaskCompleted').map((e) => e.activityTaskCompletedEventAttributes?.result), [`shipped ${index}`], 'answered once');
        return;
      }
      assert.ok(held, 'the claim is kept');

      clearFaults();
      const retried = answerNextInputBoxes([`shipped ${index}`]);
      try {
        const sent = await vscode.commands.executeCommand('swfTasks.completeTask', (await shownTask(api, claim.activityId)).node);
        const [box] = await retried.done();
        assert.equal(box?.shownValue, `shipped ${index}`, 'what was typed is offered again');
        if (fault.deliveredLate) {
          // The late answer was recorded after the client gave up: SWF says so, once, and the claim goes.
          assert.equal(sent, false);
          assert.deepEqual(messages.shown.slice(before + 1).map((m) => m.severity), ['error'], `one notification; saw ${shownNow()}`);
          assert.match(messages.shown.at(-1)?.message ?? '', /already closed/);
          assert.ok(!(await api.claims.all()).some((c) => c.taskToken === claim.taskToken), 'the closed claim is forgotten');
        } else {
          assert.equal(sent, true);
        }
      } finally {
        retried.dispose();
      }
      const history = await domain.history(claim);
      assert.deepEqual(history.filter((e) => e.eventType === 'ActivityTaskCompleted').map((e) => e.activityTaskCompletedEventAttributes?.result), [`shipped ${index}`], 'answered once');
    });
  }

  it('left no unhandled promise rejection', async () => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(rejections.map(String), []);
  });
});
