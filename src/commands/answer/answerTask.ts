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
import { type Connection, connectionId, connectionLabel } from '../../connection/connection';
import type { ClaimedTask } from '../../swf/claims';
import { describeSwfError, errorMessage } from '../../swf/errors';
import { formatHistoryEvent } from '../../swf/historyFormat';
import { readEventsAfter } from '../../swf/taskLister';
import { shortToken } from '../../swf/tokens';
import { notSentMessage, type RequestValidation, validateCancellation, validateCompletion, validateFailure, validateTaskToken } from '../../swf/validation';
import { describeTask, isTaskRow } from '../../swf/taskGroups';
import { answerDraftId, type Draft, type DraftStore } from '../../model/drafts';
import type { CommandContext } from '../commandContext';
import { showSwfError } from '../showError';
import type { AnswerEditors } from './answerEditors';
import { promptTaskToken, promptText, type TextPromptOptions } from './prompts';

export type AnswerAction = 'complete' | 'fail' | 'cancel';

interface AnswerTarget {
  taskToken: string;
  /** The connection that issued the token: the answer goes there and nowhere else. */
  connection: Connection;
  claim?: ClaimedTask;
  /** How the task is named in messages. */
  label: string;
}


const OPERATIONS: Record<AnswerAction, string> = {
  complete: 'RespondActivityTaskCompleted',
  fail: 'RespondActivityTaskFailed',
  cancel: 'RespondActivityTaskCanceled',
};

/** The fields an answer's draft holds. */
type AnswerField = 'result' | 'reason' | 'details';

export class TaskAnswers {
  /** Tokens whose answer is being sent: a second click, command or Submit meanwhile does nothing but say so. */
  private readonly sending = new Set<string>();

  constructor(
    private readonly ctx: CommandContext,
    private readonly editors: AnswerEditors,
    private readonly drafts: DraftStore,
  ) {}

  /** Entry point of the three commands. `arg` is a tree row, a task token string, or nothing (palette). */
  async answer(action: AnswerAction, arg?: unknown): Promise<boolean> {
    const target = await this.resolveTarget(arg);
    if (!target) return false;
    if (this.isSending(target)) return false;
    const draftId = answerDraftId(action, target.taskToken);
    // The draft is updated as the person types, so even backing out of a prompt (or a reload) keeps the text for next time.
    const draft = await this.drafts.open(draftId);
    const typed = await this.promptDraft(action, target, draft, () => this.drafts.changed(draftId));
    // Written now, not after the keystroke debounce: a reload right after backing out must find it.
    await this.drafts.flush();
    if (!typed) return false;
    if (this.isSending(target)) return false; // another answer went out while this one was being typed

    const validation = this.validate(action, target.taskToken, draft);
    if (!validation.ok) {
      void vscode.window.showErrorMessage(notSentMessage(validation.problems));
      return false;
    }
    this.sending.add(target.taskToken);
    try {
      await this.send(action, target, validation.request);
    } catch (error) {
      this.sending.delete(target.taskToken);
      await this.reportFailure(action, target, error); // after the flag is cleared: its Retry answers again
      return false;
    }
    try {
      await this.drafts.discard(draftId);
      await this.afterSent(action, target);
    } finally {
      this.sending.delete(target.taskToken);
    }
    return true;
  }

  /** Says so when an answer to this task is in flight. */
  private isSending(target: AnswerTarget): boolean {
    if (!this.sending.has(target.taskToken)) return false;
    void vscode.window.showInformationMessage(vscode.l10n.t('An answer to {0} is being sent already: wait for SWF to reply.', target.label));
    return true;
  }

