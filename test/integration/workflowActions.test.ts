/**
 * Signal Workflow, Request Cancel Workflow and Terminate Workflow against a
 * sandbox this suite runs itself (real HTTP), so its call counters show what
 * was sent and faults can be injected; what SWF recorded is read back with the
 * test's own client:
 * - a signal from a task row is in the history with its name and input, and in the log;
 * - given an ExecutionTarget (as the execution panel passes), nothing is asked about the execution;
 * - terminating and requesting cancellation ask first, in a pick whose default keeps the execution; declining sends nothing;
 * - from the execution panel, Request Cancel and Terminate show in the open panel;
 * - an over-long signal name or reason is refused as typed, and nothing is sent;
 * - a failed call keeps what was typed, and Retry offers it again, prefilled.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SwfTasksApi } from '../../src/extension';
import { SwfSandbox } from '../../src/sandbox';
import type { ExecutionTarget } from '../../src/inbox/taskGroups';
import { activateExtension, clearRoots, loggedText, refreshAll, rootModel, shownTask, shownTasks, watchRoots } from './helpers/extension';
import { TestDomain, testClient } from './helpers/swf';
import { answerNextInputBoxes, answerQuickPick, answerShowInputBox, confirmationEntry, type InputBoxRecord, isConfirmation, type MessageRecorder, recordMessages, waitFor } from './helpers/ui';

const DOMAIN = 'workflow-actions';
const TYPE = { name: 'ReviewOrder', version: '1' };
const TASK_LIST = 'reviews';
/** The SDK's standard retry strategy makes 3 attempts. */
const SDK_ATTEMPTS = 3;

