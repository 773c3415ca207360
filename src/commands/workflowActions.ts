/**
 * Signal Workflow, Request Cancel Workflow, Terminate Workflow: acts on a
 * whole execution (from a task row, the execution panel, or a pick from the
 * palette), on the connection of the root that shows it.
 *
 * Each one asks for what to send (validated as typed), checks the request
 * locally against SWF's limits, calls the API, then logs the history events
 * the call caused. What was typed is a draft keyed by execution until the
 * call succeeds, so a cancelled prompt or a failed call keeps it, and Retry
 * (or the next run of the command) offers it again, prefilled.
 */
import * as vscode from 'vscode';
import { connectionLabel, rootId } from '../connection/connection';
import { describeSwfError } from '../swf/errors';
import type { SwfGateway } from '../swf/gateway';
import type { DraftStore } from '../model/drafts';
import { formatHistoryEvent } from '../history/historyFormat';
import { readEventsAfter } from '../swf/taskLister';
import type { ExecutionTarget } from '../inbox/taskGroups';
import { type ChildPolicy, CHILD_POLICIES, type FieldProblem, lengthHint, notSentMessage, validateSignal, validateSignalName, validateTermination } from '../validation/validation';
import type { AnswerEditors } from './answer/answerEditors';
import type { AnswerServices } from './answer/answerServices';
import type { HistoryEvent } from '@aws-sdk/client-swf';
import { promptText, runInputBox, showNote, type TextPromptOptions } from './answer/prompts';
import { confirmAction } from './confirm';
import type { CommandContext } from './commandContext';
import { resolveExecution } from './resolveExecution';
import { showSwfError } from './showError';

export type WorkflowAction = 'signal' | 'requestCancel' | 'terminate';

/** The child policy picked as "the execution's default" (SWF's own word for none is leaving it out). */
const EXECUTION_DEFAULT = 'default';

/** What was typed for one action on one execution, kept in the draft store (strings only). */
interface Draft {
  signalName?: string;
  input?: string;
  reason?: string;
  details?: string;
  childPolicy?: ChildPolicy | typeof EXECUTION_DEFAULT;
}

const OPERATIONS: Record<WorkflowAction, string> = {
  signal: 'SignalWorkflowExecution',
  requestCancel: 'RequestCancelWorkflowExecution',
  terminate: 'TerminateWorkflowExecution',
};

/** What the log says was done, in words. */
const DONE: Record<WorkflowAction, string> = {
  signal: 'Signaled',
  requestCancel: 'Requested the cancellation of',
  terminate: 'Terminated',
};

/** The events each call records; an answer with none of them changed nothing (a repeated cancel request). */
const CAUSED_EVENT: Record<WorkflowAction, string> = {
  signal: 'WorkflowExecutionSignaled',
  requestCancel: 'WorkflowExecutionCancelRequested',
  terminate: 'WorkflowExecutionTerminated',
};

export class WorkflowActions {
  constructor(
    private readonly ctx: CommandContext,
    private readonly editors: AnswerEditors,
    private readonly drafts: DraftStore,
    private readonly services: AnswerServices,
  ) {}

