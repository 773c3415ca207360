/**
 * Deadlines in view, against a sandbox this suite runs itself (real timers,
 * timeouts fire on time): rows show the time left before their next timeout,
 * a row under a minute turns to a warning icon, the tooltip lists all four
 * timeouts, and the claims status-bar item counts claimed tasks and reveals
 * the nearest one, under its root and under "Claimed tasks on domains not
 * watched".
 */
import * as assert from 'node:assert/strict';
import type { Decision } from '@aws-sdk/client-swf';
import * as vscode from 'vscode';
import type { SwfTasksApi } from '../../src/extension';
import { SwfSandbox } from '../../src/sandbox';
import type { TaskRow } from '../../src/inbox/taskGroups';
import { activateExtension, claimFromList, clearRoots, shownTask, tooltipText, unwatchedClaims, watchRoots } from './helpers/extension';
import { TestDomain, testClient } from './helpers/swf';
import { resetSettings, waitFor } from './helpers/ui';

const DOMAIN = 'deadline-tests';
const TYPE = { name: 'ApproveLoan', version: '1' };

function schedule(activityId: string, taskList: string, timeouts: { scheduleToStart?: string; startToClose?: string; scheduleToClose?: string; heartbeat?: string }): Decision {
  return {
    decisionType: 'ScheduleActivityTask',
    scheduleActivityTaskDecisionAttributes: {
      activityType: TYPE,
      activityId,
      taskList: { name: taskList },
      scheduleToStartTimeout: timeouts.scheduleToStart,
      startToCloseTimeout: timeouts.startToClose,
      scheduleToCloseTimeout: timeouts.scheduleToClose,
      heartbeatTimeout: timeouts.heartbeat,
    },
  };
}

function iconId(row: { item: vscode.TreeItem }): string | undefined {
  return row.item.iconPath instanceof vscode.ThemeIcon ? row.item.iconPath.id : undefined;
}

