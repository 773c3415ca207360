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
import type { ClaimedTask } from '../../src/swf/claims';
import { activateExtension, claimFromList, clearRoots, messageRows, rootModel, shownTasks, watchRoots } from './helpers/extension';
import { type MessageRecorder, recordMessages, resetSettings, setSettings } from './helpers/ui';

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
  const clearFaults = () => sandbox.configure({ faults: [], throttling: false });

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