describe('workflow actions: signal, request cancel, terminate (own sandbox)', function () {
  this.timeout(60_000);
  const sandbox = new SwfSandbox({ port: 0 });
  let api: SwfTasksApi;
  let domain: TestDomain;
  let messages: MessageRecorder;
  const executions = new Map<string, { workflowId: string; runId: string }>();

  before(async () => {
    const { endpoint } = await sandbox.start();
    domain = new TestDomain(testClient(endpoint), DOMAIN);
    await domain.register([{ ...TYPE, taskList: TASK_LIST }]);
    for (const name of ['signal', 'cancel', 'terminate', 'limits', 'failing', 'closed', 'panel']) {
      const workflowId = `order-${name}`;
      executions.set(name, await domain.startWithActivities(workflowId, [{ type: TYPE, activityId: `review-${name}`, taskList: TASK_LIST }]));
    }
    api = await activateExtension();
    await watchRoots(api, [{ domain: DOMAIN, region: 'us-east-1', endpoint }]);
  });

  after(async () => {
    domain?.client.destroy();
    if (api) await clearRoots(api);
    await sandbox.stop();
  });

  beforeEach(() => {
    messages = recordMessages();
    sandbox.configure({ faults: [] });
    sandbox.resetStats();
  });

  afterEach(() => messages.dispose());

  const execution = (name: string): { workflowId: string; runId: string } => {
    const found = executions.get(name);
    assert.ok(found, `no execution ${name}`);
    return found;
  };
  const calls = (operation: string): number => sandbox.stats().operations[operation as keyof ReturnType<typeof sandbox.stats>['operations']]?.calls ?? 0;
  const eventsOf = async (name: string, type: string) => (await domain.history(execution(name))).filter((e) => e.eventType === type);

  /** Runs `command` on `arg`, typing `typed` into the input boxes it shows. */
  async function run(command: string, arg: unknown, typed: string[]): Promise<{ sent: unknown; boxes: readonly InputBoxRecord[] }> {
    const driver = answerNextInputBoxes(typed);
    try {
      const sent = await vscode.commands.executeCommand(command, arg);
      return { sent, boxes: typed.length ? await driver.done() : driver.boxes };
    } finally {
      driver.dispose();
    }
  }

  /** Picks `label` in every quick pick (the child policy) and answers confirmations with `confirm`, recording what was offered. */
  function pickLabel(label: string, confirm: 'act' | 'keep' = 'act'): vscode.Disposable & { readonly offered: vscode.QuickPickItem[][] } {
    return answerQuickPick<vscode.QuickPickItem>((items) => confirmationEntry(items, confirm) ?? items.find((i) => i.label === label));
  }

  it('signals from a task row: the history shows WorkflowExecutionSignaled with that name and input, and the log shows it', async () => {
    const row = await shownTask(api, 'review-signal');
    const { sent, boxes } = await run('swfTasks.signalWorkflow', row.node, ['approve-order', '{"approvedBy":"ops"}']);

    assert.equal(sent, true);
    assert.deepEqual(boxes.map((b) => [b.accepted, b.rejected]), [[true, false], [true, false]], 'two boxes: name, then input');
    const signaled = await eventsOf('signal', 'WorkflowExecutionSignaled');
    assert.deepEqual(signaled.map((e) => [e.workflowExecutionSignaledEventAttributes?.signalName, e.workflowExecutionSignaledEventAttributes?.input]), [['approve-order', '{"approvedBy":"ops"}']]);
    assert.equal(calls('SignalWorkflowExecution'), 1);
    assert.deepEqual(messages.of('info').map((m) => m.message), ['Signaled order-signal with "approve-order".']);
    const log = await loggedText(api);
    assert.match(log, /History of order-signal after SignalWorkflowExecution:/);
    assert.match(log, new RegExp(`#${signaled[0].eventId}\\s+\\S+\\s+WorkflowExecutionSignaled\\s+signalName="approve-order" input="\\{\\\\"approvedBy\\\\":\\\\"ops\\\\"\\}"`), 'the output channel shows the event');
  });

  it('requests cancellation given an ExecutionTarget only after a confirmation whose default keeps it; a second request changes nothing', async () => {
    const target: ExecutionTarget = { kind: 'execution', root: rootModel(api).spec, ...execution('cancel') };
    const declining = pickLabel('never', 'keep');
    try {
      const { sent } = await run('swfTasks.requestCancelWorkflow', target, []);
      assert.equal(sent, false, 'declined');
      assert.equal(declining.offered.length, 1, 'one question');
      assert.deepEqual(declining.offered[0].map((i) => i.label), ['$(arrow-left) Do not request cancellation', '$(warning) Request cancellation of order-cancel']);
      assert.ok((declining.offered[0][1].detail ?? '').startsWith(`Run ${execution('cancel').runId} in ${DOMAIN} (`), declining.offered[0][1].detail);
      assert.equal(calls('RequestCancelWorkflowExecution'), 0, 'nothing was sent');
    } finally {
      declining.dispose();
    }
    const picks = pickLabel('never');
    const plainBoxes = answerShowInputBox([]);
    try {
      const { sent, boxes } = await run('swfTasks.requestCancelWorkflow', target, []);
      assert.equal(sent, true);
      assert.equal(boxes.length, 0, 'no input box');
      assert.equal(picks.offered.filter((items) => !isConfirmation(items)).length, 0, 'no quick pick of roots or executions');
      assert.equal(plainBoxes.asked.length, 0, 'no workflow ID or run ID asked');
    } finally {
      picks.dispose();
      plainBoxes.dispose();
    }
    const requested = await eventsOf('cancel', 'WorkflowExecutionCancelRequested');
    assert.equal(requested.length, 1);
    assert.equal(calls('RequestCancelWorkflowExecution'), 1);
    assert.match(messages.of('info')[0]?.message ?? '', /^Requested cancellation of order-cancel; its decider decides/);
    assert.match(await loggedText(api), new RegExp(`#${requested[0].eventId}\\s+\\S+\\s+WorkflowExecutionCancelRequested`));

    const confirming = pickLabel('never');
    const again = await run('swfTasks.requestCancelWorkflow', target, []).finally(() => confirming.dispose());
    assert.equal(again.sent, true);
    assert.equal((await eventsOf('cancel', 'WorkflowExecutionCancelRequested')).length, 1, 'SWF records one request');
    assert.match(messages.of('info')[1]?.message ?? '', /^Cancellation of order-cancel was already requested/);
  });

  it('requests cancel and terminates from the execution panel: the open panel shows the cancel request, then the closed status', async () => {
    const panels = api.executionPanels;
    const savedPollMs = panels.pollMs;
    panels.pollMs = 3_600_000; // every update seen here follows the action, not the panel's timer
    const target: ExecutionTarget = { kind: 'execution', root: rootModel(api).spec, ...execution('panel') };
    const panel = await panels.show(target);
    try {
      await waitFor(() => panel.firstRenderMs !== undefined, 'the page drew the execution', 20_000);
      const confirming = pickLabel('never');
      try {
        await panel.receive({ type: 'action', action: 'requestCancel' });
        await waitFor(() => panel.model.timeline.header.cancelRequested, 'the panel shows the cancel request');
      } finally {
        confirming.dispose();
      }
      assert.ok([...panel.model.timeline.lanes.values()].some((l) => l.marks.some((m) => m.kind === 'cancelRequest')), 'a cancel-request mark');
      assert.equal(panel.model.timeline.header.status, 'open', 'a cancel request leaves the decision to the decider');

      const picks = pickLabel('TERMINATE');
      const boxes = answerNextInputBoxes(['closed from the panel', '']);
      try {
        await panel.receive({ type: 'action', action: 'terminate' });
        await boxes.done();
      } finally {
        boxes.dispose();
        picks.dispose();
      }
      await waitFor(() => panel.model.closed, 'the panel says the execution closed');
      assert.equal(panel.model.timeline.header.status, 'terminated');
      assert.equal(panel.model.timeline.header.closeReason, 'closed from the panel');
      assert.equal(calls('RequestCancelWorkflowExecution'), 1);
      assert.equal(calls('TerminateWorkflowExecution'), 1);
    } finally {
      panel.webviewPanel.dispose();
      panels.pollMs = savedPollMs;
    }
  });

  it('terminates only after a confirmation naming the workflow ID whose default keeps it running: declining sends nothing and keeps what was typed', async () => {
    const row = await shownTask(api, 'review-terminate');
    const declining = pickLabel('ABANDON', 'keep');
    try {
      const declined = await run('swfTasks.terminateWorkflow', row.node, ['stuck after deploy', 'see incident 42']);
      assert.equal(declined.sent, false);
      const question = declining.offered.find(isConfirmation);
      assert.ok(question, `a question was asked; saw ${JSON.stringify(declining.offered)}`);
      assert.deepEqual(question.map((i) => i.label), ['$(arrow-left) Keep order-terminate running', '$(warning) Terminate order-terminate'], 'the first (default) entry keeps it');
      assert.ok(question[1].detail?.startsWith(`Run ${execution('terminate').runId} in ${DOMAIN} (`), `the detail names the run and domain: ${question[1].detail}`);
      assert.match(question[1].detail ?? '', /Child policy: ABANDON\.$/);
      assert.equal(messages.shown.filter((m) => m.modal).length, 0, 'no modal dialog (it would focus Terminate)');
      assert.equal(calls('TerminateWorkflowExecution'), 0, 'TerminateWorkflowExecution was not called');
      assert.deepEqual(await eventsOf('terminate', 'WorkflowExecutionTerminated'), []);
    } finally {
      declining.dispose();
    }
    const picks = pickLabel('ABANDON');
    try {
      const confirmed = await run('swfTasks.terminateWorkflow', row.node, ['stuck after deploy', 'see incident 42']);
      assert.equal(confirmed.sent, true);
      assert.deepEqual(confirmed.boxes.map((b) => b.shownValue), ['stuck after deploy', 'see incident 42'], 'the declined draft was offered again');
      assert.equal(picks.offered[0]?.[0]?.label, 'ABANDON', 'the last child policy is offered first');
    } finally {
      picks.dispose();
    }
    const terminated = await eventsOf('terminate', 'WorkflowExecutionTerminated');
    assert.deepEqual(terminated.map((e) => e.workflowExecutionTerminatedEventAttributes), [{ reason: 'stuck after deploy', details: 'see incident 42', childPolicy: 'ABANDON', cause: 'OPERATOR_INITIATED' }]);
    assert.equal((await domain.history(execution('terminate'))).at(-1)?.eventType, 'WorkflowExecutionTerminated', 'the execution is closed');
    assert.equal(calls('TerminateWorkflowExecution'), 1);
    assert.ok(!(await shownTasks(api)).some((r) => r.activityId === 'review-terminate'), 'the root was refreshed: the closed execution has no row');
    assert.match(await loggedText(api), new RegExp(`#${terminated[0].eventId}\\s+\\S+\\s+WorkflowExecutionTerminated\\s+reason="stuck after deploy" details="see incident 42"`));
  });

  it('refuses an over-long signal name and reason as typed, saying why, and sends nothing', async () => {
    const row = await shownTask(api, 'review-limits');
    const longName = await run('swfTasks.signalWorkflow', row.node, ['x'.repeat(257)]);
    assert.equal(longName.sent, false);
    assert.equal(longName.boxes[0]?.rejected, true, 'the box kept the name');
    assert.equal(longName.boxes[0]?.problem, 'Signal name is too long: 257 characters, SWF allows at most 256.');

    const picks = pickLabel('TERMINATE');
    try {
      const longReason = await run('swfTasks.terminateWorkflow', row.node, ['😀'.repeat(129)]);
      assert.equal(longReason.sent, false);
      assert.equal(longReason.boxes[0]?.rejected, true, 'the box kept the reason');
      assert.equal(longReason.boxes[0]?.problem, 'Reason is too long: 258 characters (UTF-16 units; emoji count as 2), SWF allows at most 256.');
      assert.equal(picks.offered.length, 0, 'nothing after the reason was asked');
    } finally {
      picks.dispose();
    }
    assert.equal(messages.of('warning').length, 0, 'no confirmation was asked');
    assert.equal(calls('SignalWorkflowExecution') + calls('TerminateWorkflowExecution'), 0, 'no call was made');

    // 256 units pass: the limit, not the check, decided.
    const atLimit = await run('swfTasks.signalWorkflow', row.node, ['x'.repeat(256), '']);
    assert.equal(atLimit.sent, true);
    assert.equal((await eventsOf('limits', 'WorkflowExecutionSignaled'))[0]?.workflowExecutionSignaledEventAttributes?.signalName, 'x'.repeat(256));
  });

  it('keeps what was typed when the call keeps failing (HTTP 503), and Retry offers it again, prefilled', async () => {
    const row = await shownTask(api, 'review-failing');
    sandbox.configure({ faults: [{ kind: 'http503', operation: 'SignalWorkflowExecution', times: SDK_ATTEMPTS }] });
    messages.answerWith((m) => (m.severity === 'error' && m.items.includes('Retry') ? 'Retry' : undefined));

    const { sent, boxes } = await run('swfTasks.signalWorkflow', row.node, ['escalate', 'level 2', 'escalate', 'level 2']);

    assert.equal(sent, true, 'the retry went through');
    const [failure] = messages.of('error');
    assert.ok(failure, 'an error message was shown');
    assert.match(failure.message, /503|unavailable|internal/i);
    assert.match(failure.message, /SignalWorkflowExecution/);
    assert.deepEqual(failure.items, ['Retry', 'Show Log']);
    assert.deepEqual(boxes.map((b) => b.shownValue), ['', '', 'escalate', 'level 2'], 'Retry prefilled both boxes');
    assert.equal(calls('SignalWorkflowExecution'), SDK_ATTEMPTS + 1, 'three failed attempts by the SDK, then the retry');
    const signaled = await eventsOf('failing', 'WorkflowExecutionSignaled');
    assert.deepEqual(signaled.map((e) => e.workflowExecutionSignaledEventAttributes?.input), ['level 2']);
  });

  it('offers no Retry once the execution has closed, only a copy of what was typed', async () => {
    const target: ExecutionTarget = { kind: 'execution', root: rootModel(api).spec, ...execution('closed') };
    const picks = pickLabel('Execution default');
    try {
      assert.equal((await run('swfTasks.terminateWorkflow', target, ['', ''])).sent, true);
    } finally {
      picks.dispose();
    }
    const { sent } = await run('swfTasks.signalWorkflow', target, ['too-late', 'hello']);
    assert.equal(sent, false);
    const [failure] = messages.of('error');
    assert.ok(failure, `an error message was shown; saw ${JSON.stringify(messages.shown)}`);
    assert.match(failure.message, /closed or unknown/);
    assert.deepEqual(failure.items, ['Copy What I Typed', 'Show Log']);
    assert.equal(calls('SignalWorkflowExecution'), 1, 'a closed execution is not retried');
    await refreshAll(api);
  });
});
