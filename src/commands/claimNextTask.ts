/**
 * Claim Next Task: polls a task list as a worker would (PollForActivityTask),
 * which starts the next task SWF hands out and gives us its token.
 *
 * SWF decides which task a poll gets, so claiming "this" scheduled task means
 * claiming the next one of its list; the result says which task it was.
 * Cancelling the progress does not abort the HTTP poll: SWF may already have
 * handed a task to it, and an aborted poll would lose that task until its
 * timeout. The poll runs out in the background and any task it brings is kept.
 */
import * as vscode from 'vscode';
import { claimFromActivityTask, type ClaimedTask } from '../swf/claims';
import { describeSwfError, errorMessage } from '../swf/errors';
import { shortToken } from '../swf/tokens';
import { validateIdentity } from '../swf/validation';
import { isTaskListGroup, isTaskRow } from '../tree/taskGroups';
import type { CommandContext } from './commandContext';
import { pickOrType } from './pickOrType';
import { showTaskInput } from './showTaskInput';

export async function claimNextTask(ctx: CommandContext, target?: unknown): Promise<ClaimedTask | undefined> {
  const domain = ctx.session.domain;
  if (!domain) {
    void vscode.window.showWarningMessage('Select an SWF domain first.', 'Select Domain').then((c) => c && vscode.commands.executeCommand('swfTasks.selectDomain'));
    return undefined;
  }
  const selected = isTaskRow(target) ? target : undefined;
  const taskList = isTaskListGroup(target) ? target.name : selected ? selected.task.taskList : await pickTaskList(ctx);
  if (!taskList) return undefined;

  const identity = ctx.session.identity();
  const identityCheck = validateIdentity(identity);
  if (!identityCheck.ok) {
    // Only a hand-edited settings.json gets here: the setting's schema caps it too.
    const open = await vscode.window.showErrorMessage(`${identityCheck.message} Shorten the setting swfTasks.identity.`, 'Open Settings');
    if (open) await vscode.commands.executeCommand('workbench.action.openSettings', 'swfTasks.identity');
    return undefined;
  }
  const gateway = await ctx.session.getGateway();
  ctx.log.info(`Polling task list "${taskList}" of ${domain} as ${identity}`);
  const poll = gateway.pollForActivityTask(domain, taskList, identity);

  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Waiting for a task on "${taskList}" (up to 60 s)…`, cancellable: true },
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
      const claim = await keepClaim(ctx, domain, taskList, identity, task);
      void vscode.window.showInformationMessage(`A task arrived on "${taskList}" after you stopped waiting: ${describeClaim(claim)}. It is claimed by you.`);
    }, (error: unknown) => ctx.log.warn(`Background poll of "${taskList}" failed: ${errorMessage(describeSwfError(error, ctx.session.errorContext('PollForActivityTask')))}`));
    return undefined;
  }

  const task = await poll; // rejections reach the command wrapper's error handling
  if (!task) {
    const again = await vscode.window.showInformationMessage(`No task was waiting on "${taskList}".`, 'Poll Again');
    return again ? claimNextTask(ctx, target) : undefined;
  }
  const claim = await keepClaim(ctx, domain, taskList, identity, task);
  const notThatOne = selected && selected.task.activityId !== claim.activityId
    ? ` SWF handed out the next task of the list, not the selected ${selected.task.activityId}.`
    : '';
  void vscode.window.showInformationMessage(`Claimed ${describeClaim(claim)}.${notThatOne}`, 'Show Input').then((c) => c && showTaskInput(claim));
  return claim;
}

async function keepClaim(ctx: CommandContext, domain: string, taskList: string, identity: string, task: Parameters<typeof claimFromActivityTask>[3]): Promise<ClaimedTask> {
  const claim = claimFromActivityTask(domain, taskList, identity, task);
  await ctx.session.claims.add(claim);
  ctx.log.info(`Claimed ${describeClaim(claim)} (token ${shortToken(claim.taskToken)}, started event ${claim.startedEventId})`);
  if (claim.input) ctx.log.info(`Input of ${claim.activityId}: ${claim.input}`);
  await ctx.tree.refresh();
  return claim;
}

function describeClaim(claim: ClaimedTask): string {
  return `${claim.activityType.name} ${claim.activityType.version} "${claim.activityId}" of ${claim.workflowId}`;
}

async function pickTaskList(ctx: CommandContext): Promise<string | undefined> {
  const known = ctx.tree.current?.groups.map((g) => ({ label: g.name })) ?? [];
  const picked = await pickOrType({
    title: 'Claim Next Task: which task list?',
    placeholder: known.length ? 'Pick a task list, or type its name' : 'Type a task list name',
    items: known,
    typedItem: (name) => ({ label: name, description: 'poll this task list' }),
  });
  return picked?.label;
}
