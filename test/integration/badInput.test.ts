/**
 * Bad input through the real prompts, against a sandbox this suite runs
 * itself: for each case the extension's own box (or quick pick) refuses the
 * text with a clear message, the sandbox's request counters show that no SWF
 * call was made for it, and what was typed is not lost (the box stays open on
 * it; an answer's or a workflow action's text is offered again next time).
 *
 * Input boxes made with createInputBox are driven in the workbench
 * (answerNextInputBoxes); quick picks that take typed text likewise
 * (answerNextQuickPicks). The plain showInputBox prompts (task token, filter,
 * workflow ID) are given the text through the extension's own validateInput.
 * Auto-refresh and heartbeats are off, so any call counted is one the bad
 * input caused.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SwfTasksApi } from '../../src/extension';
import { SwfSandbox } from '../../src/sandbox';
import type { ClaimedTask } from '../../src/claims/claims';
import { activateExtension, claimFromList, clearRoots, rootModel, shownTask, watchRoots } from './helpers/extension';
import { TestDomain, testClient } from './helpers/swf';
import { answerNextInputBoxes, answerNextQuickPicks, answerQuickPick, type InputBoxRecord, type MessageRecorder, recordMessages, resetSettings, setSettings, waitFor } from './helpers/ui';

const DOMAIN = 'bad-input';
const TYPE = { name: 'ReviewOrder', version: '1' };
const TEN_MB = 10 * 1024 * 1024;

/** Gives each showInputBox the next value through the extension's own validateInput; a refused value is recorded and the box dismissed. */
function typeIntoShowInputBox(values: readonly string[], onShown?: () => void): vscode.Disposable & { readonly refused: string[] } {
  const window = vscode.window as unknown as { showInputBox: (options?: vscode.InputBoxOptions) => Thenable<string | undefined> };
  const original = window.showInputBox;
  const refused: string[] = [];
  let next = 0;
  window.showInputBox = async (options) => {
    const value = values[next++];
    onShown?.();
    if (value === undefined) return undefined;
    const problem = await options?.validateInput?.(value);
    const message = typeof problem === 'string' ? problem : problem?.severity === vscode.InputBoxValidationSeverity.Error ? problem.message : undefined;
    if (message) {
      refused.push(message);
      return undefined; // the person gives up on the refused text
    }
    return value;
  };
  return { refused, dispose: () => void (window.showInputBox = original) };
}

