/**
 * Complete Task, Fail Task, Cancel Task.
 *
 * Each one: find the task (a claimed row, or a pasted token from the
 * palette), ask for what to send (validated as typed), check the request
 * locally against SWF's limits (nothing invalid is sent), call the API, then
 * log the history events the answer caused. What the person typed is kept as
 * a draft until the call succeeds, so a failed call can be retried with it.
 */
import * as vscode from 'vscode';
import type { ClaimedTask } from '../../swf/claims';
import { describeSwfError, errorMessage } from '../../swf/errors';
import { formatHistoryEvent } from '../../swf/historyFormat';
import { readEventsAfter } from '../../swf/taskLister';
import { shortToken } from '../../swf/tokens';
import { type FieldProblem, type RequestValidation, validateCancellation, validateCompletion, validateFailure, validateTaskToken } from '../../swf/validation';
import { describeTask, isTaskRow } from '../../tree/taskGroups';
import type { CommandContext } from '../commandContext';
import type { AnswerEditors } from './answerEditors';
import { promptTaskToken, promptText, type TextPromptOptions } from './prompts';

export type AnswerAction = 'complete' | 'fail' | 'cancel';

interface AnswerTarget {
  taskToken: string;
  claim?: ClaimedTask;
  /** How the task is named in messages. */
  label: string;
}

/** What was typed for one task and action; survives a failed call. */
type Draft = { result?: string; reason?: string; details?: string };

const OPERATIONS: Record<AnswerAction, string> = {
  complete: 'RespondActivityTaskCompleted',
  fail: 'RespondActivityTaskFailed',
  cancel: 'RespondActivityTaskCanceled',
};
const PAST: Record<AnswerAction, string> = { complete: 'Completed', fail: 'Failed', cancel: 'Canceled' };
const PASTE_TOKEN = '$(key) Paste a task token…';

export class TaskAnswers {
  private readonly drafts = new Map<string, Draft>();

  constructor(
    private readonly ctx: CommandContext,
    private readonly editors: AnswerEditors,
  ) {}

  /** Entry point of the three commands. `arg` is a tree row, a task token string, or nothing (palette). */
  async answer(action: AnswerAction, arg?: unknown): Promise<boolean> {
    const target = await this.resolveTarget(arg);
    if (!target) return false;
    const draftKey = `${action}:${target.taskToken}`;
    // The draft is updated as the person types, so even backing out of a prompt keeps the text for next time.
    const draft = this.drafts.get(draftKey) ?? {};
    this.drafts.set(draftKey, draft);
    if (!(await this.promptDraft(action, target, draft))) return false;

    const validation = this.validate(action, target.taskToken, draft);
    if (!validation.ok) {
      void vscode.window.showErrorMessage(problemsText(validation.problems));
      return false;
    }
    const sent = await this.send(action, target, validation.request);
    if (sent) this.drafts.delete(draftKey);
    return sent;
  }

