/**
 * The sample workflows' decider: what moves `sample-orders` and
 * `sample-reports` on after a person answers a task, so the next step's task
 * appears (ChargeCard, then ShipOrder, then SendEmail, then the workflow
 * completes; a failed or timed-out task is retried once, then the workflow
 * fails). It is an ordinary SWF decider: it long-polls the samples' decision
 * task lists with PollForDecisionTask and answers with
 * RespondDecisionTaskCompleted, through the sandbox's HTTP endpoint and the
 * real SDK client, so every event it causes is one the sandbox records as SWF
 * would. Opt-in (`startSampleDecider`): tests that count calls or events run
 * without it. It stops with the sandbox that it was attached to.
 *
 * `sampleDecisions` is the whole policy, a pure function of the decision
 * task (stateless, as deciders should be: everything is in the history).
 */
import { setTimeout as delay } from 'node:timers/promises';
import {
  PollForDecisionTaskCommand,
  RespondDecisionTaskCompletedCommand,
  SWFClient,
  type Decision,
  type HistoryEvent,
  type PollForDecisionTaskCommandOutput,
} from '@aws-sdk/client-swf';
import { SWF_FIELD_LIMITS } from '../common/limits';
import type { SwfSandbox } from './sandbox';
import { SAMPLE_DOMAIN, SAMPLE_REPORTS_DOMAIN } from './seed';

type TypeRef = { name: string; version: string };

interface Step {
  type: TypeRef;
  /** The step's activityId is `<prefix>-<workflowId>`, as the seeds name them. */
  prefix: string;
  /** Steps scheduled when this one completes. */
  next: string[];
}

interface Plan {
  first: string[];
  steps: Record<string, Step>;
}

/** The sample workflows, by `name@version`: the order of their activities. */
const PLANS: Record<string, Plan> = {
  'OrderWorkflow@1.0': {
    first: ['charge'],
    steps: {
      charge: { type: { name: 'ChargeCard', version: '1.0' }, prefix: 'charge', next: ['ship'] },
      ship: { type: { name: 'ShipOrder', version: '1.0' }, prefix: 'ship', next: ['email'] },
      invoice: { type: { name: 'GenerateInvoice', version: '1.0' }, prefix: 'invoice', next: ['email'] },
      email: { type: { name: 'SendEmail', version: '1.0' }, prefix: 'email', next: [] },
    },
  },
  'NightlyReport@2': {
    first: ['report'],
    steps: { report: { type: { name: 'BuildReport', version: '2' }, prefix: 'build-report', next: [] } },
  },
};

/** The decision task lists the decider polls: the samples' own. */
export const SAMPLE_DECISION_LISTS: readonly { domain: string; taskList: string }[] = [
  { domain: SAMPLE_DOMAIN, taskList: 'order-decisions' },
  { domain: SAMPLE_REPORTS_DOMAIN, taskList: 'report-decisions' },
];

/** How many times a step may fail (or time out) before the workflow fails: one retry. */
const MAX_ATTEMPTS = 2;

export interface DecisionTaskView {
  workflowId: string;
  workflowType: TypeRef;
  /** The whole history up to the task's DecisionTaskStarted, oldest first. */
  events: readonly HistoryEvent[];
  /** Events after this one are new to the decider. */
  previousStartedEventId: number;
}

interface ScheduledActivity {
  activityId: string;
  activityType: TypeRef;
  input?: string;
}

/** What the history says so far. */
interface Fold {
  workflowInput?: string;
  scheduled: Map<number, ScheduledActivity>;
  /** Every activityId ever scheduled: a step is scheduled once (a retry reuses its id). */
  everScheduled: Set<string>;
  /** Open activities: activityId to scheduled event id. */
  open: Map<string, number>;
  cancelAsked: Set<string>;
  failures: Map<string, number>;
  completed: string[];
}