  private async resolveTarget(arg: unknown): Promise<AnswerTarget | undefined> {
    if (isTaskRow(arg)) {
      if (arg.claim) return fromClaim(arg.claim);
      void vscode.window.showWarningMessage(vscode.l10n.t('Claim "{0}" first: only a claimed task has the token needed to answer it.', arg.task.activityId));
      return undefined;
    }
    if (typeof arg === 'string') return this.fromToken(arg);

    const claims = await this.ctx.claims.all();
    const items = [
      ...claims.map((c) => ({ label: `${c.activityType.name} ${c.activityType.version}`, description: `${c.activityId} · ${c.workflowId} · ${c.domain} · ${connectionLabel(c.connection)}`, claim: c })),
      { label: `$(key) ${vscode.l10n.t('Paste a task token…')}`, description: vscode.l10n.t('for a task claimed elsewhere'), claim: undefined },
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Which task?'),
      placeHolder: claims.length ? vscode.l10n.t('Pick a task you claimed, or paste a token') : vscode.l10n.t('You have claimed no task: paste a task token'),
      matchOnDescription: true,
    });
    if (!picked) return undefined;
    if (picked.claim) return fromClaim(picked.claim);
    const token = await promptTaskToken((raw) => {
      const check = validateTaskToken(raw);
      return check.ok ? undefined : check.message;
    });
    return token ? this.fromToken(token) : undefined;
  }

  /** A token from a worker's log (or a notification): our claim's, or one whose issuing connection the person names. */
  private async fromToken(raw: string): Promise<AnswerTarget | undefined> {
    const taskToken = raw.trim();
    const claim = (await this.ctx.claims.all()).find((c) => c.taskToken === taskToken);
    if (claim) return fromClaim(claim);
    const connection = await this.pickIssuingConnection();
    return connection && { taskToken, connection, label: vscode.l10n.t('the task with token {0}', shortToken(taskToken)) };
  }

  /** A token is valid only on the connection that issued it: with several in use, the person says which. */
  private async pickIssuingConnection(): Promise<Connection | undefined> {
    const byId = new Map<string, Connection>();
    for (const model of this.ctx.roots.roots) byId.set(connectionId(model.spec.connection), model.spec.connection);
    const connections = [...byId.values()];
    if (connections.length === 1) return connections[0];
    if (connections.length === 0) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Add the domain whose task this is first (SWF: Add Domain...): a token is answered on the connection that issued it.'));
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      connections.map((connection) => ({ label: connectionLabel(connection), connection })),
      { title: vscode.l10n.t('Which connection issued this token?'), placeHolder: vscode.l10n.t('The answer is sent there only') },
    );
    return picked?.connection;
  }

  /** Asks for each field of the answer into `draft` (prefilled from it); false when the person backed out. */
  private async promptDraft(action: AnswerAction, target: AnswerTarget, draft: Draft, changed: () => void): Promise<boolean> {
    const title = vscode.l10n.t('{0}: {1}', actionTitle(action), target.label);
    const remember = (field: AnswerField) => (typed: string) => {
      draft[field] = typed;
      changed();
    };
    const ask = async (field: AnswerField, options: Omit<TextPromptOptions, 'field' | 'title' | 'value' | 'remember'>): Promise<boolean> => {
      const text = await promptText({ ...options, field, title, value: draft[field], remember: remember(field) }, this.editors);
      return text !== undefined;
    };
    switch (action) {
      case 'complete':
        return ask('result', { prompt: vscode.l10n.t('Result to return to the decider (optional; Enter to send).'), placeholder: vscode.l10n.t('customer credit card verified') });
      case 'fail':
        return (
          (await ask('reason', { prompt: vscode.l10n.t('Reason for the failure (up to 256 characters).'), placeholder: vscode.l10n.t('card declined'), step: 1, totalSteps: 2 })) &&
          ask('details', { prompt: vscode.l10n.t('Details (optional).'), step: 2, totalSteps: 2 })
        );
      case 'cancel':
        return (await this.confirmCancel(target)) && ask('details', { prompt: vscode.l10n.t('Details of the cancellation (optional).') });
    }
  }

  /** Cancellation is the worker's answer to a cancel request; ask before cancelling a task nobody asked to cancel. */
  private async confirmCancel(target: AnswerTarget): Promise<boolean> {
    let requested: boolean | undefined;
    try {
      const gateway = await this.ctx.connections.gateway(target.connection);
      requested = (await gateway.recordHeartbeat(target.taskToken)).cancelRequested;
    } catch (error) {
      const info = describeSwfError(error, { domain: target.claim?.domain });
      if (info.kind === 'taskClosed') {
        // Evidence from the token's own connection that its task is closed: the claim goes.
        await this.forgetClosed(target);
        await showSwfError(this.ctx, error, { context: { domain: target.claim?.domain }, prefix: target.label });
        return false;
      }
      this.ctx.log.warn(`Could not check whether cancellation was requested: ${errorMessage(info)}`);
    }
    if (requested) return true;
    const why = requested === false ? vscode.l10n.t('The decider has not requested cancellation of this task.') : vscode.l10n.t('Could not check whether cancellation was requested.');
    const cancelTask = vscode.l10n.t('Cancel Task');
    const choice = await vscode.window.showWarningMessage(
      `${why} ${vscode.l10n.t('Cancel {0} anyway?', target.label)}`,
      { modal: true, detail: vscode.l10n.t('The workflow sees ActivityTaskCanceled as if it had asked for it.') },
      cancelTask,
    );
    return choice === cancelTask;
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

  /** The one SWF call of an answer; throws what the call threw. */
  private async send(action: AnswerAction, target: AnswerTarget, request: object & { taskToken: string }): Promise<void> {
    const gateway = await this.ctx.connections.gateway(target.connection);
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('{0}: {1}…', actionTitle(action), target.label) }, () => {
      switch (action) {
        case 'complete':
          return gateway.respondCompleted(request);
        case 'fail':
          return gateway.respondFailed(request);
        case 'cancel':
          return gateway.respondCanceled(request);
      }
    });
  }

  /** The answer is recorded: forget the claim, say so, and show what it set off. */
  private async afterSent(action: AnswerAction, target: AnswerTarget): Promise<void> {
    this.ctx.log.info(`${OPERATIONS[action]}: ${target.label} on ${connectionLabel(target.connection)} (token ${shortToken(target.taskToken)})`);
    await this.ctx.claims.remove(target.taskToken);
    void vscode.window.showInformationMessage(pastText(action, target.label));
    await this.logCausedEvents(target);
    await this.refreshRootOf(target);
  }

  private async reportFailure(action: AnswerAction, target: AnswerTarget, error: unknown): Promise<void> {
    const context = { domain: target.claim?.domain, connection: connectionLabel(target.connection) };
    // Evidence from the token's own connection that its task is closed: the claim goes.
    if (describeSwfError(error, context).kind === 'taskClosed') await this.forgetClosed(target);
    const retry = vscode.l10n.t('Retry');
    const copy = vscode.l10n.t('Copy What I Typed');
    const { choice } = await showSwfError(this.ctx, error, {
      context,
      prefix: `${OPERATIONS[action]} for ${target.label} failed`,
      choices: (info) => (info.kind === 'taskClosed' ? [copy] : [retry]),
    });
    if (choice === retry) await this.answer(action, target.taskToken);
    if (choice === copy) {
      const draftId = answerDraftId(action, target.taskToken);
      const draft = await this.drafts.open(draftId);
      await vscode.env.clipboard.writeText([draft.result, draft.reason, draft.details].filter((t) => t !== undefined && t !== '').join('\n\n'));
      // The task is closed: its text is on the clipboard now, and nothing can send it any more.
      await this.drafts.discard(draftId);
    }
  }

  private async forgetClosed(target: AnswerTarget): Promise<void> {
    await this.ctx.claims.remove(target.taskToken);
    await this.refreshRootOf(target);
  }

  private async refreshRootOf(target: AnswerTarget): Promise<void> {
    if (target.claim) await this.ctx.roots.find({ connection: target.claim.connection, domain: target.claim.domain })?.refresh();
  }

  /** Logs the events recorded since the task was started: the answer and what it set off (a decision task). */
  private async logCausedEvents(target: AnswerTarget): Promise<void> {
    const claim = target.claim;
    if (!claim) {
      this.ctx.log.info('The execution of a pasted token is unknown here: use Show Execution History on it to see the result.');
      return;
    }
    try {
      const gateway = await this.ctx.connections.gateway(claim.connection);
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
  return { taskToken: claim.taskToken, connection: claim.connection, claim, label: describeTask(claim) };
}

function actionTitle(action: AnswerAction): string {
  switch (action) {
    case 'complete':
      return vscode.l10n.t('Complete Task');
    case 'fail':
      return vscode.l10n.t('Fail Task');
    case 'cancel':
      return vscode.l10n.t('Cancel Task');
  }
}

function pastText(action: AnswerAction, label: string): string {
  switch (action) {
    case 'complete':
      return vscode.l10n.t('Completed {0}.', label);
    case 'fail':
      return vscode.l10n.t('Failed {0}.', label);
    case 'cancel':
      return vscode.l10n.t('Canceled {0}.', label);
  }
}
