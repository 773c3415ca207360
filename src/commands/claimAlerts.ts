/**
 * What the heartbeats learn, told to the person: a cancel request offers
 * Cancel Task at once; a task closed elsewhere says its claim is gone.
 */
import * as vscode from 'vscode';
import { Commands } from '../ids';
import type { ClaimKeeper } from '../model/claimKeeper';
import { describeTask } from '../inbox/taskGroups';

export function showClaimAlerts(keeper: ClaimKeeper): vscode.Disposable {
  return vscode.Disposable.from(
    keeper.onDidRequestCancel((claim) => {
      const cancelTask = vscode.l10n.t('Cancel Task');
      void vscode.window
        .showWarningMessage(vscode.l10n.t('The workflow asked to cancel {0}.', describeTask(claim)), cancelTask)
        .then((choice) => choice && vscode.commands.executeCommand(Commands.cancelTask, claim.taskToken));
    }),
    keeper.onDidClose((claim) => {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} is no longer open: it was answered, timed out or canceled elsewhere.', describeTask(claim)));
    }),
  );
}