function fold(events: readonly HistoryEvent[]): Fold {
  const f: Fold = { scheduled: new Map(), everScheduled: new Set(), open: new Map(), cancelAsked: new Set(), failures: new Map(), completed: [] };
  const close = (scheduledEventId: number | undefined): ScheduledActivity | undefined => {
    const activity = f.scheduled.get(scheduledEventId ?? -1);
    if (activity) f.open.delete(activity.activityId);
    return activity;
  };
  for (const event of events) {
    switch (event.eventType) {
      case 'WorkflowExecutionStarted':
        f.workflowInput = event.workflowExecutionStartedEventAttributes?.input;
        break;
      case 'ActivityTaskScheduled': {
        const a = event.activityTaskScheduledEventAttributes;
        if (!a?.activityId || !a.activityType?.name || !a.activityType.version) break;
        f.scheduled.set(event.eventId ?? -1, { activityId: a.activityId, activityType: { name: a.activityType.name, version: a.activityType.version }, ...(a.input !== undefined && { input: a.input }) });
        f.everScheduled.add(a.activityId);
        f.open.set(a.activityId, event.eventId ?? -1);
        break;
      }
      case 'ActivityTaskCancelRequested':
        if (event.activityTaskCancelRequestedEventAttributes?.activityId) f.cancelAsked.add(event.activityTaskCancelRequestedEventAttributes.activityId);
        break;
      case 'ActivityTaskCompleted': {
        const done = close(event.activityTaskCompletedEventAttributes?.scheduledEventId);
        if (done) f.completed.push(done.activityId);
        break;
      }
      case 'ActivityTaskFailed':
      case 'ActivityTaskTimedOut': {
        const a = event.activityTaskFailedEventAttributes ?? event.activityTaskTimedOutEventAttributes;
        const failed = close(a?.scheduledEventId);
        if (failed) f.failures.set(failed.activityId, (f.failures.get(failed.activityId) ?? 0) + 1);
        break;
      }
      case 'ActivityTaskCanceled':
        close(event.activityTaskCanceledEventAttributes?.scheduledEventId);
        break;
    }
  }
  return f;
}

const scheduleDecision = (activity: ScheduledActivity): Decision => ({
  decisionType: 'ScheduleActivityTask',
  scheduleActivityTaskDecisionAttributes: { activityType: activity.activityType, activityId: activity.activityId, ...(activity.input !== undefined && { input: activity.input }) },
});

const failWorkflow = (reason: string, details: string): Decision[] => [
  { decisionType: 'FailWorkflowExecution', failWorkflowExecutionDecisionAttributes: { reason: reason.slice(0, SWF_FIELD_LIMITS.FailureReason.max), details: details.slice(0, SWF_FIELD_LIMITS.Data.max) } },
];

const cancelWorkflow = (details: string): Decision[] => [{ decisionType: 'CancelWorkflowExecution', cancelWorkflowExecutionDecisionAttributes: { details } }];

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The order (or report) the workflow is about, from its input, else its workflow ID. */
function subjectOf(workflowId: string, workflowInput: string | undefined): string {
  const input = parseJson(workflowInput);
  const orderId = typeof input === 'object' && input !== null ? (input as { orderId?: unknown }).orderId : undefined;
  return typeof orderId === 'string' ? orderId : workflowId;
}

/** A step's input: what the seeds give such a task, plus the previous step's result when it fits SWF's limit. */
function inputOf(step: Step, task: DecisionTaskView, f: Fold, previousResult: string | undefined): string | undefined {
  const subject = subjectOf(task.workflowId, f.workflowInput);
  let input: string | undefined;
  switch (step.prefix) {
    case 'ship':
      input = JSON.stringify({ orderId: subject, carrier: 'DHL', payment: parseJson(previousResult) ?? null });
      break;
    case 'email':
      input = `Your order ${subject} is on its way!`;
      break;
    default:
      input = f.workflowInput;
  }
  if (input !== undefined && input.length > SWF_FIELD_LIMITS.Data.max) input = JSON.stringify({ orderId: subject });
  return input;
}

function stepOfType(plan: Plan, type: TypeRef | undefined): Step | undefined {
  return Object.values(plan.steps).find((s) => s.type.name === type?.name && s.type.version === type.version);
}

