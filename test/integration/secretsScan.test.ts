/**
 * The secrets scan: the whole flow against a sandbox this suite runs itself,
 * signed with a real (test-only) access key from a profile, then a search of
 * everything the extension wrote for every task token the sandbox issued and
 * for that key id and secret.
 *
 * The flow: claim, complete, fail, cancel (from rows and by a pasted token),
 * signal, request cancel and terminate workflows, Show Execution History,
 * Open Execution, Export History, and errors of several kinds injected by the
 * sandbox (HTTP 500 and 503, throttling, expired credentials, an IAM denial,
 * a malformed body, an answer to a task closed elsewhere, failing heartbeats,
 * a failing refresh).
 *
 * Where it looks: every log file of the window's extension host (the
 * extension's output channel and the host's own log), every notification and
 * progress title, every file below the extension's storage folders
 * (globalStorageUri, storageUri, logUri), the user and workspace
 * settings.json files, every key and value of the extension's global and
 * workspace state, the tree's items, the status bar item, what the execution
 * panel posted to its page, and the exported history. SecretStorage is left
 * out by design: it is where a claim's token is meant to be (the OS keychain
 * on desktop, the browser's storage under code-server).
 *
 * Tokens come from the sandbox's side: every token its state registers for a
 * started task (activity and decision tasks alike) is recorded as it is issued.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as vscode from 'vscode';
import type { SwfTasksApi } from '../../src/extension';
import { SwfSandbox } from '../../src/sandbox';
import type { ClaimedTask } from '../../src/claims/claims';
import type { ExecutionTarget, TaskRow } from '../../src/inbox/taskGroups';
import type { TasksNode } from '../../src/tree/treeItems';
import { activateExtension, claimFromList, clearRoots, groupNode, refreshAll, rootModel, shownTask, watchRoots } from './helpers/extension';
import { TestDomain, testClient } from './helpers/swf';
import { answerConfirmations, answerNextInputBoxes, answerQuickPick, confirmationEntry, answerShowInputBox, type MessageRecorder, recordMessages, resetSettings, setSettings, sleep, waitFor } from './helpers/ui';

const DOMAIN = 'secrets-scan';
const PROFILE = 'swf-test-static';
const TYPE = { name: 'ChargeCard', version: '1' };
/** Heartbeat timeout of the task beaten while heartbeats fail: three beats per timeout, one every 3 s, so two failed beats leave it open. */
const BEATEN = { name: 'PackOrder', version: '1', heartbeatTimeout: '9' };
const LISTS = ['complete', 'fail', 'cancel', 'pasted', 'closed-elsewhere', 'answer-faults', 'claim-faults', 'beaten', 'actions'] as const;