describe('bad input through the real prompts: a clear message, no SWF call, nothing typed lost', function () {
  this.timeout(120_000);
  const sandbox = new SwfSandbox({ port: 0 });
  let api: SwfTasksApi;
  let domain: TestDomain;
  let claim: ClaimedTask;
  let messages: MessageRecorder;
  let tried = 0;
  const calls = (): Record<string, number> => Object.fromEntries(Object.entries(sandbox.stats().operations).map(([op, s]) => [op, s.calls]));

  before(async () => {
    await setSettings({ autoRefreshSeconds: 0, keepClaimedTasksAlive: false });
    const { endpoint } = await sandbox.start();
    domain = new TestDomain(testClient(endpoint), DOMAIN);
    await domain.register([{ ...TYPE, taskList: 'reviews' }]);
    await domain.startWithActivities('order-bad-input', [{ type: TYPE, activityId: 'review-1', taskList: 'reviews' }]);
    await domain.startWithActivities('order-actions', [{ type: TYPE, activityId: 'review-2', taskList: 'other' }]);
    api = await activateExtension();
    await watchRoots(api, [{ domain: DOMAIN, region: 'us-east-1', endpoint }]);
    claim = await claimFromList(api, 'reviews');
  });

  after(async () => {
    domain?.client.destroy();
    if (api) await clearRoots(api);
    await resetSettings();
    await sandbox.stop();
    console.log(`      bad input through the prompts: ${tried} bad inputs tried`);
  });

  beforeEach(async () => {
    await rootModel(api).whenIdle();
    messages = recordMessages();
    sandbox.resetStats();
  });

  afterEach(() => messages.dispose());

  /** Runs `command` typing `values` into its input boxes; returns what it returned and the boxes. */
  async function typed(command: string, arg: unknown, values: string[]): Promise<{ result: unknown; boxes: readonly InputBoxRecord[] }> {
    const driver = answerNextInputBoxes(values);
    try {
      const result = await vscode.commands.executeCommand(command, arg);
      return { result, boxes: await driver.done(30_000) };
    } finally {
      driver.dispose();
    }
  }

  /** Runs `command` once more, backing out of its first box: what the box offered is what was kept. */
  async function offeredAgain(command: string, arg: unknown): Promise<string> {
    const driver = answerNextInputBoxes([]);
    try {
      assert.equal(await vscode.commands.executeCommand(command, arg), false);
      await waitFor(() => driver.boxes[0]?.closed, 'the box to be shown and dismissed');
      return driver.boxes[0]?.shownValue ?? '';
    } finally {
      driver.dispose();
    }
  }

  const row = async (activityId: string) => (await shownTask(api, activityId)).node;

  for (const [name, text, says] of [
    ['a lone surrogate (an emoji cut in half)', 'approved \uD83D', /broken character at position 10/],
    ['a result one past 32,768 units in emoji (16,385 x 😀)', '😀'.repeat(16_385), /Result is too long: 32,770 characters \(UTF-16 units; emoji count as 2\), SWF allows at most 32,768\./],
    ['a 10 MB paste', 'x'.repeat(TEN_MB), /Result is too long: 10,485,760 characters, SWF allows at most 32,768\./],
  ] as const) {
    it(`Complete Task refuses ${name} in its box; no call; the text comes back next time`, async () => {
      tried += 1;
      const { result, boxes } = await typed('swfTasks.completeTask', await row(claim.activityId), [text]);
      assert.equal(result, false);
      assert.equal(boxes[0]?.rejected, true, 'the box stayed open on the text');
      assert.match(boxes[0]?.validationMessage ?? '', says);
      assert.deepEqual(calls(), {}, 'no SWF call');
      assert.equal(await offeredAgain('swfTasks.completeTask', await row(claim.activityId)), text, 'what was typed is offered again');
      assert.deepEqual(calls(), {});
    });
  }

  it('Fail Task refuses a reason of 129 emoji (258 units) and keeps it; no call', async () => {
    tried += 1;
    const reason = '🔥'.repeat(129);
    const { result, boxes } = await typed('swfTasks.failTask', await row(claim.activityId), [reason]);
    assert.equal(result, false);
    assert.equal(boxes.length, 1, 'the details box was never reached');
    assert.equal(boxes[0]?.problem, 'Reason is too long: 258 characters (UTF-16 units; emoji count as 2), SWF allows at most 256.');
    assert.deepEqual(calls(), {});
    assert.equal(await offeredAgain('swfTasks.failTask', await row(claim.activityId)), reason);
  });

  it('Signal Workflow refuses a whitespace-only name, Terminate a 257-character reason; no call; both kept', async () => {
    tried += 2;
    const signal = await typed('swfTasks.signalWorkflow', await row('review-2'), [' \t ']);
    assert.equal(signal.result, false);
    assert.equal(signal.boxes[0]?.problem, 'Signal name contains only whitespace: SWF needs the name the decider listens for.');
    const picks = answerQuickPick<vscode.QuickPickItem>(() => undefined);
    try {
      const terminate = await typed('swfTasks.terminateWorkflow', await row('review-2'), ['r'.repeat(257)]);
      assert.equal(terminate.result, false);
      assert.equal(terminate.boxes[0]?.problem, 'Reason is too long: 257 characters, SWF allows at most 256.');
      assert.equal(picks.offered.length, 0, 'no child policy was asked');
    } finally {
      picks.dispose();
    }
    assert.equal(messages.of('warning').length, 0, 'no confirmation was asked');
    assert.deepEqual(calls(), {});
    assert.equal(await offeredAgain('swfTasks.signalWorkflow', await row('review-2')), ' \t ');
    assert.equal(await offeredAgain('swfTasks.terminateWorkflow', await row('review-2')), 'r'.repeat(257));
  });

  it('a pasted token with a newline or a NUL inside is refused in the token box; no call', async () => {
    tried += 2;
    const paste = answerQuickPick<vscode.QuickPickItem>((items) => items.find((i) => i.label.includes('Paste a task token')));
    const token = typeIntoShowInputBox([`  ${claim.taskToken.slice(0, 30)}\n${claim.taskToken.slice(30)}  `, `${claim.taskToken.slice(0, 30)}\u0000${claim.taskToken.slice(30)}`]);
    try {
      assert.equal(await vscode.commands.executeCommand('swfTasks.completeTask'), false);
      assert.equal(await vscode.commands.executeCommand('swfTasks.completeTask'), false);
    } finally {
      paste.dispose();
      token.dispose();
    }
    assert.deepEqual(token.refused, [
      'Task token contains whitespace at position 31: a token is one unbroken string; check that it was pasted whole.',
      'Task token contains a control character (U+0000) at position 31: a token is printable text; check that it was pasted whole.',
    ]);
    assert.deepEqual(calls(), {});
    assert.ok(!token.refused.some((m) => m.includes(claim.taskToken)), 'the message does not echo the token');
  });

  it('Add Domain refuses a typed domain name with a colon, and a typed region in capitals, in the pick itself; no call for either', async () => {
    tried += 2;
    const inUse = answerQuickPick<vscode.QuickPickItem>((items) => items.find((i) => i.description === 'in use'));
    const domainPick = answerNextQuickPicks(['orders:prod']);
    try {
      assert.equal(await vscode.commands.executeCommand('swfTasks.addRoot'), undefined);
      const [pick] = await domainPick.done();
      assert.equal(pick?.rejected, true, 'the pick stayed open on the typed name');
      assert.equal(pick?.detail, '$(error) Domain name contains ":" at position 7: SWF does not allow ":", "/" or "|" in names.');
    } finally {
      inUse.dispose();
      domainPick.dispose();
    }
    assert.deepEqual(calls(), { ListDomains: 1 }, 'only the listing of registered domains, nothing for the typed name');

    sandbox.resetStats();
    const fresh = answerQuickPick<vscode.QuickPickItem & { profile?: string }>((items) => items.find((i) => i.label.includes('New connection')) ?? items.find((i) => i.profile === ''));
    const regionPick = answerNextQuickPicks(['EU-WEST-1']);
    try {
      assert.equal(await vscode.commands.executeCommand('swfTasks.addRoot'), undefined);
      const [pick] = await regionPick.done();
      assert.equal(pick?.rejected, true);
      assert.match(pick?.detail ?? '', /^\$\(error\) "EU-WEST-1" is not a region name: type one such as eu-west-1/);
    } finally {
      fresh.dispose();
      regionPick.dispose();
    }
    assert.deepEqual(calls(), {});
    assert.equal(api.roots.roots.length, 1, 'no root was added');
  });

  it('Claim Next Task refuses a typed task list with "|" and polls nothing; an over-long identity setting polls nothing either', async () => {
    tried += 2;
    const listPick = answerNextQuickPicks(['reviews|urgent']);
    try {
      assert.equal(await vscode.commands.executeCommand('swfTasks.claimNextTask'), undefined);
      const [pick] = await listPick.done();
      assert.equal(pick?.rejected, true);
      assert.equal(pick?.detail, '$(error) Task list name contains "|" at position 8: SWF does not allow ":", "/" or "|" in names.');
    } finally {
      listPick.dispose();
    }
    assert.deepEqual(calls(), {});

    await setSettings({ identity: 'i'.repeat(257) });
    try {
      assert.equal(await vscode.commands.executeCommand('swfTasks.claimNextTask', (await shownTask(api, 'review-2')).node), undefined);
    } finally {
      await setSettings({ identity: '' });
    }
    assert.deepEqual(messages.of('error').map((m) => m.message), ['Identity is too long: 257 characters, SWF allows at most 256. Shorten the setting swfTasks.identity.']);
    assert.deepEqual(calls(), {});
  });

  it('the filter refuses a 10 MB paste and a 257-character query, and leaves the filter as it was; Open Execution refuses a 257-character workflow ID; no call for either', async () => {
    tried += 3;
    const before = api.roots.filter;
    const filter = typeIntoShowInputBox(['x'.repeat(TEN_MB), 'y'.repeat(257)]);
    try {
      await vscode.commands.executeCommand('swfTasks.filter');
      await vscode.commands.executeCommand('swfTasks.filter');
    } finally {
      filter.dispose();
    }
    assert.deepEqual(filter.refused, [
      'Filter is too long: 10,485,760 characters; no field it is matched against has more than 256.',
      'Filter is too long: 257 characters; no field it is matched against has more than 256.',
    ]);
    assert.equal(api.roots.filter, before);

    assert.deepEqual(calls(), {});

    // The executions to pick from are read first (a refresh of the root); the typed ID then costs nothing.
    const typedId = answerQuickPick<vscode.QuickPickItem>((items) => items.find((i) => i.label.includes('Enter a workflow ID')));
    let whenAsked: Record<string, number> | undefined;
    const workflowId = typeIntoShowInputBox(['w'.repeat(257)], () => (whenAsked = calls()));
    try {
      assert.equal(await vscode.commands.executeCommand('swfTasks.openExecution'), undefined);
    } finally {
      typedId.dispose();
      workflowId.dispose();
    }
    assert.deepEqual(workflowId.refused, ['Workflow ID is too long: 257 characters, SWF allows at most 256.']);
    assert.ok(whenAsked, 'the workflow ID box was shown');
    assert.deepEqual(calls(), whenAsked, 'no call after the workflow ID was typed');
  });

  it('after all that, the claim is intact and a good answer goes through in one call', async () => {
    const { result } = await typed('swfTasks.completeTask', await row(claim.activityId), ['approved']);
    assert.equal(result, true);
    assert.equal(calls().RespondActivityTaskCompleted, 1);
    const completed = (await domain.history(claim)).filter((e) => e.eventType === 'ActivityTaskCompleted');
    assert.deepEqual(completed.map((e) => e.activityTaskCompletedEventAttributes?.result), ['approved']);
  });
});
