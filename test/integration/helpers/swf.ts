/**
 * The tests' own, independent view of SWF: an SDK client that seeds domains,
 * acts as decider and as "another worker", and reads histories back. It never
 * goes through the extension, so what it reads is what SWF recorded.
 * No `vscode` import: usable from plain Node too.
 */
import {
  GetWorkflowExecutionHistoryCommand,
  PollForActivityTaskCommand,
  PollForDecisionTaskCommand,
  RegisterActivityTypeCommand,
  RegisterDomainCommand,
  RegisterWorkflowTypeCommand,
  RespondActivityTaskCompletedCommand,
  RespondDecisionTaskCompletedCommand,
  SignalWorkflowExecutionCommand,
  StartWorkflowExecutionCommand,
  SWFClient,
  type Decision,
  type HistoryEvent,
  type WorkflowExecution,
} from '@aws-sdk/client-swf';

/** moto_server started by scripts/test.mjs; the moto suites cannot run without it. */
export function motoEndpoint(): string {
  const endpoint = process.env.SWF_TEST_MOTO_ENDPOINT;
  if (!endpoint) {
    throw new Error('SWF_TEST_MOTO_ENDPOINT is not set: run the suite through `node scripts/test.mjs --integration`, which starts moto_server');
  }
  return endpoint;
}

/**
 * The standalone sandbox process scripts/test.mjs started (empty, seeded by
 * each suite): unlike a sandbox started inside the extension host, it
 * outlives a window reload.
 */
export function sandboxEndpoint(): string {
  const endpoint = process.env.SWF_TEST_SANDBOX_ENDPOINT;
  if (!endpoint) {
    throw new Error('SWF_TEST_SANDBOX_ENDPOINT is not set: run the suite through `node scripts/test.mjs --integration`, which starts the sandbox');
  }
  return endpoint;
}

/** Clears all of moto's state. */
export async function resetMoto(endpoint: string): Promise<void> {
  const response = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
  if (!response.ok) throw new Error(`POST ${endpoint}/moto-api/reset answered HTTP ${response.status}`);
}

/** Loopback SWF peers accept any signature; the SDK still wants credentials. */
export function testClient(endpoint: string): SWFClient {
  return new SWFClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
}

export interface ActivityTypeRef {
  name: string;
  version: string;
}

export interface ScheduledActivity {
  type: ActivityTypeRef;
  activityId: string;
  taskList: string;
  input?: string;
  /** Seconds, as SWF takes it; the activity type's default (none) when left out. */
  heartbeatTimeout?: string;
}

export const DECISION_TASK_LIST = 'decisions';
export const WORKFLOW_TYPE = { name: 'OrderFlow', version: '1.0' };
const HOUR = '3600';

/** A test domain: registered types, plus decider and worker moves made with the SDK. */
export class TestDomain {
  constructor(
    readonly client: SWFClient,
    readonly name: string,
    /** The sandbox's sample domain uses its own; seeded test domains use DECISION_TASK_LIST. */
    readonly decisionTaskList = DECISION_TASK_LIST,
  ) {}

  async register(activityTypes: readonly (ActivityTypeRef & { taskList: string })[]): Promise<void> {
    await this.client.send(new RegisterDomainCommand({ name: this.name, workflowExecutionRetentionPeriodInDays: '1' }));
    await this.client.send(
      new RegisterWorkflowTypeCommand({
        domain: this.name,
        ...WORKFLOW_TYPE,
        defaultTaskList: { name: this.decisionTaskList },
        defaultChildPolicy: 'TERMINATE',
        defaultExecutionStartToCloseTimeout: HOUR,
        defaultTaskStartToCloseTimeout: HOUR,
      }),
    );
    for (const type of activityTypes) {
      await this.client.send(
        new RegisterActivityTypeCommand({
          domain: this.name,
          name: type.name,
          version: type.version,
          defaultTaskList: { name: type.taskList },
          defaultTaskScheduleToStartTimeout: HOUR,
          defaultTaskScheduleToCloseTimeout: HOUR,
          defaultTaskStartToCloseTimeout: HOUR,
          defaultTaskHeartbeatTimeout: 'NONE',
        }),
      );
    }
  }

  /** Starts an execution; returns its runId. */
  async start(workflowId: string, input = '{}'): Promise<WorkflowExecution & { runId: string; workflowId: string }> {
    const { runId } = await this.client.send(new StartWorkflowExecutionCommand({ domain: this.name, workflowId, workflowType: WORKFLOW_TYPE, input }));
    if (!runId) throw new Error(`StartWorkflowExecution of ${workflowId} returned no runId`);
    return { workflowId, runId };
  }