  /** Entry point of the three commands: true when the call was sent and SWF accepted it. */
  async run(action: WorkflowAction, arg?: unknown): Promise<boolean> {
    const target = await resolveExecution(this.ctx, arg, actionTitle(action));
    if (!target?.workflowId || !target.runId) return false;
    const key = draftKey(action, target);
    // Updated as the person types: backing out of a prompt (or a reload after it) keeps the text for next time.
    const draft: Draft = await this.drafts.open(key);
    const typed = async (done: boolean): Promise<boolean> => {
      this.drafts.changed(key);
      await this.drafts.flush();
      return done;
    };

    const title: Titled = { text: vscode.l10n.t('{0}: {1}', actionTitle(action), target.workflowId), workflowId: target.workflowId };
    let send: (gateway: SwfGateway) => Promise<void>;
    let what = target.workflowId;
    /** What the journal records: the signal's input or the termination's details, and its name or reason. */
    let sentText: string | undefined;
    let sentReason: string | undefined;
    switch (action) {
      case 'signal': {
        if (!(await typed(await this.promptSignal(title, draft)))) return false;
        const validation = validateSignal({ signalName: draft.signalName ?? '', input: draft.input });
        if (!validation.ok) return refuse(validation.problems);
        const { signalName, input } = validation.request;
        what = vscode.l10n.t('{0} with "{1}"', target.workflowId, signalName);
        sentText = input;
        sentReason = signalName;
        send = (gateway) => gateway.signalWorkflow(target.root.domain, target, signalName, input);
        break;
      }
      case 'requestCancel':
        // Asked even from a task row's menu, where one click would otherwise send it.
        if (!(await confirmCancelRequest(target))) return false;
        send = (gateway) => gateway.requestCancelWorkflow(target.root.domain, target);
        break;
      case 'terminate': {
        if (!(await typed(await this.promptTermination(title, draft)))) return false;
        const childPolicy = draft.childPolicy === EXECUTION_DEFAULT ? undefined : draft.childPolicy;
        const validation = validateTermination({ reason: draft.reason, details: draft.details, childPolicy });
        if (!validation.ok) return refuse(validation.problems);
        if (!(await confirmTermination(target, validation.request.childPolicy))) return false;
        const request = validation.request;
        sentText = request.details;
        sentReason = request.reason;
        send = (gateway) => gateway.terminateWorkflow(target.root.domain, target, request);
        break;
      }
    }
    const journal = (outcome: { outcome: 'recorded' | 'error'; error?: string; eventId?: number }): Promise<void> =>
      this.services.record(
        { action, ...outcome, connection: connectionLabel(target.root.connection), domain: target.root.domain, workflowId: target.workflowId, runId: target.runId },
        sentText,
        sentReason,
      );
    const sent = await this.send(action, target, what, send, journal);
    if (sent) await this.drafts.discard(key);
    return sent;
  }

  private async promptSignal(title: Titled, draft: Draft): Promise<boolean> {
    const name = await promptSignalName(title.text, draft.signalName, (typed) => (draft.signalName = typed));
    if (name === undefined) return false;
    const input = await promptText(
      {
        field: 'input',
        title: title.text,
        prompt: vscode.l10n.t('Input of the signal (optional; Enter to send). Use the button to write long or JSON input in an editor.'),
        placeholder: vscode.l10n.t('{"approved": true}'),
        value: draft.input,
        step: 2,
        totalSteps: 2,
        remember: (typed) => (draft.input = typed),
        editorName: vscode.l10n.t('Signal {0} (input)', title.workflowId),
      },
      this.editors,
    );
    return input !== undefined;
  }

  private async promptTermination(title: Titled, draft: Draft): Promise<boolean> {
    const ask = (field: 'reason' | 'details', options: Pick<TextPromptOptions, 'field' | 'prompt' | 'placeholder' | 'step'>): Promise<string | undefined> =>
      promptText(
        {
          ...options,
          title: title.text,
          value: draft[field],
          totalSteps: 3,
          remember: (typed) => (draft[field] = typed),
          editorName: field === 'reason' ? vscode.l10n.t('Terminate {0} (reason)', title.workflowId) : vscode.l10n.t('Terminate {0} (details)', title.workflowId),
        },
        this.editors,
      );
    if ((await ask('reason', { field: 'terminateReason', prompt: vscode.l10n.t('Reason for terminating (optional, up to 256 characters).'), placeholder: vscode.l10n.t('stuck after a bad deploy'), step: 1 })) === undefined) {
      return false;
    }
    if ((await ask('details', { field: 'details', prompt: vscode.l10n.t('Details (optional).'), step: 2 })) === undefined) return false;
    const policy = await pickChildPolicy(title.text, draft.childPolicy === EXECUTION_DEFAULT ? null : draft.childPolicy);
    if (policy === undefined) return false;
    draft.childPolicy = policy ?? EXECUTION_DEFAULT;
    return true;
  }