  private async resolveTarget(arg: unknown): Promise<AnswerTarget | undefined> {
    if (isTaskRow(arg)) {
      if (arg.claim) return fromClaim(arg.claim);
      void vscode.window.showWarningMessage(`Claim "${arg.task.activityId}" first: only a claimed task has the token needed to answer it.`);
      return undefined;
    }
    if (typeof arg === 'string') return this.fromToken(arg);

    const claims = await this.ctx.session.claims.all();
    const items = [
      ...claims.map((c) => ({ label: `${c.activityType.name} ${c.activityType.version}`, description: `${c.activityId} · ${c.workflowId} · ${c.domain}`, claim: c })),
      { label: PASTE_TOKEN, description: 'for a task claimed elsewhere', claim: undefined },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: 'Which task?', placeHolder: claims.length ? 'Pick a task you claimed, or paste a token' : 'You have claimed no task: paste a task token' });
    if (!picked) return undefined;
    if (picked.claim) return fromClaim(picked.claim);
    const token = await promptTaskToken((raw) => {
      const check = validateTaskToken(raw);
      return check.ok ? undefined : check.message;
    });
    return token ? this.fromToken(token) : undefined;
  }

  private async fromToken(raw: string): Promise<AnswerTarget> {
    const taskToken = raw.trim();
    const claim = (await this.ctx.session.claims.all()).find((c) => c.taskToken === taskToken);
    return claim ? fromClaim(claim) : { taskToken, label: `the task with token ${shortToken(taskToken)}` };
  }

  /** Asks for each field of the answer into `draft` (prefilled from it); false when the person backed out. */
  private async promptDraft(action: AnswerAction, target: AnswerTarget, draft: Draft): Promise<boolean> {
    const title = `${actionTitle(action)}: ${target.label}`;
    const ask = async (field: keyof Draft, options: Omit<TextPromptOptions, 'field' | 'title' | 'value' | 'remember'>): Promise<boolean> => {
      const text = await promptText({ ...options, field, title, value: draft[field], remember: (typed) => (draft[field] = typed) }, this.editors);
      return text !== undefined;
    };
    switch (action) {
      case 'complete':
        return ask('result', { prompt: 'Result to return to the decider (optional; Enter to send).', placeholder: 'customer credit card verified' });
      case 'fail':
        return (
          (await ask('reason', { prompt: 'Reason for the failure (up to 256 characters).', placeholder: 'card declined', step: 1, totalSteps: 2 })) &&
          ask('details', { prompt: 'Details (optional).', step: 2, totalSteps: 2 })
        );
      case 'cancel':
        return (await this.confirmCancel(target)) && ask('details', { prompt: 'Details of the cancellation (optional).' });
    }
  }

  /** Cancellation is the worker's answer to a cancel request; ask before cancelling a task nobody asked to cancel. */
  private async confirmCancel(target: AnswerTarget): Promise<boolean> {
    let requested: boolean | undefined;
    try {
      const gateway = await this.ctx.session.getGateway();
      requested = (await gateway.recordHeartbeat(target.taskToken)).cancelRequested;
    } catch (error) {
      const info = describeSwfError(error, this.ctx.session.errorContext('RecordActivityTaskHeartbeat'));
      if (info.kind === 'taskClosed' || info.kind === 'unknownResource') {
        await this.forgetClosed(target);
        void vscode.window.showErrorMessage(errorMessage(info));
        return false;
      }
      this.ctx.log.warn(`Could not check whether cancellation was requested: ${info.title}`);
    }
    if (requested) return true;
    const why = requested === false ? 'The decider has not requested cancellation of this task.' : 'Could not check whether cancellation was requested.';
    const choice = await vscode.window.showWarningMessage(`${why} Cancel ${target.label} anyway?`, { modal: true, detail: 'The workflow sees ActivityTaskCanceled as if it had asked for it.' }, 'Cancel Task');
    return choice === 'Cancel Task';
  }

  private validate(action: AnswerAction, taskToken: string, draft: Draft): RequestValidation<object & { taskToken: string }> {
    switch (action) {
      case 'complete':
        return validateCompletion({ taskToken, result: draft.result });
      case 'fail':
        return validateFailure({ taskToken, reason: draft.reason, details: draft.details });
      case 'cancel':
        return validateCancellation({ taskToken, details: draft.details });
    }
  }

  private async send(action: AnswerAction, target: AnswerTarget, request: object & { taskToken: string }): Promise<boolean> {
    const operation = OPERATIONS[action];
    const gateway = await this.ctx.session.getGateway();
    try {
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `${actionTitle(action)}: ${target.label}…` }, () => {
        switch (action) {
          case 'complete':
            return gateway.respondCompleted(request);
          case 'fail':
            return gateway.respondFailed(request);
          case 'cancel':
            return gateway.respondCanceled(request);
        }
      });
    } catch (error) {
      await this.reportFailure(action, target, error, operation);
      return false;
    }
    this.ctx.log.info(`${operation}: ${target.label} (token ${shortToken(target.taskToken)})`);
    await this.ctx.session.claims.remove(target.taskToken);
    void vscode.window.showInformationMessage(`${PAST[action]} ${target.label}.`);
    await this.logCausedEvents(target);
    await this.ctx.tree.refresh();
    return true;
  }

  private async reportFailure(action: AnswerAction, target: AnswerTarget, error: unknown, operation: string): Promise<void> {
    const info = describeSwfError(error, { ...this.ctx.session.errorContext(operation), domain: target.claim?.domain });
    this.ctx.log.error(`${operation} for ${target.label} failed: ${errorMessage(info)}`);
    if (info.refreshTree) await this.forgetClosed(target);
    const actions = info.kind === 'taskClosed' ? ['Copy What I Typed', 'Show Log'] : ['Retry', 'Show Log'];
    const choice = await vscode.window.showErrorMessage(errorMessage(info), ...actions);
    if (choice === 'Retry') await this.answer(action, target.taskToken);
    if (choice === 'Show Log') this.ctx.log.show(true);
    if (choice === 'Copy What I Typed') {
      const draft = this.drafts.get(`${action}:${target.taskToken}`) ?? {};
      await vscode.env.clipboard.writeText([draft.result, draft.reason, draft.details].filter((t) => t !== undefined && t !== '').join('\n\n'));
    }
  }

  private async forgetClosed(target: AnswerTarget): Promise<void> {
    await this.ctx.session.claims.remove(target.taskToken);
    await this.ctx.tree.refresh();
  }

  /** Logs the events recorded since the task was started: the answer and what it set off (a decision task). */
  private async logCausedEvents(target: AnswerTarget): Promise<void> {
    const claim = target.claim;
    if (!claim) {
      this.ctx.log.info('The execution of a pasted token is unknown here: use Show Execution History on it to see the result.');
      return;
    }
    try {
      const gateway = await this.ctx.session.getGateway();
      const execution = { workflowId: claim.workflowId, runId: claim.runId };
      const events = await readEventsAfter(gateway, claim.domain, execution, claim.startedEventId, { firstPageSize: 10, pageSize: 100 });
      this.ctx.log.info(`History of ${claim.workflowId} after the answer:`);
      for (const event of events) this.ctx.log.info(`  ${formatHistoryEvent(event)}`);
    } catch (error) {
      this.ctx.log.warn(`Could not read the history after the answer: ${describeSwfError(error).title}`);
    }
  }
}

function fromClaim(claim: ClaimedTask): AnswerTarget {
  return { taskToken: claim.taskToken, claim, label: describeTask(claim) };
}

function actionTitle(action: AnswerAction): string {
  return { complete: 'Complete Task', fail: 'Fail Task', cancel: 'Cancel Task' }[action];
}

function problemsText(problems: readonly FieldProblem[]): string {
  return `Not sent: ${problems.map((p) => p.message).join(' ')}`;
}
