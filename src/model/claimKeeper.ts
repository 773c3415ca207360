/**
 * Keeps the claimed tasks of the loaded tree alive with heartbeats (setting
 * `swfTasks.keepClaimedTasksAlive`), and turns what the heartbeats learn into
 * something a person sees: a cancel request offers Cancel Task at once; a
 * task closed elsewhere leaves the tree with a warning.
 */
import * as vscode from 'vscode';
import { describeSwfError, errorMessage } from '../swf/errors';
import { HeartbeatKeeper, type HeartbeatTarget } from '../swf/heartbeats';
import { shortToken } from '../swf/tokens';
import { describeTask, type TaskTree } from '../tree/taskGroups';
import type { TasksTreeProvider } from '../tree/tasksTreeProvider';
import { CONFIG_SECTION, type SwfSession } from './session';

export function keepClaimedTasksAlive(session: SwfSession, tree: TasksTreeProvider, log: vscode.LogOutputChannel): vscode.Disposable {
  const label = (token: string): string => {
    const row = tree.current?.groups.flatMap((g) => g.tasks).find((r) => r.claim?.taskToken === token);
    return row ? describeTask(row.task) : `the task with token ${shortToken(token)}`;
  };

  const keeper = new HeartbeatKeeper(() => session.getGateway(), {
    cancelRequested(token) {
      log.info(`Heartbeat: cancellation was requested for ${label(token)}.`);
      void tree.refresh();
      void vscode.window
        .showWarningMessage(`The workflow asked to cancel ${label(token)}.`, 'Cancel Task')
        .then((choice) => choice && vscode.commands.executeCommand('swfTasks.cancelTask', token));
    },
    closed(token) {
      const what = label(token);
      log.warn(`Heartbeat: ${what} is closed in SWF (answered, timed out or canceled elsewhere); forgot its token.`);
      void session.claims.remove(token).then(() => tree.refresh());
      void vscode.window.showWarningMessage(`${what} is no longer open: it was answered, timed out or canceled elsewhere.`);
    },
    failed(token, error) {
      log.warn(`Heartbeat for ${label(token)} failed; trying again at the next beat: ${errorMessage(describeSwfError(error, session.errorContext('RecordActivityTaskHeartbeat')))}`);
    },
  });

  const track = (loaded: TaskTree): void => {
    const enabled = vscode.workspace.getConfiguration(CONFIG_SECTION).get<boolean>('keepClaimedTasksAlive', true);
    keeper.track(enabled ? claimedTargets(loaded) : []);
  };
  return vscode.Disposable.from(tree.onDidLoad(track), keeper);
}

function claimedTargets(tree: TaskTree): HeartbeatTarget[] {
  return tree.groups.flatMap((g) => g.tasks).flatMap((row) => (row.claim ? [{ taskToken: row.claim.taskToken, heartbeatTimeout: row.task.timeouts.heartbeat }] : []));
}