describe('deadlines in view (sandbox)', function () {
  this.timeout(30_000);
  let sandbox: SwfSandbox;
  let domain: TestDomain;
  let api: SwfTasksApi;
  let endpoint: string;

  before(async () => {
    sandbox = new SwfSandbox({ port: 0, maxPollWaitMs: 1_000 });
    ({ endpoint } = await sandbox.start());
    domain = new TestDomain(testClient(endpoint), DOMAIN);
    await domain.register([{ ...TYPE, taskList: 'loans' }]);
    await domain.start('loan-1');
    await domain.decide('loan-1', [
      schedule('wait-long', 'loans-long', { scheduleToStart: '600', startToClose: '900', scheduleToClose: 'NONE', heartbeat: '300' }),
      schedule('wait-short', 'loans-short', { scheduleToStart: '50', startToClose: '900', scheduleToClose: '3600', heartbeat: 'NONE' }),
      schedule('beat-fast', 'loans-claimed', { scheduleToStart: '600', startToClose: '900', scheduleToClose: '3600', heartbeat: '3' }),
    ]);
    api = await activateExtension();
    await clearRoots(api);
    await watchRoots(api, [{ domain: DOMAIN, region: 'us-east-1', endpoint }]);
  });

  after(async () => {
    if (api) await clearRoots(api);
    await resetSettings();
    domain?.client.destroy();
    await sandbox?.stop();
  });

  it('a scheduled task shows the time left before its schedule-to-start timeout, in minutes, with its state icon', async () => {
    const row = await shownTask(api, 'wait-long');
    assert.equal(String(row.item.label), 'wait-long', 'the activity ID first: it tells tasks apart at 300 px');
    assert.match(row.description, /^(9|10)m left · loan-1 · \S+ \S+ · scheduled /, 'the time left next, where truncation spares it');
    assert.equal(iconId(row), 'circle-large-outline');
    assert.match(String(row.item.accessibilityInformation?.label), /(9|10)m left before its Schedule-to-start timeout/);
  });

  it('a task under a minute shows seconds left and the warning icon', async () => {
    const row = await shownTask(api, 'wait-short');
    assert.match(row.description, /^[1-5]?\ds left · /);
    assert.equal(iconId(row), 'warning');
    assert.equal(row.contextValue, 'scheduledActivityTask', 'the state is unchanged: only the icon warns');
  });

  it('the tooltip lists all four timeouts with their time left, "none" for NONE', async () => {
    const { tooltip } = await shownTask(api, 'wait-long');
    assert.match(tooltip, /Schedule-to-start timeout: 600 s \(10m\): (9|10)m left, at [^()]+ \(from the scheduling\)/);
    assert.match(tooltip, /Start-to-close timeout: 900 s \(15m\), runs once a worker starts the task/);
    assert.match(tooltip, /Schedule-to-close timeout: none/);
    assert.match(tooltip, /Heartbeat timeout: 300 s \(5m\), runs once a worker starts the task/);
  });

  it('a claimed task with a 3 s heartbeat timeout shows the nearer deadline (its heartbeat, from the last beat), and the status bar counts it', async () => {
    const claim = await claimFromList(api, 'loans-claimed');
    assert.equal(claim.activityId, 'beat-fast');
    await waitFor(() => api.keeper.lastBeatAt(claim.taskToken), 'a first heartbeat', 5_000);
    const row = await shownTask(api, 'beat-fast');
    assert.equal(row.contextValue, 'claimedActivityTask');
    assert.match(row.description, /^([0-3]s left|overdue) · .*claimed by you/, 'the heartbeat (3 s), not start-to-close (15m)');
    assert.equal(iconId(row), 'warning');
    assert.match(row.tooltip, /Heartbeat timeout: 3 s: \ds left, at [^()]+ \(from your last heartbeat\)/);
    assert.match(row.tooltip, /Schedule-to-start timeout: 600 s \(10m\), met \(the task started\)/);
    assert.match(row.tooltip, /Start-to-close timeout: 900 s \(15m\): 1[45]m left/);

    const bar = api.claimsStatusBar.item;
    await waitFor(() => /^\$\(account\) 1 claimed · (\ds|overdue)$/.test(bar.text), `the status bar to count the claim (it shows "${bar.text}")`, 5_000);
    assert.ok(bar.backgroundColor instanceof vscode.ThemeColor, 'warning background under a minute');
    assert.equal(bar.backgroundColor.id, 'statusBarItem.warningBackground');
    assert.match(tooltipText({ tooltip: bar.tooltip } as vscode.TreeItem), /ApproveLoan "beat-fast" of loan-1: .* \(Heartbeat timeout\)/);
  });

  it("clicking the status bar item reveals the claimed task's row, under its root", async () => {
    const command = api.claimsStatusBar.item.command as vscode.Command;
    assert.equal(command.command, 'swfTasks.revealTask');
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const selected = await waitFor(() => api.treeView.selection.find((n): n is TaskRow => n.kind === 'task'), 'a selected task row', 5_000);
    assert.equal(selected.task.activityId, 'beat-fast');
    assert.equal(selected.state, 'claimed');
    assert.equal(api.treeView.visible, true, 'the view was opened to show it');
  });

  it('reveals it under "Claimed tasks on domains not watched" once its root is removed', async () => {
    await watchRoots(api, []);
    const [row] = await unwatchedClaims(api);
    assert.equal(row?.activityId, 'beat-fast');
    assert.match(row.description, /^([0-3]s left|overdue) · /, 'the kept claim still shows its heartbeat deadline (timeouts read for the claim)');
    assert.match(api.claimsStatusBar.item.text, /^\$\(account\) 1 claimed/);
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    const command = api.claimsStatusBar.item.command as vscode.Command;
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    // Rows built from a claim alone have no scheduledEventId (0): the one under the unwatched node, not the stale one of the removed root.
    await waitFor(() => api.treeView.selection.some((n) => n.kind === 'task' && n.task.activityId === 'beat-fast' && n.task.scheduledEventId === 0), 'the unwatched claim row to be selected', 5_000);
  });

  it('hides the status bar item when nothing is claimed', async () => {
    assert.equal(api.claimsStatusBar.visible, true);
    for (const claim of await api.claims.all()) await api.claims.remove(claim.taskToken);
    assert.equal(api.claimsStatusBar.visible, false);
  });
});