/** A credentials file's keys for one profile, read as the SDK's ini loader does (the runner points AWS_SHARED_CREDENTIALS_FILE at test/fixtures/aws). */
function profileKeys(profile: string): { accessKeyId: string; secretAccessKey: string } {
  const file = process.env.AWS_SHARED_CREDENTIALS_FILE;
  assert.ok(file, 'AWS_SHARED_CREDENTIALS_FILE is set (node scripts/test.mjs sets it)');
  const section = fs.readFileSync(file, 'utf8').split(/^\[/m).find((s) => s.startsWith(`${profile}]`)) ?? '';
  const value = (key: string): string => new RegExp(`^${key}\\s*=\\s*(\\S+)`, 'm').exec(section)?.[1] ?? '';
  const keys = { accessKeyId: value('aws_access_key_id'), secretAccessKey: value('aws_secret_access_key') };
  assert.ok(keys.accessKeyId && keys.secretAccessKey, `profile ${profile} has static keys in ${file}`);
  return keys;
}

/** Every file below `uri` (recursively), as text; a missing folder is no files. */
async function filesBelow(uri: vscode.Uri | undefined): Promise<{ path: string; text: string }[]> {
  if (!uri) return [];
  const entries = await Promise.resolve(vscode.workspace.fs.readDirectory(uri)).catch(() => [] as [string, vscode.FileType][]);
  const found: { path: string; text: string }[] = [];
  for (const [name, type] of entries) {
    const child = vscode.Uri.joinPath(uri, name);
    if (type & vscode.FileType.Directory) found.push(...(await filesBelow(child)));
    else if (type & vscode.FileType.File) found.push({ path: child.fsPath, text: bytesAsText(await vscode.workspace.fs.readFile(child)) });
  }
  return found;
}

/** UTF-8 and UTF-16 readings of the bytes, so a token stored in either encoding is found. */
function bytesAsText(bytes: Uint8Array): string {
  return `${Buffer.from(bytes).toString('utf8')}\n${Buffer.from(bytes).toString('utf16le')}`;
}

interface Haystack {
  where: string;
  text: string;
}

describe('secrets scan: no task token, access key or secret in anything the extension wrote', function () {
  this.timeout(120_000);
  const sandbox = new SwfSandbox({ port: 0 });
  const issued = new Set<string>();
  const keys = profileKeys(PROFILE);
  let endpoint: string;
  let api: SwfTasksApi;
  let domain: TestDomain;
  let messages: MessageRecorder;
  const progressTitles: string[] = [];
  const posted: string[] = [];
  const exported: string[] = [];
  /** TCP connections opened in the extension host during the flow, as host:port, with where they came from. */
  const connections: { to: string; stack: string }[] = [];
  const restore: (() => void)[] = [];
  const claims: ClaimedTask[] = [];
  const executions = new Map<string, { workflowId: string; runId: string }>();

  /** Records every token the sandbox's state registers, at the moment it is issued. */
  function recordIssuedTokens(map: Map<string, unknown>): void {
    const set = map.set.bind(map);
    map.set = (token, value) => {
      issued.add(token);
      return set(token, value);
    };
  }

  /**
   * Records every TCP connection opened in this extension host (local pipes
   * aside), whoever opens it: VS Code hands extensions a proxy-aware `net`
   * whose connects may come a tick later, without the extension in the stack,
   * so the destination is checked, not the caller. This suite's own client
   * talks to the same endpoint.
   */
  function recordConnections(): void {
    const prototype = net.Socket.prototype as unknown as { connect: (...args: unknown[]) => net.Socket };
    const original = prototype.connect;
    prototype.connect = function connect(this: net.Socket, ...args: unknown[]) {
      const first = args[0];
      const options = (Array.isArray(first) ? first[0] : first) as { host?: string; port?: number; path?: string | null } | number | string;
      const stack = new Error().stack ?? '';
      if (typeof options === 'object' && options !== null && typeof options.path !== 'string') connections.push({ to: `${options.host ?? 'localhost'}:${options.port}`, stack });
      else if (typeof options === 'number') connections.push({ to: `${typeof args[1] === 'string' ? args[1] : 'localhost'}:${options}`, stack });
      return original.apply(this, args);
    };
    restore.push(() => (prototype.connect = original));
  }

  function recordProgress(): void {
    const window = vscode.window as { withProgress: typeof vscode.window.withProgress };
    const original = window.withProgress;
    window.withProgress = <R>(options: vscode.ProgressOptions, task: Parameters<typeof vscode.window.withProgress<R>>[1]): Thenable<R> => {
      progressTitles.push(options.title ?? '');
      return original.call<typeof vscode.window, [vscode.ProgressOptions, typeof task], Thenable<R>>(vscode.window, options, (progress, token) =>
        task({ report: (value) => (progressTitles.push(value.message ?? ''), progress.report(value)) }, token),
      );
    };
    restore.push(() => (window.withProgress = original));
  }

  async function typed<T>(values: string[], run: () => Thenable<T>): Promise<T> {
    const driver = answerNextInputBoxes(values);
    try {
      const result = await run();
      if (values.length) await driver.done();
      return result;
    } finally {
      driver.dispose();
    }
  }

  const row = async (claim: ClaimedTask): Promise<TaskRow> => (await shownTask(api, claim.activityId)).node;
  const claim = async (list: string): Promise<ClaimedTask> => {
    const got = await claimFromList(api, list);
    claims.push(got);
    return got;
  };

  before(async () => {
    recordIssuedTokens(sandbox.state.activityTokens);
    recordIssuedTokens(sandbox.state.decisionTokens);
    ({ endpoint } = await sandbox.start());
    domain = new TestDomain(testClient(endpoint), DOMAIN);
    // Each task is scheduled on its own list; the types' default lists are not used.
    await domain.register([{ ...TYPE, taskList: 'complete' }, { name: BEATEN.name, version: BEATEN.version, taskList: 'beaten' }]);
    for (const [i, list] of LISTS.entries()) {
      const type = list === 'beaten' ? { name: BEATEN.name, version: BEATEN.version } : TYPE;
      const activities = list === 'actions' ? ['signal', 'request-cancel', 'terminate'] : [list];
      for (const name of activities) {
        const workflowId = `order-${name}-${i}`;
        executions.set(name, await domain.startWithActivities(workflowId, [{ type, activityId: `charge-${name}`, taskList: list, input: JSON.stringify({ orderId: workflowId }), heartbeatTimeout: list === 'beaten' ? BEATEN.heartbeatTimeout : undefined }]));
      }
    }
    await setSettings({ requestTimeoutSeconds: 1 });
    api = await activateExtension();
    recordConnections();
    recordProgress();
    const listening = api.executionPanels.onDidPostMessage(({ message }) => void posted.push(JSON.stringify(message)));
    restore.push(() => listening.dispose());
    messages = recordMessages();
    sandbox.resetStats();
    await watchRoots(api, [{ domain: DOMAIN, profile: PROFILE, region: 'us-east-1', endpoint }]);
  });

  after(async () => {
    messages?.dispose();
    for (const undo of restore.reverse()) undo();
    domain?.client.destroy();
    if (api) await clearRoots(api);
    await resetSettings();
    await sandbox.stop();
  });

  beforeEach(() => sandbox.configure({ faults: [], throttling: false }));

  it('claims and answers: complete, fail, cancel from rows, and complete by a pasted token', async () => {
    const completed = await claim('complete');
    assert.equal(await typed(['{"chargeId":"ch_1"}'], async () => vscode.commands.executeCommand('swfTasks.completeTask', await row(completed))), true);

    const failed = await claim('fail');
    assert.equal(await typed(['card declined', 'issuer said 05'], async () => vscode.commands.executeCommand('swfTasks.failTask', await row(failed))), true);

    const canceled = await claim('cancel');
    const confirming = answerConfirmations('act');
    try {
      assert.equal(await typed(['no longer needed'], async () => vscode.commands.executeCommand('swfTasks.cancelTask', await row(canceled))), true);
    } finally {
      confirming.dispose();
    }

    const pasted = await claim('pasted');
    const picker = answerQuickPick<vscode.QuickPickItem>((items) => items.find((i) => i.label.includes('Paste a task token')));
    const tokenBox = answerShowInputBox([`\n  ${pasted.taskToken}  \n`]);
    try {
      assert.equal(await typed(['by token'], () => vscode.commands.executeCommand('swfTasks.completeTask')), true);
    } finally {
      picker.dispose();
      tokenBox.dispose();
    }
    const closed = (await domain.history(executions.get('pasted') ?? pasted)).filter((e) => e.eventType === 'ActivityTaskCompleted');
    assert.equal(closed.length, 1, 'the pasted token answered its task');
  });

  it('errors of several kinds: a claim through HTTP 500 and throttling, answers through 503, expired credentials and an IAM denial, a task closed elsewhere', async () => {
    const shown = messages.shown.length;
    sandbox.configure({ faults: [{ kind: 'http500', operation: 'PollForActivityTask' }] });
    assert.equal(await vscode.commands.executeCommand('swfTasks.claimNextTask', await groupOf('claim-faults')), undefined);
    sandbox.configure({ faults: [], throttling: true, throttleQuotas: { PollForActivityTask: { capacity: 0, refillPerSecond: 0 } } });
    assert.equal(await vscode.commands.executeCommand('swfTasks.claimNextTask', await groupOf('claim-faults')), undefined);
    sandbox.configure({ throttling: false });
    await claim('claim-faults'); // held to the end: the panel and the exported history below are of a claimed task

    const answering = await claim('answer-faults');
    for (const kind of ['http503', 'expiredToken', 'notPermitted', 'malformed'] as const) {
      sandbox.configure({ faults: [{ kind, operation: 'RespondActivityTaskFailed' }] });
      assert.equal(await typed(['gateway timeout', `while ${kind}`], async () => vscode.commands.executeCommand('swfTasks.failTask', await row(answering))), false);
    }
    sandbox.configure({ faults: [] });
    assert.equal(await typed(['gateway timeout', 'at last'], async () => vscode.commands.executeCommand('swfTasks.failTask', await row(answering))), true);

    const elsewhere = await claim('closed-elsewhere');
    await domain.complete(elsewhere.taskToken, 'done by another worker');
    assert.equal(await typed(['too late'], async () => vscode.commands.executeCommand('swfTasks.completeTask', await row(elsewhere))), false);
    assert.ok(messages.shown.length - shown >= 7, `each failure said so; saw ${messages.shown.length - shown}`);
    assert.ok(messages.shown.some((m) => /already closed/.test(m.message)), 'the closed task was reported');
  });

  it('heartbeats that fail (expired credentials, then HTTP 500) and a refresh that fails (malformed body, IAM denial)', async () => {
    const beaten = await claim('beaten');
    sandbox.resetStats();
    // One beat refused for expired credentials, the next through HTTP 500 on all three of the SDK's attempts.
    sandbox.configure({ faults: [{ kind: 'expiredToken', operation: 'RecordActivityTaskHeartbeat', times: 1 }, { kind: 'http500', operation: 'RecordActivityTaskHeartbeat', times: 3 }] });
    await waitFor(() => (sandbox.stats().operations.RecordActivityTaskHeartbeat?.faults ?? 0) >= 4, 'two failed heartbeats', 30_000);
    sandbox.configure({ faults: [{ kind: 'malformed', operation: 'GetWorkflowExecutionHistory' }] });
    await rootModel(api).refresh();
    sandbox.configure({ faults: [{ kind: 'notPermitted', operation: 'ListOpenWorkflowExecutions' }] });
    await rootModel(api).refresh();
    sandbox.configure({ faults: [] });
    await rootModel(api).refresh();
    assert.ok((await api.claims.all()).some((c) => c.taskToken === beaten.taskToken), 'the claim is kept through the failures');
  });

  it('workflow actions, Show Execution History, Open Execution and Export History', async () => {
    const node = async (activityId: string): Promise<TaskRow> => (await shownTask(api, activityId)).node;
    assert.equal(await typed(['approve', '{"by":"ops"}'], async () => vscode.commands.executeCommand('swfTasks.signalWorkflow', await node('charge-signal'))), true);
    const picks = answerQuickPick<vscode.QuickPickItem>((items) => confirmationEntry(items, 'act') ?? items.find((i) => i.label === 'TERMINATE'));
    try {
      assert.equal(await vscode.commands.executeCommand('swfTasks.requestCancelWorkflow', await node('charge-request-cancel')), true);
      assert.equal(await typed(['stuck', 'see incident'], async () => vscode.commands.executeCommand('swfTasks.terminateWorkflow', await node('charge-terminate'))), true);
    } finally {
      picks.dispose();
      messages.answerWith(() => undefined);
    }
    await refreshAll(api);

    const held = claims.find((c) => c.activityId === 'charge-claim-faults');
    assert.ok(held, 'a claim is held');
    const heldRow = await row(held);
    assert.ok(((await vscode.commands.executeCommand<number | undefined>('swfTasks.showExecutionHistory', heldRow)) ?? 0) > 0, 'the history was logged');
    const target = await vscode.commands.executeCommand<ExecutionTarget>('swfTasks.openExecution', heldRow);
    assert.ok(target, 'the panel opened');
    await waitFor(() => posted.length > 0, 'the panel to post its first render');
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('swfTasks.exportHistory', heldRow);
    exported.push(document.getText());
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    for (const panel of api.executionPanels.all) panel.webviewPanel.dispose();
  });

  it('found none of the issued tokens, nor the access key id or secret, anywhere the extension wrote', async () => {
    await sleep(1_500); // log files are written behind the channel
    assert.ok(issued.size >= 12, `the sandbox issued tokens (${issued.size})`);
    assert.ok(claims.length >= 8 && claims.every((c) => issued.has(c.taskToken)), 'every claim holds a token the sandbox issued');
    assert.equal(sandbox.stats().callers[keys.accessKeyId] > 0, true, `the extension signed with ${PROFILE}'s key; callers: ${JSON.stringify(sandbox.stats().callers)}`);

    const haystacks: Haystack[] = [];
    const add = (where: string, text: string): void => void haystacks.push({ where, text });
    // The window's extension host logs: the output channel's file and the host's own log.
    for (const file of await filesBelow(vscode.Uri.joinPath(api.logUri, '..'))) add(`log ${file.path}`, file.text);
    for (const folder of [api.storage.globalStorageUri, api.storage.storageUri, api.logUri]) for (const file of await filesBelow(folder)) add(`storage ${file.path}`, file.text);
    const userSettings = vscode.Uri.joinPath(api.storage.globalStorageUri, '..', '..', 'settings.json');
    const settingsFiles = [userSettings, ...(vscode.workspace.workspaceFolders ?? []).map((f) => vscode.Uri.joinPath(f.uri, '.vscode', 'settings.json'))];
    if (vscode.workspace.workspaceFile) settingsFiles.push(vscode.workspace.workspaceFile);
    for (const file of settingsFiles) {
      const bytes = await Promise.resolve(vscode.workspace.fs.readFile(file)).catch(() => undefined);
      if (bytes) add(`settings ${file.fsPath}`, bytesAsText(bytes));
    }
    add('settings (effective swfTasks)', JSON.stringify(vscode.workspace.getConfiguration('swfTasks')));
    for (const [name, memento] of [['globalState', api.storage.globalState], ['workspaceState', api.storage.workspaceState]] as const) {
      for (const key of memento.keys()) add(`${name} ${key}`, `${key}=${JSON.stringify(memento.get(key))}`);
    }
    for (const m of messages.shown) add(`notification (${m.severity})`, [m.message, m.detail ?? '', ...m.items].join('\n'));
    for (const title of progressTitles) add('progress notification', title);
    for (const message of posted) add('posted to the execution panel', message);
    for (const text of exported) add('exported history', text);
    const bar = api.claimsStatusBar.item;
    add('status bar', [bar.text, typeof bar.tooltip === 'string' ? bar.tooltip : (bar.tooltip?.value ?? ''), JSON.stringify(bar.command ?? '')].join('\n'));
    const visit = async (parent?: TasksNode): Promise<void> => {
      for (const child of (await Promise.resolve(api.tasksProvider.getChildren(parent))) ?? []) {
        const item = api.tasksProvider.getTreeItem(child) as vscode.TreeItem;
        add(`tree item ${String(item.label)}`, JSON.stringify({ ...item, tooltip: typeof item.tooltip === 'string' ? item.tooltip : item.tooltip?.value }));
        await visit(child);
      }
    };
    await visit();

    // The scan must be able to fail: the log holds what the flow did, shortened tokens included.
    const log = haystacks.filter((h) => h.where.startsWith('log ')).map((h) => h.text).join('\n');
    assert.match(log, /History of order-complete-0 after the answer/, 'the output channel log was scanned');
    assert.ok(claims.some((c) => log.includes(c.taskToken.slice(-6))), 'shortened tokens are logged, so whole ones would be found');
    assert.ok(messages.shown.length >= 10 && haystacks.length >= 30, `scanned ${haystacks.length} places, ${messages.shown.length} notifications`);

    const needles = [...[...issued].map((token) => ({ what: `task token …${token.slice(-6)}`, value: token })), { what: 'access key id', value: keys.accessKeyId }, { what: 'secret access key', value: keys.secretAccessKey }];
    const found = haystacks.flatMap((h) => needles.filter((n) => h.text.includes(n.value)).map((n) => `${n.what} in ${h.where}`));
    console.log(`secrets scan: ${needles.length} secrets (${issued.size} tokens, 1 key id, 1 secret) x ${haystacks.length} places (${messages.shown.length} notifications); found ${found.length}`);
    assert.deepEqual(found, []);
  });

  it('opened no connection except to the configured endpoint', () => {
    const allowed = new URL(endpoint);
    assert.ok(connections.length > 0, 'connections were seen');
    const elsewhere = connections.filter((c) => c.to !== `${allowed.hostname}:${allowed.port}`);
    console.log(`secrets scan: ${connections.length} TCP connections opened, ${elsewhere.length} not to ${endpoint}`);
    // The extension's calls are signed with the test profile's key: they must share a handful of kept-alive connections.
    const stats = sandbox.stats();
    console.log(`secrets scan: the sandbox accepted connections by signer ${JSON.stringify(stats.connections)} for calls by signer ${JSON.stringify(stats.callers)}`);
    const calls = stats.callers[keys.accessKeyId] ?? 0;
    const opened = stats.connections[keys.accessKeyId] ?? 0;
    assert.ok(calls >= 50, `the flow made ${calls} calls`);
    assert.ok(opened <= 1 + Math.ceil(calls / 50), `the extension opened ${opened} connections for ${calls} calls: at most one per 50 calls, plus one`);
    assert.deepEqual(elsewhere, []);
  });

  async function groupOf(list: string) {
    await rootModel(api).refresh();
    return groupNode(api, list);
  }
});