  /** `what` names the target in the information message: the workflow ID, and for a signal its name. */
  private async send(
    action: WorkflowAction,
    target: ExecutionTarget,
    what: string,
    call: (gateway: SwfGateway) => Promise<void>,
    journal: (outcome: { outcome: 'recorded' | 'error'; error?: string; eventId?: number }) => Promise<void>,
  ): Promise<boolean> {
    const { domain, connection } = target.root;
    const execution = { workflowId: target.workflowId, runId: target.runId };
    let before: number | undefined;
    try {
      const gateway = await this.ctx.connections.gateway(connection);
      before = await lastEventId(gateway, domain, execution);
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('{0}: {1}…', actionTitle(action), target.workflowId) }, () => call(gateway));
    } catch (error) {
      await journal({ outcome: 'error', error: error instanceof Error ? error.name : 'Error' });
      return this.reportFailure(action, target, error);
    }
    this.ctx.log.info(`${DONE[action]} ${target.workflowId} (run ${target.runId}) in ${domain} on ${connectionLabel(connection)}.`);
    const events = await this.logCausedEvents(action, target, before);
    const recording = events?.find((e) => e.eventType === CAUSED_EVENT[action]);
    await journal({ outcome: 'recorded', eventId: recording?.eventId });
    void vscode.window.showInformationMessage(pastText(action, what, events && recording !== undefined));
    await this.ctx.roots.find(target.root)?.refresh();
    return true;
  }

  /** Shows the failure; Retry runs the command again on the same execution, prefilled with the draft. */
  private async reportFailure(action: WorkflowAction, target: ExecutionTarget, error: unknown): Promise<boolean> {
    const context = { domain: target.root.domain, connection: connectionLabel(target.root.connection) };
    const closed = describeSwfError(error, context).kind === 'unknownExecution';
    if (closed) await this.ctx.roots.find(target.root)?.refresh();
    const retry = vscode.l10n.t('Retry');
    const copy = vscode.l10n.t('Copy What I Typed');
    const draft: Draft = await this.drafts.open(draftKey(action, target));
    const typed = [draft.signalName, draft.input, draft.reason, draft.details].filter((text) => text !== undefined && text !== '');
    const { choice } = await showSwfError(this.ctx, error, {
      context,
      prefix: `${OPERATIONS[action]} for ${target.workflowId} failed`,
      // A closed execution takes no signal, cancel or termination: retrying cannot help.
      choices: () => (closed ? (typed.length ? [copy] : []) : [retry]),
    });
    if (choice === retry) return this.run(action, target);
    if (choice === copy) await vscode.env.clipboard.writeText(typed.join('\n\n'));
    return false;
  }

  /** Logs the events recorded since `before`: the call's own event and what it set off (a decision task). */
  private async logCausedEvents(action: WorkflowAction, target: ExecutionTarget, before: number | undefined): Promise<HistoryEvent[] | undefined> {
    if (before === undefined) {
      this.ctx.log.info('The history could not be read before the call: use Show Execution History to see its result.');
      return undefined;
    }
    try {
      const gateway = await this.ctx.connections.gateway(target.root.connection);
      const execution = { workflowId: target.workflowId, runId: target.runId };
      const events = await readEventsAfter(gateway, target.root.domain, execution, before, { firstPageSize: 10, pageSize: 100 });
      this.ctx.log.info(`History of ${target.workflowId} after ${OPERATIONS[action]}:`);
      for (const event of events) this.ctx.log.info(`  ${formatHistoryEvent(event)}`);
      return events;
    } catch (error) {
      this.ctx.log.warn(`Could not read the history after ${OPERATIONS[action]}: ${describeSwfError(error).title}`);
      return undefined;
    }
  }
}

/** A prompt's title, and the workflow ID it names (for an answer editor's tab). */
interface Titled {
  text: string;
  workflowId: string;
}

/** Drafts belong to one action on one run of one execution of one root; never to a task token. */
function draftKey(action: WorkflowAction, target: ExecutionTarget): string {
  return `${action}:${rootId(target.root)}:${target.workflowId}:${target.runId}`;
}

/** The id of the newest event, so that what the call adds can be told apart; undefined when it cannot be read. */
async function lastEventId(gateway: SwfGateway, domain: string, execution: { workflowId: string; runId: string }): Promise<number | undefined> {
  try {
    for await (const page of gateway.historyPages(domain, execution, { reverseOrder: true, firstPageSize: 1 })) return page[0]?.eventId ?? 0;
    return 0;
  } catch {
    return undefined;
  }
}

/** The signal name, checked as typed (an error blocks Enter); resolves `undefined` when the person backed out. */
function promptSignalName(title: string, value: string | undefined, remember: (typed: string) => void): Promise<string | undefined> {
  const box = vscode.window.createInputBox();
  box.title = title;
  box.placeholder = vscode.l10n.t('approve-order');
  box.value = value ?? '';
  box.step = 1;
  box.totalSteps = 2;
  box.ignoreFocusOut = true;
  const prompt = vscode.l10n.t('Name of the signal, as the decider expects it (1 to 256 characters).');
  const validate = (text: string, accepting: boolean): boolean => {
    const check = validateSignalName(text);
    if (!check.ok) {
      // An empty box is not an error until Enter: until then it shows the count.
      showNote(box, prompt, text === '' && !accepting ? { severity: 'count', text: lengthHint('signalName', text) } : { severity: 'error', text: check.message });
      return false;
    }
    showNote(box, prompt, check.note ? { severity: 'warning', text: check.note } : { severity: 'count', text: lengthHint('signalName', check.value ?? '') });
    return true;
  };
  return runInputBox(box, validate, remember);
}

