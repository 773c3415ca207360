/**
 * Drives a sandbox through its own API with the real SDK client, acting as
 * starter, decider and worker, so seeded histories are exactly what the
 * service would record.
 */
import {
  PollForActivityTaskCommand,
  PollForDecisionTaskCommand,
  RegisterActivityTypeCommand,
  RegisterDomainCommand,
  RegisterWorkflowTypeCommand,
  RespondDecisionTaskCompletedCommand,
  StartWorkflowExecutionCommand,
  SWFClient,
  type Decision,
  type RegisterActivityTypeInput,
} from '@aws-sdk/client-swf';

export interface WorkflowTypeRef {
  name: string;
  version: string;
  decisionTaskList: string;
}

/** Activity type registration defaults with the fields seeds care about. */
export type ActivityTypeSpec = Omit<RegisterActivityTypeInput, 'domain'> & { name: string; version: string };

export class SeedDriver {
  readonly client: SWFClient;

  constructor(
    endpoint: string,
    readonly domain: string,
    private readonly deciderIdentity = 'order-decider@ip-10-0-0-5',
  ) {
    // The sandbox ignores credentials and signatures; the SDK still wants some.
    this.client = new SWFClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' } });
  }

  async registerDomain(description: string): Promise<void> {
    await this.client.send(new RegisterDomainCommand({ name: this.domain, description, workflowExecutionRetentionPeriodInDays: '30' }));
  }

  async registerWorkflowType(type: WorkflowTypeRef, description: string): Promise<void> {
    await this.client.send(
      new RegisterWorkflowTypeCommand({
        domain: this.domain,
        name: type.name,
        version: type.version,
        description,
        defaultTaskList: { name: type.decisionTaskList },
        defaultChildPolicy: 'TERMINATE',
        defaultExecutionStartToCloseTimeout: String(365 * 24 * 3600),
        defaultTaskStartToCloseTimeout: '60',
      }),
    );
  }

  async registerActivityType(spec: ActivityTypeSpec): Promise<void> {
    await this.client.send(new RegisterActivityTypeCommand({ domain: this.domain, ...spec }));
  }

  /** Starts an execution and answers its first decision task with `decisions`. */
  async start(type: WorkflowTypeRef, workflowId: string, input: string, tagList: string[], decisions: Decision[]): Promise<void> {
    await this.client.send(
      new StartWorkflowExecutionCommand({ domain: this.domain, workflowId, workflowType: { name: type.name, version: type.version }, input, tagList }),
    );
    await this.decide(type, workflowId, decisions);
  }

  /**
   * Acts as the decider for the next decision task of `workflowId`. Seeds run
   * one step at a time, so that task is the only one queued; anything else
   * means the scenario is scripted wrong.
   */
  async decide(type: WorkflowTypeRef, workflowId: string, decisions: Decision[]): Promise<void> {
    const task = await this.client.send(new PollForDecisionTaskCommand({ domain: this.domain, taskList: { name: type.decisionTaskList }, identity: this.deciderIdentity }));
    if (task.workflowExecution?.workflowId !== workflowId) throw new Error(`Seed script out of step: expected a decision task of ${workflowId}`);
    await this.client.send(new RespondDecisionTaskCompletedCommand({ taskToken: task.taskToken, decisions }));
  }

  /** Acts as a worker: polls `taskList` and checks it got the expected activity; returns its token. */
  async claim(taskList: string, identity: string, activityId: string): Promise<string> {
    const task = await this.client.send(new PollForActivityTaskCommand({ domain: this.domain, taskList: { name: taskList }, identity }));
    if (task.activityId !== activityId || !task.taskToken) throw new Error(`Seed script out of step: expected activity task ${activityId} on ${taskList}`);
    return task.taskToken;
  }

  destroy(): void {
    this.client.destroy();
  }
}

/** Timeouts a ScheduleActivityTask decision may set instead of the type's defaults (seconds as strings, or "NONE"). */
export interface ScheduleTimeouts {
  heartbeatTimeout?: string;
  startToCloseTimeout?: string;
}

/** A ScheduleActivityTask decision. */
export function schedule(activityType: { name: string; version: string }, activityId: string, input?: string, timeouts: ScheduleTimeouts = {}): Decision {
  return { decisionType: 'ScheduleActivityTask', scheduleActivityTaskDecisionAttributes: { activityType, activityId, ...(input !== undefined && { input }), ...timeouts } };
}
