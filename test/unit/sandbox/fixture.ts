/** Shared set-up for the sandbox tests: a started sandbox, an SDK client, and a small scripted workflow. */
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
  type HistoryEvent,
  GetWorkflowExecutionHistoryCommand,
  type WorkflowExecution,
} from '@aws-sdk/client-swf';
import { SwfSandbox, type SandboxOptions } from '../../../src/sandbox';

export const DOMAIN = 'test-domain';
export const WORKFLOW = { name: 'TestWorkflow', version: '1' };
export const ACTIVITY = { name: 'TestActivity', version: '1' };
export const DECISIONS = 'decisions';
export const WORK = 'work';

export interface Fixture {
  sandbox: SwfSandbox;
  client: SWFClient;
}

/** A client that never retries, so every fault and throttle is visible to the test. */
export function clientFor(endpoint: string): SWFClient {
  return new SWFClient({ endpoint, region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
}

/** Starts a sandbox (short polls by default) with a domain, a workflow type and an activity type registered. */
export async function startFixture(options: SandboxOptions = {}): Promise<Fixture> {
  const sandbox = new SwfSandbox({ port: 0, maxPollWaitMs: 200, ...options });
  const { endpoint } = await sandbox.start();
  const client = clientFor(endpoint);
  await client.send(new RegisterDomainCommand({ name: DOMAIN, workflowExecutionRetentionPeriodInDays: '1' }));
  await client.send(
    new RegisterWorkflowTypeCommand({
      domain: DOMAIN,
      ...WORKFLOW,
      defaultTaskList: { name: DECISIONS },
      defaultChildPolicy: 'TERMINATE',
      defaultExecutionStartToCloseTimeout: '3600',
      defaultTaskStartToCloseTimeout: '60',
    }),
  );
  await client.send(
    new RegisterActivityTypeCommand({
      domain: DOMAIN,
      ...ACTIVITY,
      defaultTaskList: { name: WORK },
      defaultTaskScheduleToStartTimeout: 'NONE',
      defaultTaskScheduleToCloseTimeout: 'NONE',
      defaultTaskStartToCloseTimeout: 'NONE',
      defaultTaskHeartbeatTimeout: 'NONE',
    }),
  );
  return { sandbox, client };
}

export async function stopFixture(fixture: Fixture | undefined): Promise<void> {
  fixture?.client.destroy();
  await fixture?.sandbox.stop();
}

/**
 * Registers mocha hooks that start a fresh fixture for each test ('each') or
 * once for the suite ('all') and stop it after; returns the current one.
 */
export function useFixture(options: SandboxOptions = {}, scope: 'each' | 'all' = 'each'): () => Fixture {
  let current: Fixture | undefined;
  (scope === 'each' ? beforeEach : before)(async () => {
    current = await startFixture(options);
  });
  (scope === 'each' ? afterEach : after)(() => stopFixture(current));
  return () => {
    if (!current) throw new Error('The fixture is only there inside tests');
    return current;
  };
}

export async function startWorkflow(client: SWFClient, workflowId: string): Promise<WorkflowExecution> {
  const { runId } = await client.send(new StartWorkflowExecutionCommand({ domain: DOMAIN, workflowId, workflowType: WORKFLOW }));
  return { workflowId, runId };
}

/** Polls the next decision task and answers it; returns the task's events. */
export async function decide(client: SWFClient, decisions: Decision[]): Promise<HistoryEvent[]> {
  const task = await client.send(new PollForDecisionTaskCommand({ domain: DOMAIN, taskList: { name: DECISIONS }, identity: 'test-decider' }));
  if (!task.taskToken) throw new Error('No decision task was pending');
  await client.send(new RespondDecisionTaskCompletedCommand({ taskToken: task.taskToken, decisions }));
  return task.events ?? [];
}

export function scheduleActivity(activityId: string, overrides: Record<string, string> = {}, input?: string): Decision {
  return { decisionType: 'ScheduleActivityTask', scheduleActivityTaskDecisionAttributes: { activityType: ACTIVITY, activityId, ...overrides, ...(input !== undefined && { input }) } };
}

/** Starts a workflow whose first decision schedules the given activities. */
export async function workflowWithActivities(client: SWFClient, workflowId: string, ...activities: Decision[]): Promise<WorkflowExecution> {
  const execution = await startWorkflow(client, workflowId);
  await decide(client, activities);
  return execution;
}

export async function claim(client: SWFClient, identity = 'test-worker'): Promise<string> {
  const task = await client.send(new PollForActivityTaskCommand({ domain: DOMAIN, taskList: { name: WORK }, identity }));
  if (!task.taskToken) throw new Error('No activity task was pending');
  return task.taskToken;
}

export async function history(client: SWFClient, execution: WorkflowExecution): Promise<HistoryEvent[]> {
  const { events = [] } = await client.send(new GetWorkflowExecutionHistoryCommand({ domain: DOMAIN, execution, maximumPageSize: 1000 }));
  return events;
}

export const eventTypes = (events: HistoryEvent[]): string[] => events.map((event) => event.eventType ?? '');

/** Rejects with the SDK error and returns it, or fails if the call succeeded. */
export async function errorOf(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('Expected the call to fail');
}