/**
 * The decisions for one decision task of a sample workflow: react to the
 * events since the previous decision task, in order. Workflow types it does
 * not know get no decisions (the task is answered, nothing happens).
 */
export function sampleDecisions(task: DecisionTaskView): Decision[] {
  const plan = PLANS[`${task.workflowType.name}@${task.workflowType.version}`];
  if (!plan) return [];
  const f = fold(task.events);
  const schedules: ScheduledActivity[] = [];
  const planned = (stepKey: string, previousResult?: string): void => {
    const step = plan.steps[stepKey];
    if (!step) return;
    const activityId = `${step.prefix}-${task.workflowId}`;
    if (f.everScheduled.has(activityId) || schedules.some((s) => s.activityId === activityId)) return;
    const input = inputOf(step, task, f, previousResult);
    schedules.push({ activityId, activityType: step.type, ...(input !== undefined && { input }) });
  };
  const fresh = task.events.filter((e) => (e.eventId ?? 0) > task.previousStartedEventId);
  let sawCompletion = false;
  for (const event of fresh) {
    switch (event.eventType) {
      case 'WorkflowExecutionStarted':
        for (const key of plan.first) planned(key);
        break;
      case 'ActivityTaskCompleted': {
        const a = event.activityTaskCompletedEventAttributes;
        const done = f.scheduled.get(a?.scheduledEventId ?? -1);
        const step = stepOfType(plan, done?.activityType);
        sawCompletion = true;
        for (const key of step?.next ?? []) planned(key, a?.result);
        break;
      }
      case 'ActivityTaskFailed':
      case 'ActivityTaskTimedOut': {
        const a = event.activityTaskFailedEventAttributes ?? event.activityTaskTimedOutEventAttributes;
        const failed = f.scheduled.get(a?.scheduledEventId ?? -1);
        if (!failed) break;
        // A later attempt of the same activity is already scheduled or done: this event is old news.
        if (f.open.has(failed.activityId) || schedules.some((s) => s.activityId === failed.activityId)) break;
        const why = event.activityTaskFailedEventAttributes
          ? `${event.activityTaskFailedEventAttributes.reason ?? 'failed'}`
          : `timed out (${event.activityTaskTimedOutEventAttributes?.timeoutType ?? 'timeout'})`;
        if ((f.failures.get(failed.activityId) ?? 0) >= MAX_ATTEMPTS) {
          return failWorkflow(`${failed.activityId}: ${why}`, `${failed.activityType.name} did not succeed in ${MAX_ATTEMPTS} attempts; the last one ${event.activityTaskFailedEventAttributes ? 'failed' : 'timed out'}.`);
        }
        schedules.push(failed);
        break;
      }
      case 'ActivityTaskCanceled': {
        const canceled = f.scheduled.get(event.activityTaskCanceledEventAttributes?.scheduledEventId ?? -1);
        return cancelWorkflow(`${canceled?.activityId ?? 'An activity'} was canceled`);
      }
      case 'WorkflowExecutionCancelRequested': {
        const toCancel = [...f.open.keys()].filter((id) => !f.cancelAsked.has(id));
        if (f.open.size === 0) return cancelWorkflow('Cancellation was requested');
        if (toCancel.length > 0) {
          return toCancel.map((activityId) => ({ decisionType: 'RequestCancelActivityTask', requestCancelActivityTaskDecisionAttributes: { activityId } }));
        }
        break;
      }
      case 'ScheduleActivityTaskFailed': {
        const a = event.scheduleActivityTaskFailedEventAttributes;
        return failWorkflow(`Cannot schedule ${a?.activityId ?? 'an activity'}`, `ScheduleActivityTask failed: ${a?.cause ?? 'unknown cause'}`);
      }
    }
  }
  if (schedules.length > 0) return schedules.map(scheduleDecision);
  if (sawCompletion && f.open.size === 0) {
    return [{ decisionType: 'CompleteWorkflowExecution', completeWorkflowExecutionDecisionAttributes: { result: JSON.stringify({ status: 'COMPLETED', steps: f.completed }) } }];
  }
  return [];
}