  /**
   * Acts as the decider: answers pending decision tasks until the one of
   * `workflowId` has been answered with `decisions`; other executions' tasks
   * are answered with no decision. Fails if none arrives within `attempts` polls.
   */
  async decide(workflowId: string, decisions: Decision[], attempts = 5): Promise<void> {
    for (let i = 0; i < attempts; i++) {
      const task = await this.client.send(
        new PollForDecisionTaskCommand({ domain: this.name, taskList: { name: this.decisionTaskList }, identity: 'test-decider' }),
      );
      if (!task.taskToken) continue;
      const mine = task.workflowExecution?.workflowId === workflowId;
      await this.client.send(new RespondDecisionTaskCompletedCommand({ taskToken: task.taskToken, decisions: mine ? decisions : [] }));
      if (mine) return;
    }
    throw new Error(`No decision task of ${workflowId} arrived on "${this.decisionTaskList}"`);
  }

  /** Starts an execution whose first decision schedules `activities`. */
  async startWithActivities(workflowId: string, activities: readonly ScheduledActivity[]): Promise<WorkflowExecution & { runId: string; workflowId: string }> {
    const execution = await this.start(workflowId);
    await this.decide(workflowId, activities.map(scheduleDecision));
    return execution;
  }

  /** Acts as a worker other than the extension: starts the next task of `taskList`. */
  async pollAsWorker(taskList: string, identity: string): Promise<{ taskToken: string; activityId: string; workflowId: string }> {
    const task = await this.client.send(new PollForActivityTaskCommand({ domain: this.name, taskList: { name: taskList }, identity }));
    if (!task.taskToken || !task.activityId || !task.workflowExecution?.workflowId) throw new Error(`No activity task was waiting on "${taskList}"`);
    return { taskToken: task.taskToken, activityId: task.activityId, workflowId: task.workflowExecution.workflowId };
  }

  /** Acts as the other worker again: completes a task it started. */
  async complete(taskToken: string, result: string): Promise<void> {
    await this.client.send(new RespondActivityTaskCompletedCommand({ taskToken, result }));
  }

  /** Wakes the decider of an execution (a signal schedules a decision task). */
  async signal(workflowId: string, signalName: string): Promise<void> {
    await this.client.send(new SignalWorkflowExecutionCommand({ domain: this.name, workflowId, signalName, input: '{}' }));
  }

  /** Acts as the decider asking a started task's worker to stop: a signal wakes it, it decides RequestCancelActivityTask. */
  async requestCancel(workflowId: string, activityId: string): Promise<void> {
    await this.signal(workflowId, 'CancelRequestedByTest');
    await this.decide(workflowId, [{ decisionType: 'RequestCancelActivityTask', requestCancelActivityTaskDecisionAttributes: { activityId } }]);
  }

  history(execution: WorkflowExecution): Promise<HistoryEvent[]> {
    return readHistory(this.client, this.name, execution);
  }
}

export function scheduleDecision(activity: ScheduledActivity): Decision {
  return {
    decisionType: 'ScheduleActivityTask',
    scheduleActivityTaskDecisionAttributes: {
      activityType: activity.type,
      activityId: activity.activityId,
      taskList: { name: activity.taskList },
      ...(activity.input !== undefined && { input: activity.input }),
      ...(activity.heartbeatTimeout !== undefined && { heartbeatTimeout: activity.heartbeatTimeout }),
    },
  };
}

/** The whole history, oldest first, following nextPageToken (the sandbox pages; moto does not). */
export async function readHistory(client: SWFClient, domain: string, execution: WorkflowExecution): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextPageToken: string | undefined;
  do {
    const page = await client.send(new GetWorkflowExecutionHistoryCommand({ domain, execution, nextPageToken }));
    events.push(...(page.events ?? []));
    nextPageToken = page.nextPageToken || undefined;
  } while (nextPageToken);
  return events;
}

/** The scheduledEventId of `activityId`'s (latest) ActivityTaskScheduled event. */
export function scheduledEventIdOf(events: readonly HistoryEvent[], activityId: string): number {
  const scheduled = events.filter((e) => e.eventType === 'ActivityTaskScheduled' && e.activityTaskScheduledEventAttributes?.activityId === activityId);
  const last = scheduled.at(-1);
  if (!last?.eventId) throw new Error(`No ActivityTaskScheduled event for ${activityId}`);
  return last.eventId;
}

/** Events of `type` that belong to the activity scheduled as `scheduledEventId`. */
export function eventsOfActivity(events: readonly HistoryEvent[], scheduledEventId: number, type: string): HistoryEvent[] {
  return events.filter((e) => e.eventType === type && attributesOf(e)?.scheduledEventId === scheduledEventId);
}

function attributesOf(event: HistoryEvent): { scheduledEventId?: number } | undefined {
  return (
    event.activityTaskStartedEventAttributes ??
    event.activityTaskCompletedEventAttributes ??
    event.activityTaskFailedEventAttributes ??
    event.activityTaskCanceledEventAttributes ??
    event.activityTaskTimedOutEventAttributes
  );
}
