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
import type { ClaimedTask } from '../../claims/claims';
import { describeSwfError, errorMessage } from '../../swf/errors';
import { formatHistoryEvent } from '../../history/historyFormat';
import { readEventsAfter } from '../../swf/taskLister';
import { shortToken } from '../../swf/tokens';
import { notSentMessage, type RequestValidation, validateCancellation, validateCompletion, validateFailure, validateTaskToken } from '../../validation/validation';
import type { HistoryEvent } from '@aws-sdk/client-swf';
import type { SchemaCheck } from '../../answers/resultSchemas';
import { fillTemplate } from '../../answers/templates';
import type { AnswerServices } from './answerServices';
import { saveAsTemplate } from './templateCommands';
import { describeTask, isTaskRow } from '../../inbox/taskGroups';
import { answerDraftId, type Draft, type DraftStore } from '../../model/drafts';
import type { CommandContext } from '../commandContext';
import { confirmAction } from '../confirm';
import { showSwfError } from '../showError';
import type { AnswerEditors } from './answerEditors';
import { promptTaskToken, promptText, type TextPromptOptions } from './prompts';

/** How long after an answer to the local sandbox the root is read once more, for its sample decider's next task. */
const SANDBOX_DECIDER_GRACE_MS = 1_000;

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

/** What the log says was done, in words. */
const ANSWERED: Record<AnswerAction, string> = {
  complete: 'Completed',
  fail: 'Failed',
  cancel: 'Canceled',
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
    private readonly services: AnswerServices,
  ) {}

  /** Entry point of the three commands. `arg` is a tree row, a task token string, or nothing (palette). */
  async answer(action: AnswerAction, arg?: unknown): Promise<boolean> {
    const target = await this.resolveTarget(arg);
    if (!target) return false;
    if (this.isSending(target)) return false;
    const draftId = answerDraftId(action, target.taskToken);
    // The draft is updated as the person types, so even backing out of a prompt (or a reload) keeps the text for next time.
    const draft = await this.drafts.open(draftId);
    const schema = await this.schemaFor(action, target);
    const typed = await this.promptDraft(action, target, draft, () => this.drafts.changed(draftId), schema);
    // Written now, not after the keystroke debounce: a reload right after backing out must find it.
    await this.drafts.flush();
    if (!typed) return false;
    if (this.isSending(target)) return false; // another answer went out while this one was being typed

    const validation = this.validate(action, target.taskToken, draft, schema);
    if (!validation.ok) {
      void vscode.window.showErrorMessage(notSentMessage(validation.problems));
      return false;
    }
    this.sending.add(target.taskToken);
    try {
      await this.send(action, target, validation.request);
    } catch (error) {
      this.sending.delete(target.taskToken);
      await this.journal(action, target, validation.request, { outcome: 'error', error: error instanceof Error ? error.name : 'Error' });
      await this.reportFailure(action, target, error); // after the flag is cleared: its Retry answers again
      return false;
    }
    try {
      await this.drafts.discard(draftId);
      const eventId = await this.afterSent(action, target, validation.request);
      await this.journal(action, target, validation.request, { outcome: 'recorded', eventId });
    } finally {
      this.sending.delete(target.taskToken);
    }
    return true;
  }

  /**
   * The schema of what this answer sends (the result of Complete, the details
   * of Fail), when the task's activity type has one. A schema file that cannot
   * be used is reported, and the answer is checked against SWF's limits only.
   */
  private async schemaFor(action: AnswerAction, target: AnswerTarget): Promise<SchemaCheck | undefined> {
    const type = target.claim?.activityType;
    if (!type || action === 'cancel') return undefined;
    let lookup;
    try {
      lookup = await this.services.schemas.lookup(type, action === 'complete' ? 'result' : 'failure');
    } catch (error) {
      this.ctx.log.warn(`Could not read the schema of ${type.name} ${type.version}: ${String(error)}`);
      return undefined;
    }
    if (lookup.kind === 'broken') {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} The answer is checked against SWF\'s limits only.', lookup.message));
      return undefined;
    }
    return lookup.kind === 'found' ? lookup.check : undefined;
  }

  /** One line in the answer journal; never the token. */
  private async journal(action: AnswerAction, target: AnswerTarget, request: { result?: string; reason?: string; details?: string }, outcome: { outcome: 'recorded' | 'error'; error?: string; eventId?: number }): Promise<void> {
    const claim = target.claim;
    await this.services.record(
      {
        action,
        ...outcome,
        connection: connectionLabel(target.connection),
        domain: claim?.domain,
        workflowId: claim?.workflowId,
        runId: claim?.runId,
        activityId: claim?.activityId,
        activityType: claim?.activityType,
        identity: claim?.identity,
      },
      action === 'complete' ? request.result : request.details,
      request.reason,
    );
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
  private async promptDraft(action: AnswerAction, target: AnswerTarget, draft: Draft, changed: () => void, schema: SchemaCheck | undefined): Promise<boolean> {
    const title = vscode.l10n.t('{0}: {1}', actionTitle(action), target.label);
    const remember = (field: AnswerField) => (typed: string) => {
      draft[field] = typed;
      changed();
    };
    const activityType = target.claim?.activityType;
    const ask = async (field: AnswerField, options: Omit<TextPromptOptions, 'field' | 'title' | 'value' | 'remember' | 'editorName'>): Promise<boolean> => {
      const editorName = editorTabName(action, field, target);
      const text = await promptText({ activityType, ...options, field, title, value: draft[field], remember: remember(field), editorName }, this.editors);
      return text !== undefined;
    };
    switch (action) {
      case 'complete': {
        const start = await this.pickTemplate(target, draft);
        if (start === undefined) return false;
        if (start.text !== undefined) remember('result')(start.text);
        const prompt = schema
          ? vscode.l10n.t('Result to return to the decider, checked against {0} (Enter to send).', schema.fileName)
          : vscode.l10n.t('Result to return to the decider (optional; Enter to send).');
        return ask('result', { prompt, placeholder: vscode.l10n.t('customer credit card verified'), schema, fromTemplate: start.fromTemplate });
      }
      case 'fail':
        return (
          (await ask('reason', { prompt: vscode.l10n.t('Reason for the failure (up to 256 characters).'), placeholder: vscode.l10n.t('card declined'), step: 1, totalSteps: 2 })) &&
          ask('details', { prompt: vscode.l10n.t('Details (optional).'), step: 2, totalSteps: 2, schema })
        );
      case 'cancel':
        return (await this.confirmCancel(target)) && ask('details', { prompt: vscode.l10n.t('Details of the cancellation (optional).') });
    }
  }

  /**
   * What was typed before (a draft), then the activity type's templates,
   * then a blank answer. A template's placeholders are filled from
   * the task input. `undefined`: the person backed out; `text` undefined:
   * keep the draft as it is.
   */
  private async pickTemplate(target: AnswerTarget, draft: Draft): Promise<{ text?: string; fromTemplate?: boolean } | undefined> {
    const type = target.claim?.activityType;
    if (!type) return {};
    let templates;
    try {
      templates = await this.services.files.templates(type);
    } catch (error) {
      this.ctx.log.warn(`Could not read the templates of ${type.name} ${type.version}: ${String(error)}`);
      return {};
    }
    if (templates.length === 0) return {};
    type Item = vscode.QuickPickItem & { text?: string; template?: boolean };
    const typedBefore = draft.result;
    // What was typed before (a Retry, a reload) comes first, so Enter never throws it away; then the templates, then blank.
    const items: Item[] = [
      ...(typedBefore ? [{ label: `$(history) ${vscode.l10n.t('What you typed before')}`, detail: oneLine(typedBefore), text: undefined }] : []),
      ...templates.map((template) => ({ label: `$(file-text) ${template.name}`, description: vscode.l10n.t('template'), detail: oneLine(template.text), text: template.text, template: true })),
      { label: `$(file) ${vscode.l10n.t('Blank answer')}`, text: '' },
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Complete Task: {0}', target.label),
      placeHolder: vscode.l10n.t('Start from a template of {0} {1}, or from a blank answer', type.name, type.version),
      ignoreFocusOut: true,
    });
    if (!picked) return undefined;
    if (!picked.template) return { text: picked.text };
    const filled = fillTemplate(picked.text ?? '', target.claim?.input);
    if (filled.missing.length) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The task input has no {0}: fill in by hand.', filled.missing.map((name) => `\${${name}}`).join(', ')));
    }
    return { text: filled.text, fromTemplate: true };
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
    return confirmAction({
      title: vscode.l10n.t('Cancel Task: {0}', target.label),
      question: `${why} ${vscode.l10n.t('Cancel it anyway?')}`,
      keep: vscode.l10n.t('Keep the task: do not cancel it'),
      act: vscode.l10n.t('Cancel {0} anyway', target.claim?.activityId ?? target.label),
      consequence: vscode.l10n.t('Sends RespondActivityTaskCanceled: the workflow sees ActivityTaskCanceled as if it had asked for it.'),
    });
  }

  /** The last check before the call: SWF's limits, and the schema when there is one. */
  private validate(action: AnswerAction, taskToken: string, draft: Draft, schema: SchemaCheck | undefined): RequestValidation<object & { taskToken: string; result?: string; reason?: string; details?: string }> {
    switch (action) {
      case 'complete':
        return validateCompletion({ taskToken, result: draft.result }, schema?.check);
      case 'fail':
        return validateFailure({ taskToken, reason: draft.reason, details: draft.details }, schema?.check);
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

  /** The answer is recorded: forget the claim, say so, and show what it set off. Resolves with the id of the event that recorded it, when read. */
  private async afterSent(action: AnswerAction, target: AnswerTarget, request: { result?: string }): Promise<number | undefined> {
    this.ctx.log.info(`${ANSWERED[action]} ${target.label} on ${connectionLabel(target.connection)} (token ${shortToken(target.taskToken)}).`);
    await this.ctx.claims.remove(target.taskToken);
    this.offerTemplate(action, target, request.result);
    const events = await this.logCausedEvents(target);
    await this.refreshRootOf(target);
    // The sandbox's sample decider answers the decision task this answer caused within milliseconds, often just after
    // that refresh: one more, a moment later, shows the next step's task. (Real deciders take their time: no extra reads.)
    if (target.connection.kind === 'sandbox') setTimeout(() => void this.refreshRootOf(target), SANDBOX_DECIDER_GRACE_MS).unref?.();
    return target.claim && events ? recordingEventId(action, target.claim.startedEventId, events) : undefined;
  }

  /** "Completed ...", with Save as Template when a result of a known activity type was sent. */
  private offerTemplate(action: AnswerAction, target: AnswerTarget, result: string | undefined): void {
    const type = target.claim?.activityType;
    if (action !== 'complete' || !type || !result) {
      void vscode.window.showInformationMessage(pastText(action, target.label));
      return;
    }
    const save = vscode.l10n.t('Save as Template');
    void vscode.window.showInformationMessage(pastText(action, target.label), save).then((choice) => {
      if (choice === save) void saveAsTemplate(this.ctx, this.services, type, result);
    });
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
  private async logCausedEvents(target: AnswerTarget): Promise<HistoryEvent[] | undefined> {
    const claim = target.claim;
    if (!claim) {
      this.ctx.log.info('The execution of a pasted token is unknown here: use Show Execution History on it to see the result.');
      return undefined;
    }
    try {
      const gateway = await this.ctx.connections.gateway(claim.connection);
      const execution = { workflowId: claim.workflowId, runId: claim.runId };
      const events = await readEventsAfter(gateway, claim.domain, execution, claim.startedEventId, { firstPageSize: 10, pageSize: 100 });
      this.ctx.log.info(`History of ${claim.workflowId} after the answer:`);
      for (const event of events) this.ctx.log.info(`  ${formatHistoryEvent(event)}`);
      return events;
    } catch (error) {
      this.ctx.log.warn(`Could not read the history after the answer: ${describeSwfError(error).title}`);
      return undefined;
    }
  }
}

/** The event that recorded the answer to the task started by `startedEventId`. */
function recordingEventId(action: AnswerAction, startedEventId: number, events: readonly HistoryEvent[]): number | undefined {
  const found = events.find((event) => {
    switch (action) {
      case 'complete':
        return event.activityTaskCompletedEventAttributes?.startedEventId === startedEventId;
      case 'fail':
        return event.activityTaskFailedEventAttributes?.startedEventId === startedEventId;
      case 'cancel':
        return event.activityTaskCanceledEventAttributes?.startedEventId === startedEventId;
    }
  });
  return found?.eventId;
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

function fromClaim(claim: ClaimedTask): AnswerTarget {
  return { taskToken: claim.taskToken, connection: claim.connection, claim, label: describeTask(claim) };
}

/** The answer editor's tab: what is answered and which task (`Complete charge-order-1005`, `Fail charge-order-1005 (details)`). */
function editorTabName(action: AnswerAction, field: AnswerField, target: AnswerTarget): string {
  const task = target.claim?.activityId ?? shortToken(target.taskToken);
  switch (action) {
    case 'complete':
      return vscode.l10n.t('Complete {0}', task);
    case 'fail':
      return field === 'reason' ? vscode.l10n.t('Fail {0} (reason)', task) : vscode.l10n.t('Fail {0} (details)', task);
    case 'cancel':
      return vscode.l10n.t('Cancel {0} (details)', task);
  }
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
