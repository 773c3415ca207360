/**
 * Claim Next Task: polls a task list as a worker would (PollForActivityTask),
 * which starts the next task SWF hands out and gives us its token. The poll
 * goes to the connection of the node it was run on, and the claim records
 * that connection: its token is only ever sent there.
 *
 * SWF decides which task a poll gets, so claiming "this" scheduled task means
 * claiming the next one of its list; the result says which task it was.
 * Cancelling the progress does not abort the HTTP poll: SWF may already have
 * handed a task to it, and an aborted poll would lose that task until its
 * timeout. The poll runs out in the background and any task it brings is kept.
 */
import * as vscode from 'vscode';
import type { RootSpec } from '../connection/connection';
import { type ClaimedTask, claimFromActivityTask } from '../claims/claims';
import { describeSwfError, errorMessage } from '../swf/errors';
import type { SwfGateway } from '../swf/gateway';
import { isTaskListGroup, isTaskRow } from '../inbox/taskGroups';
import { shortToken } from '../swf/tokens';
import { quoteForLog } from '../history/historyFormat';
import { problemOf, validateIdentity, validateTaskListName } from '../validation/validation';
import { CONFIG_SECTION, Settings } from '../ids';
import type { CommandContext } from './commandContext';
import { pickOrType } from './pickOrType';
import { resolveRoot } from './resolveRoot';
import { showTaskInput } from './showTaskInput';

export async function claimNextTask(ctx: CommandContext, target?: unknown): Promise<ClaimedTask | undefined> {
  const title = vscode.l10n.t('Claim Next Task');
  const selected = isTaskRow(target) ? target : undefined;
  const root: RootSpec | undefined = isTaskListGroup(target) ? target.root : selected ? selected.root : (await resolveRoot(ctx, target, title))?.spec;
  if (!root) return undefined;
  const taskList = isTaskListGroup(target) ? target.name : selected ? selected.task.taskList : await pickTaskList(ctx, root, title);
  if (!taskList) return undefined;

  const identity = ctx.connections.identity();
  const identityCheck = validateIdentity(identity);
  if (!identityCheck.ok) {
    // Only a hand-edited settings.json gets here: the setting's schema caps it too.
    const openSettings = vscode.l10n.t('Open Settings');
    const setting = `${CONFIG_SECTION}.${Settings.identity.key}`;
    const open = await vscode.window.showErrorMessage(vscode.l10n.t('{0} Shorten the setting {1}.', identityCheck.message, setting), openSettings);
    if (open) await vscode.commands.executeCommand('workbench.action.openSettings', setting);
    return undefined;
  }
  const gateway = await ctx.connections.gateway(root.connection);
  ctx.log.info(`Polling task list "${taskList}" of ${root.domain} on ${gateway.description} as ${identity}`);
  const poll = gateway.pollForActivityTask(root.domain, taskList, identity);

  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Waiting for a task on "{0}" (up to 60 s)…', taskList), cancellable: true },
    (_progress, token) =>
      new Promise<'done' | 'cancelled'>((resolve) => {
        token.onCancellationRequested(() => resolve('cancelled'));
        poll.then(() => resolve('done'), () => resolve('done'));
      }),
  );

  if (outcome === 'cancelled') {
    ctx.log.info(`Stopped waiting on "${taskList}"; the poll runs out in the background and keeps any task it gets.`);
    void poll.then(async (task) => {
      if (!task) return;
      const claim = await keepClaim(ctx, gateway, root, taskList, identity, task);
      void vscode.window.showInformationMessage(vscode.l10n.t('A task arrived on "{0}" after you stopped waiting: {1}. It is claimed by you.', taskList, describeClaim(claim)));
    }, (error: unknown) => ctx.log.warn(`Background poll of "${taskList}" failed: ${errorMessage(describeSwfError(error))}`));
    return undefined;
  }

  const task = await poll; // rejections reach the command wrapper's error handling
  if (!task) {
    const pollAgain = vscode.l10n.t('Poll Again');
    const again = await vscode.window.showInformationMessage(vscode.l10n.t('No task was waiting on "{0}".', taskList), pollAgain);
    return again ? claimNextTask(ctx, target) : undefined;
  }
  const claim = await keepClaim(ctx, gateway, root, taskList, identity, task);
  const notThatOne = selected && selected.task.activityId !== claim.activityId
    ? ` ${vscode.l10n.t('SWF handed out the next task of the list, not the selected {0}.', selected.task.activityId)}`
    : '';
  const showInput = vscode.l10n.t('Show Input');
  void vscode.window.showInformationMessage(`${vscode.l10n.t('Claimed {0}.', describeClaim(claim))}${notThatOne}`, showInput).then((c) => (c ? showTaskInput(claim) : undefined));
  return claim;
}

async function keepClaim(ctx: CommandContext, gateway: SwfGateway, root: RootSpec, taskList: string, identity: string, task: Parameters<typeof claimFromActivityTask>[4]): Promise<ClaimedTask> {
  const claim = claimFromActivityTask(root.connection, root.domain, taskList, identity, task);
  await ctx.claims.add(claim);
  // Info says what happened; the event id and the peer's input (cut and escaped: it is untrusted text) are for debugging.
  ctx.log.info(`Claimed ${describeClaim(claim)} on ${gateway.description} (token ${shortToken(claim.taskToken)}).`);
  ctx.log.debug(`Claimed ${claim.activityId}: started event ${claim.startedEventId}, input ${claim.input ? quoteForLog(claim.input) : 'none'}`);
  await ctx.roots.find(root)?.refresh();
  return claim;
}

function describeClaim(claim: ClaimedTask): string {
  return vscode.l10n.t('{0} {1} "{2}" of {3}', claim.activityType.name, claim.activityType.version, claim.activityId, claim.workflowId);
}

async function pickTaskList(ctx: CommandContext, root: RootSpec, title: string): Promise<string | undefined> {
  const known = ctx.roots.find(root)?.tree?.groups.map((g) => ({ label: g.name })) ?? [];
  const picked = await pickOrType({
    title: vscode.l10n.t('{0}: which task list?', title),
    placeholder: known.length ? vscode.l10n.t('Pick a task list, or type its name') : vscode.l10n.t('Type a task list name'),
    items: known,
    typedItem: (name) => ({ label: name, description: vscode.l10n.t('poll this task list') }),
    validate: (name) => problemOf(validateTaskListName(name)),
  });
  return picked?.label;
}