/** `null`: the execution's own default; `undefined`: the person backed out. The last choice comes first. */
async function pickChildPolicy(title: string, last: ChildPolicy | null | undefined): Promise<ChildPolicy | null | undefined> {
  const described: Record<ChildPolicy, string> = {
    TERMINATE: vscode.l10n.t('terminate its child executions too'),
    REQUEST_CANCEL: vscode.l10n.t('request cancellation of its child executions'),
    ABANDON: vscode.l10n.t('leave its child executions running'),
  };
  const items: (vscode.QuickPickItem & { policy: ChildPolicy | null })[] = [
    { label: vscode.l10n.t('Execution default'), description: vscode.l10n.t('the child policy the execution was started with'), policy: null },
    ...CHILD_POLICIES.map((policy) => ({ label: policy, description: described[policy], policy })),
  ];
  const ordered = last === undefined ? items : [...items.filter((i) => i.policy === last), ...items.filter((i) => i.policy !== last)];
  const picked = await vscode.window.showQuickPick(ordered, { title, placeHolder: vscode.l10n.t('Child policy: what happens to the executions it started (step 3 of 3)'), ignoreFocusOut: true });
  return picked?.policy;
}

/** Termination closes the execution for good: a confirmation that names it, whose default keeps it running. */
function confirmTermination(target: ExecutionTarget, childPolicy: ChildPolicy | undefined): Promise<boolean> {
  const policy = childPolicy ?? vscode.l10n.t('the execution default');
  return confirmAction({
    title: vscode.l10n.t('Terminate Workflow: {0}', target.workflowId),
    question: vscode.l10n.t('Terminate workflow {0}? This cannot be undone.', target.workflowId),
    keep: vscode.l10n.t('Keep {0} running', target.workflowId),
    act: vscode.l10n.t('Terminate {0}', target.workflowId),
    consequence: vscode.l10n.t(
      'Run {0} in {1} ({2}) closes at once: its decider is not asked, and its open activity tasks can no longer be answered. Child policy: {3}.',
      target.runId,
      target.root.domain,
      connectionLabel(target.root.connection),
      policy,
    ),
  });
}

/** A cancel request cannot be taken back either: its decider sees it and may close the execution. */
function confirmCancelRequest(target: ExecutionTarget): Promise<boolean> {
  return confirmAction({
    title: vscode.l10n.t('Request Cancel Workflow: {0}', target.workflowId),
    question: vscode.l10n.t('Ask the decider of {0} to cancel it?', target.workflowId),
    keep: vscode.l10n.t('Do not request cancellation'),
    act: vscode.l10n.t('Request cancellation of {0}', target.workflowId),
    consequence: vscode.l10n.t('Run {0} in {1} ({2}) records WorkflowExecutionCancelRequested; its decider decides whether to cancel. This cannot be withdrawn.', target.runId, target.root.domain, connectionLabel(target.root.connection)),
  });
}

function refuse(problems: readonly FieldProblem[]): false {
  void vscode.window.showErrorMessage(notSentMessage(problems));
  return false;
}

function actionTitle(action: WorkflowAction): string {
  switch (action) {
    case 'signal':
      return vscode.l10n.t('Signal Workflow');
    case 'requestCancel':
      return vscode.l10n.t('Request Cancel Workflow');
    case 'terminate':
      return vscode.l10n.t('Terminate Workflow');
  }
}

/** What the information message says; `caused` false means SWF accepted the call but recorded nothing new. */
function pastText(action: WorkflowAction, what: string, caused: boolean | undefined): string {
  switch (action) {
    case 'signal':
      return vscode.l10n.t('Signaled {0}.', what);
    case 'requestCancel':
      return caused === false
        ? vscode.l10n.t('Cancellation of {0} was already requested; its decider decides whether to cancel.', what)
        : vscode.l10n.t('Requested cancellation of {0}; its decider decides whether to cancel.', what);
    case 'terminate':
      return vscode.l10n.t('Terminated {0}.', what);
  }
}
