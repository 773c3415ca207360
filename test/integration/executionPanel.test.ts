/**
 * The execution panel against moto, inside a real VS Code (the page runs in
 * the workbench's webview):
 * - Open Execution on a task row opens a panel titled with the workflow ID,
 *   whose model holds the header and lanes; opening it again reveals it;
 * - a signal sent by another client reaches the panel on the root's refresh,
 *   posted as a delta; the panel's buttons reach the action callback;
 * - a terminated execution says it closed, and its timer stops;
 * - a closed execution opens by workflow ID and run ID from the palette, or
 *   by workflow ID alone (its latest run);
 * - Export History opens every event as JSON;
 * - nothing posted to a page holds a claim's task token;
 * - how long a 1,000-event history takes from the command to the page's
 *   first render (logged, not asserted).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExecutionTarget } from '../../src/inbox/taskGroups';
import { laneKey, type TimelineDelta } from '../../src/history/timelineModel';
import type { ExecutionPanel, PostedMessage } from '../../src/views/executionPanel';
import { claimFromList, refreshAll, rootModel, shownTask } from './helpers/extension';
import { useMotoDomain } from './helpers/motoSuite';
import { answerNextInputBoxes, answerQuickPick, answerShowInputBox, isConfirmation, recordMessages, waitFor } from './helpers/ui';
import { TerminateWorkflowExecutionCommand } from '@aws-sdk/client-swf';

const CHARGE = { name: 'ChargeCard', version: '1.0' };
const SHIP = { name: 'ShipOrder', version: '1.0' };
const ORDER = 'panel-order-1';
const SHIPPING = 'panel-order-2';
const LONG = 'panel-order-long';

describe('execution panel (moto)', function () {
  this.timeout(90_000);
  const suite = useMotoDomain('panel-tests', [{ ...CHARGE, taskList: 'payments' }, { ...SHIP, taskList: 'shipping' }], async (domain) => {
    await domain.startWithActivities(ORDER, [{ type: CHARGE, activityId: 'charge-panel-1', taskList: 'payments', input: '{"amount":42}' }]);
    await domain.startWithActivities(SHIPPING, [{ type: SHIP, activityId: 'ship-panel-2', taskList: 'shipping' }]);
  });
  /** Every message posted to any page during the suite: the token check reads them all. */
  const allPosted: PostedMessage[] = [];
  const tokens: string[] = [];
  let recorder: vscode.Disposable | undefined;

  let pollMs: number | undefined;

  before(() => {
    recorder = suite.api.executionPanels.onDidPostMessage((m) => allPosted.push(m));
    // An hour: every update this suite sees comes from a root refresh or an action, not the panel's own timer.
    pollMs = suite.api.executionPanels.pollMs;
    suite.api.executionPanels.pollMs = 3_600_000;
  });

  after(() => {
    suite.api.executionPanels.pollMs = pollMs;
    recorder?.dispose();
    for (const panel of suite.api.executionPanels.all) panel.webviewPanel.dispose();
  });

  function postedTo(panel: ExecutionPanel) {
    return allPosted.filter((m) => m.panel === panel).map((m) => m.message);
  }

  async function openFromRow(activityId: string): Promise<ExecutionPanel> {
    const row = await shownTask(suite.api, activityId);
    const target = await vscode.commands.executeCommand<ExecutionTarget>('swfTasks.openExecution', row.node);
    assert.ok(target, 'Open Execution resolved the row to its execution');
    const panel = suite.api.executionPanels.get(target);
    assert.ok(panel, 'a panel of that execution is open');
    await waitFor(() => panel.firstRenderMs !== undefined, 'the page drew the execution', 20_000);
    return panel;
  }

  it('opens a task row\'s execution in a panel titled with its workflow ID, holding its header and lanes', async () => {
    const claim = await claimFromList(suite.api, 'payments');
    tokens.push(claim.taskToken);
    const panel = await openFromRow('charge-panel-1');
    assert.equal(panel.webviewPanel.title, ORDER);
    const { header, lanes } = panel.model.timeline;
    assert.equal(header.workflowId, ORDER);
    assert.deepEqual(header.workflowType, { name: 'OrderFlow', version: '1.0' });
    assert.equal(header.status, 'open');
    assert.equal(header.childPolicy, 'TERMINATE');
    assert.equal(header.open.activityTasks, 1);
    const activity = lanes.get(laneKey('activity', 'charge-panel-1'));
    assert.ok(activity, `an activity lane; lanes: ${[...lanes.keys()].join(', ')}`);
    assert.equal(activity.bars[0].kind === 'activity' && activity.bars[0].identity, claim.identity, 'the bar knows who started the task');
    assert.ok(lanes.has(laneKey('decision')), 'a decision lane');

    const init = postedTo(panel).find((m) => m.type === 'init');
    assert.ok(init?.type === 'init', 'the page got an init message');
    assert.ok(init.lanes.some((l) => l.key === laneKey('activity', 'charge-panel-1')));
    assert.equal(init.header.workflowId, ORDER);
    assert.equal(init.state.workflowId, ORDER, 'the page keeps what a reload needs');

    const again = await openFromRow('charge-panel-1');
    assert.equal(again, panel, 'opening it again reveals the same panel');
    assert.equal(suite.api.executionPanels.all.filter((p) => p.model.key === panel.model.key).length, 1);
  });

  it('shows the bar\'s events when the page selects one, and serves the event list page by page', async () => {
    const panel = await openFromRow('charge-panel-1');
    const bar = panel.model.timeline.lanes.get(laneKey('activity', 'charge-panel-1'))!.bars[0];
    const before = allPosted.length;
    await panel.receive({ type: 'selectBar', barId: bar.id });
    await panel.receive({ type: 'requestEvents', offset: 0, filter: 'ActivityTaskScheduled' });
    const sent = allPosted.slice(before).map((m) => m.message);
    const details = sent.find((m) => m.type === 'details');
    assert.ok(details?.type === 'details');
    assert.deepEqual(details.events.map((e) => e.eventType), ['ActivityTaskScheduled', 'ActivityTaskStarted']);
    assert.equal(details.events[0].attributes.input, '{"amount":42}');
    const events = sent.find((m) => m.type === 'events');
    assert.ok(events?.type === 'events');
    assert.deepEqual(events.page.events.map((e) => e.eventType), ['ActivityTaskScheduled']);
  });

  it('posts a signal another client sent as a delta on the root\'s refresh', async () => {
    const panel = await openFromRow('charge-panel-1');
    // The test before left the event list filtered to ActivityTaskScheduled, where a signal is no row: show the whole list again.
    await panel.receive({ type: 'requestEvents', offset: 0, filter: '' });
    const known = panel.model.timeline.lastEventId;
    const before = allPosted.length;
    const deltas: TimelineDelta[] = [];
    const listening = panel.model.onDidChange((d) => deltas.push(d));
    await suite.domain.signal(ORDER, 'CustomerCalled');
    await refreshAll(suite.api);
    await waitFor(() => panel.model.timeline.lastEventId > known, 'the model read the new events');
    listening.dispose();
    const applied = deltas.reduce((n, d) => n + d.eventsApplied, 0);
    console.log(`      live update: ${applied} new event(s) folded in, ${deltas.length} read(s) after event ${known}`);
    assert.equal(applied, panel.model.timeline.lastEventId - known, 'only the new events are folded in, each once');
    const signals = panel.model.timeline.lanes.get(laneKey('signal'));
    assert.ok(signals?.marks.some((m) => m.kind === 'signal' && m.signalName === 'CustomerCalled'), 'the signal is in the model');
    const posted = await waitFor(() => {
      const found = allPosted.slice(before).filter((m) => m.panel === panel && m.message.type === 'delta').map((m) => m.message);
      return found.some((m) => m.type === 'delta' && m.marks.length > 0) ? found : undefined;
    }, 'a delta with the signal was posted');
    const sent = posted.flatMap((m) => (m.type === 'delta' ? [m] : []));
    const marks = sent.flatMap((d) => d.marks);
    assert.ok(marks.some((m) => m.lane === laneKey('signal') && m.label === 'CustomerCalled'), `the delta carries the signal's mark: ${JSON.stringify(marks)}`);
    const bars = sent.flatMap((d) => d.bars);
    assert.ok(!bars.some((b) => b.lane === laneKey('activity', 'charge-panel-1')), 'bars that did not change are not posted again');
    assert.ok(bars.every((b) => b.lane === laneKey('decision')), `only the decision task the signal scheduled: ${JSON.stringify(bars)}`);
    const rows = sent.flatMap((d) => d.events?.added ?? []);
    assert.ok(rows.some((e) => e.eventType === 'WorkflowExecutionSignaled'), 'the new event is a new row of the shown page of the event list');
    for (const d of sent) assert.ok(JSON.stringify(d).length < 10_000, `a delta of a few events is small: ${JSON.stringify(d).length} characters`);
  });

  it("runs the workflow actions from the panel's buttons on the panel's own execution: Signal is sent, a declined Terminate is not", async () => {
    const panel = await openFromRow('charge-panel-1');
    const driver = answerNextInputBoxes(['ManagerApproved', '{"by":"panel"}']);
    try {
      await panel.receive({ type: 'action', action: 'signal' });
      await driver.done();
    } finally {
      driver.dispose();
    }
    // An earlier test signalled CustomerCalled from another client: only the panel's signal is ManagerApproved.
    const signaled = (await suite.domain.history(panel.target)).filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'ManagerApproved');
    assert.deepEqual(signaled.map((e) => [e.workflowExecutionSignaledEventAttributes?.signalName, e.workflowExecutionSignaledEventAttributes?.input]), [['ManagerApproved', '{"by":"panel"}']]);
    const signalLane = () => panel.model.timeline.lanes.get(laneKey('signal'));
    await waitFor(() => signalLane()?.marks.some((m) => m.kind === 'signal' && m.signalName === 'ManagerApproved'), 'the panel shows its own signal (the refresh after the action, not the timer)');

    const messages = recordMessages();
    const boxes = answerNextInputBoxes(['not today', '']);
    // The first entry of each pick: the execution's default child policy, then "Keep ... running" (declining).
    const picks = answerQuickPick((items) => items[0]);
    try {
      await panel.receive({ type: 'action', action: 'terminate' });
      await boxes.done();
    } finally {
      boxes.dispose();
      picks.dispose();
      messages.dispose();
    }
    const question = picks.offered.find(isConfirmation);
    assert.ok(question?.every((item) => item.label.includes(ORDER)), `the confirmation names the workflow ID: ${JSON.stringify(picks.offered)}`);
    assert.equal(messages.shown.filter((m) => m.modal).length, 0, 'no modal dialog');
    assert.ok(!(await suite.domain.history(panel.target)).some((e) => e.eventType === 'WorkflowExecutionTerminated'), 'declining sent nothing');
  });

  it('stops reading an execution that does not exist, says so once (again to a page that loads anew), and reads again only on Retry', async () => {
    const picker = answerQuickPick<vscode.QuickPickItem>((items) => items.find((i) => i.label.includes('Enter a workflow ID')));
    const boxes = answerShowInputBox([ORDER, 'no-such-run-id']);
    let panel: ExecutionPanel | undefined;
    try {
      const target = await vscode.commands.executeCommand<ExecutionTarget>('swfTasks.openExecution');
      panel = target && suite.api.executionPanels.get(target);
    } finally {
      picker.dispose();
      boxes.dispose();
    }
    assert.ok(panel, 'a panel opened for the typed run');
    const opened = panel;
    await waitFor(() => opened.stopped, 'the reads stopped');
    const errors = () => postedTo(opened).filter((m) => m.type === 'error');
    // Once, or twice when the page said ready only after the read failed (it is told again then).
    const said = errors().length;
    assert.ok(said === 1 || said === 2, `the failure was posted ${said} times`);
    const [error] = errors();
    assert.ok(error.type === 'error' && error.retry, `the page offers Retry: ${JSON.stringify(error)}`);
    assert.ok(!opened.polling, 'no timer runs');
    await refreshAll(suite.api);
    assert.equal(errors().length, said, 'a root refresh does not read a stopped panel again');

    // A page that loads again (a panel restored after a reload, or shown anew) is told the failure again, not left "Reading the history…".
    await opened.receive({ type: 'ready' });
    assert.equal(errors().length, said + 1, 'the page that said ready is told the failure');
    assert.deepEqual(errors().at(-1), error);

    await opened.receive({ type: 'retry' });
    await waitFor(() => errors().length === said + 2, 'Retry read again, and failed again');
    assert.ok(opened.stopped);
    opened.webviewPanel.dispose();
  });

  it('says the execution closed when another client terminates it, and stops its timer', async () => {
    const panel = await openFromRow('ship-panel-2');
    assert.ok(panel.polling, 'a visible panel of an open execution polls');
    await suite.domain.client.send(new TerminateWorkflowExecutionCommand({ domain: suite.domain.name, workflowId: SHIPPING, reason: 'test over' }));
    await refreshAll(suite.api);
    await waitFor(() => panel.model.closed, 'the model says closed');
    assert.equal(panel.model.timeline.header.status, 'terminated');
    assert.equal(panel.model.timeline.header.closeReason, 'test over');
    await waitFor(() => !panel.polling, 'the timer stopped');
    const delta = await waitFor(() => postedTo(panel).find((m) => m.type === 'delta' && m.header?.status === 'terminated'), 'the page was told');
    assert.ok(delta);
  });

  it('opens a closed execution by workflow ID and run ID from the palette', async () => {
    const closed = suite.api.executionPanels.all.find((p) => p.target.workflowId === SHIPPING);
    assert.ok(closed, 'the previous test opened it');
    const { runId } = closed.target;
    closed.webviewPanel.dispose();
    await waitFor(() => !suite.api.executionPanels.get(closed.target), 'its panel is gone');
    const picker = answerQuickPick<vscode.QuickPickItem>((items) => items.find((i) => i.label.includes('Enter a workflow ID')));
    const boxes = answerShowInputBox([SHIPPING, runId]);
    try {
      const target = await vscode.commands.executeCommand<ExecutionTarget>('swfTasks.openExecution');
      assert.equal(target?.workflowId, SHIPPING);
      const panel = suite.api.executionPanels.get(target!);
      assert.ok(panel);
      await waitFor(() => panel.firstRenderMs !== undefined, 'the page drew it', 20_000);
      assert.equal(panel.model.timeline.header.status, 'terminated');
      assert.ok(!picker.offered[0].some((i) => i.label === SHIPPING), 'the pick lists only open executions');
    } finally {
      picker.dispose();
      boxes.dispose();
    }
  });

  it('opens the latest run when the run ID is left empty, and says so when the workflow ID has no run', async () => {
    const shown = suite.api.executionPanels.all.find((p) => p.target.workflowId === SHIPPING);
    assert.ok(shown, 'the previous test opened the closed execution');
    const { runId } = shown.target;
    shown.webviewPanel.dispose();
    await waitFor(() => !suite.api.executionPanels.get(shown.target), 'its panel is gone');
    const messages = recordMessages();
    const picker = answerQuickPick<vscode.QuickPickItem>((items) => items.find((i) => i.label.includes('Enter a workflow ID')));
    const boxes = answerShowInputBox([SHIPPING, '', 'no-such-workflow-id', '']);
    try {
      const latest = await vscode.commands.executeCommand<ExecutionTarget>('swfTasks.openExecution');
      assert.deepEqual([latest?.workflowId, latest?.runId], [SHIPPING, runId], 'the closed run, the only one');
      const panel = suite.api.executionPanels.get(latest!);
      assert.ok(panel, 'its panel opened');
      await waitFor(() => panel.firstRenderMs !== undefined, 'the page drew it', 20_000);
      assert.equal(messages.shown.length, 0, `no message: ${JSON.stringify(messages.shown)}`);

      const open = await vscode.commands.executeCommand<ExecutionTarget>('swfTasks.openExecution');
      assert.equal(open, undefined, 'nothing to open');
      assert.equal(messages.shown.length, 1, `one message: ${JSON.stringify(messages.shown)}`);
      assert.match(messages.shown[0].message, /No execution with workflow ID no-such-workflow-id in panel-tests/);
    } finally {
      messages.dispose();
      picker.dispose();
      boxes.dispose();
    }
  });

  it('exports the whole history as a JSON document', async () => {
    const row = await shownTask(suite.api, 'charge-panel-1');
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('swfTasks.exportHistory', row.node);
    assert.ok(document);
    assert.equal(document.languageId, 'json');
    assert.ok(document.isUntitled);
    const exported = JSON.parse(document.getText()) as { workflowId: string; events: { eventId: number; eventType: string }[] };
    const history = await suite.domain.history({ workflowId: ORDER, runId: row.node.task.runId });
    assert.equal(exported.workflowId, ORDER);
    assert.deepEqual(exported.events.map((e) => e.eventId), history.map((e) => e.eventId));
    assert.ok(exported.events.some((e) => e.eventType === 'WorkflowExecutionSignaled'));
    assert.ok(!document.getText().includes(tokens[0]), 'the export holds no task token');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('opens a 1,000-event history (time from the command to the first render is logged)', async () => {
    const { runId } = await suite.domain.start(LONG);
    // Started and DecisionTaskScheduled, then two events per signal on moto (WorkflowExecutionSignaled, DecisionTaskScheduled).
    for (let i = 0; i < 499; i++) await suite.domain.signal(LONG, `s${i}`);
    const history = await suite.domain.history({ workflowId: LONG, runId });
    const target: ExecutionTarget = { kind: 'execution', root: rootModel(suite.api).spec, workflowId: LONG, runId };
    const started = performance.now();
    await vscode.commands.executeCommand('swfTasks.openExecution', target);
    const panel = suite.api.executionPanels.get(target);
    assert.ok(panel);
    await waitFor(() => panel.firstRenderMs !== undefined, 'the page drew it', 30_000);
    const total = performance.now() - started;
    console.log(`      [measure] ${history.length} events: ${total.toFixed(0)} ms from Open Execution to the page's first render (${panel.firstRenderMs?.toFixed(0)} ms after the panel was created)`);
    assert.ok(history.length >= 1000, `${history.length} events`);
    assert.equal(panel.model.events.length, history.length);
  });

  it('posted nothing that holds a claimed task\'s token', async () => {
    assert.ok(tokens.length > 0 && allPosted.length > 0);
    const claims = (await suite.api.claims.all()).map((c) => c.taskToken);
    const text = JSON.stringify(allPosted.map((m) => m.message));
    for (const token of [...tokens, ...claims]) assert.ok(!text.includes(token), 'a task token was posted to a page');
  });
});