export interface SampleDeciderOptions {
  /** Told of a poll or an answer that failed (the decider tries again shortly). */
  onError?: (error: unknown) => void;
  /** Told of each decision task answered. */
  onDecided?: (workflowId: string, decisions: readonly Decision[]) => void;
  /** Pause after a failed call, in ms (default 1000). */
  retryDelayMs?: number;
}

/** The decider's loops; `stop()` ends them (a poll in flight is abandoned, which is safe: its sandbox is stopping). */
export class SampleDecider {
  readonly identity = 'sample-decider@local-sandbox';
  private readonly client: SWFClient;
  private readonly abort = new AbortController();
  private loops: Promise<void>[] = [];
  private answered = 0;

  constructor(
    endpoint: string,
    private readonly lists: readonly { domain: string; taskList: string }[] = SAMPLE_DECISION_LISTS,
    private readonly options: SampleDeciderOptions = {},
  ) {
    // Its own access key id, so the sandbox's stats() tell its calls from everyone else's.
    this.client = new SWFClient({ endpoint, region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: 'sample-decider', secretAccessKey: 'sandbox' } });
  }

  /** Decision tasks answered so far. */
  get decided(): number {
    return this.answered;
  }

  get running(): boolean {
    return this.loops.length > 0 && !this.abort.signal.aborted;
  }

  start(): this {
    if (this.loops.length === 0) this.loops = this.lists.map((list) => this.loop(list.domain, list.taskList));
    return this;
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.all(this.loops);
    this.client.destroy();
  }

  private async loop(domain: string, taskList: string): Promise<void> {
    const signal = this.abort.signal;
    while (!signal.aborted) {
      try {
        const task = await this.poll(domain, taskList);
        if (!task || signal.aborted) continue;
        const decisions = sampleDecisions(task.view);
        await this.client.send(new RespondDecisionTaskCompletedCommand({ taskToken: task.token, decisions }), { abortSignal: signal });
        this.answered++;
        this.options.onDecided?.(task.view.workflowId, decisions);
      } catch (error) {
        if (signal.aborted) break;
        this.options.onError?.(error);
        await delay(this.options.retryDelayMs ?? 1000, undefined, { signal, ref: false }).catch(() => undefined);
      }
    }
  }

  /** One decision task with its whole history (every page), or undefined after an empty poll. */
  private async poll(domain: string, taskList: string): Promise<{ token: string; view: DecisionTaskView } | undefined> {
    const signal = this.abort.signal;
    const ask = (nextPageToken?: string): Promise<PollForDecisionTaskCommandOutput> =>
      this.client.send(new PollForDecisionTaskCommand({ domain, taskList: { name: taskList }, identity: this.identity, ...(nextPageToken && { nextPageToken }) }), { abortSignal: signal });
    const first = await ask();
    if (!first.taskToken || !first.workflowExecution?.workflowId || !first.workflowType?.name || !first.workflowType.version) return undefined;
    const events = [...(first.events ?? [])];
    for (let page = first; page.nextPageToken; ) {
      page = await ask(page.nextPageToken);
      events.push(...(page.events ?? []));
    }
    return {
      token: first.taskToken,
      view: {
        workflowId: first.workflowExecution.workflowId,
        workflowType: { name: first.workflowType.name, version: first.workflowType.version },
        events,
        previousStartedEventId: first.previousStartedEventId ?? 0,
      },
    };
  }
}

/**
 * Starts the samples' decider on a running, seeded sandbox (after
 * `seedSampleDomain`: the seed acts as the decider while it runs) and
 * attaches it, so `sandbox.stop()` stops it first.
 */
export function startSampleDecider(sandbox: SwfSandbox, options: SampleDeciderOptions = {}): SampleDecider {
  const decider = new SampleDecider(sandbox.endpoint, SAMPLE_DECISION_LISTS, options).start();
  sandbox.attach(decider);
  return decider;
}
