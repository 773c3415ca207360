/**
 * Large domains for benchmarks: thousands of executions with long histories.
 * Built in process through the engine (no HTTP), but by the same functions the
 * operations use, so the histories are valid ones.
 */
import { completeActivityTask, startActivityTask } from './activities';
import { completeDecisionTask } from './decisions';
import { decisionQueueKey, startDecisionTask } from './decisionTasks';
import { startExecution } from './executions';
import type { Execution } from './model';
import { OPERATIONS } from './ops';
import type { SwfSandbox } from './sandbox';
import { queueKey, type SandboxState } from './state';

export interface LargeDomainOptions {
  domain?: string;
  /** Open executions to create. */
  executions: number;
  /** Approximate history length of each execution (at least 6). */
  eventsPerExecution: number;
  /** History length of execution `i`, when they differ (a realistic mix); overrides `eventsPerExecution`. */
  eventsOf?: (i: number) => number;
  /** Task lists the open activity tasks are spread over. */
  taskLists?: string[];
  /** Extra closed (completed) executions. */
  closedExecutions?: number;
  /** Tags of execution `i` (a watched root's tag filter picks some out). */
  tagsOf?: (i: number) => string[];
}

const WORKFLOW_TYPE = { name: 'BenchWorkflow', version: '1' };
const ACTIVITY_TYPE = { name: 'BenchStep', version: '1' };
/** One activity round trip: decision started + completed, activity scheduled + started + completed, decision scheduled. */
const EVENTS_PER_STEP = 6;
/** Completed steps run on their own list, so it never holds more than the step in hand. */
const STEPS_TASK_LIST = 'bench-steps';
const NO_SIGNAL = new AbortController().signal;

function register(state: SandboxState, domain: string): void {
  const call = (operation: string, input: Record<string, unknown>): void => void OPERATIONS[operation]?.(state, input, { signal: NO_SIGNAL });
  call('RegisterDomain', { name: domain, description: 'Generated benchmark domain', workflowExecutionRetentionPeriodInDays: '1' });
  call('RegisterWorkflowType', {
    domain,
    ...WORKFLOW_TYPE,
    defaultTaskList: { name: 'bench-decisions' },
    defaultChildPolicy: 'TERMINATE',
    defaultExecutionStartToCloseTimeout: 'NONE',
    defaultTaskStartToCloseTimeout: 'NONE',
  });
  call('RegisterActivityType', {
    domain,
    ...ACTIVITY_TYPE,
    defaultTaskScheduleToStartTimeout: 'NONE',
    defaultTaskScheduleToCloseTimeout: 'NONE',
    defaultTaskStartToCloseTimeout: 'NONE',
    defaultTaskHeartbeatTimeout: 'NONE',
  });
}

/** Acts as decider for the execution's pending decision task (executions are built one at a time, so it is the only one queued). */
function decide(state: SandboxState, execution: Execution, decisions: Parameters<typeof completeDecisionTask>[2]): void {
  if (state.decisionQueues.takeReady(decisionQueueKey(execution)) !== execution) throw new Error('Invariant: the execution has the only pending decision task');
  startDecisionTask(state, execution, 'bench-decider');
  completeDecisionTask(state, execution, decisions, undefined);
}

const scheduleStep = (activityId: string, taskList: string) => ({
  decisionType: 'ScheduleActivityTask' as const,
  scheduleActivityTaskDecisionAttributes: { activityType: ACTIVITY_TYPE, activityId, taskList: { name: taskList }, input: `{"step":"${activityId}"}` },
});

/** Runs activity round trips until the history is about `events` long; returns the step count. */
function grow(state: SandboxState, execution: Execution, events: number): number {
  let step = 0;
  while (execution.history.lastEventId + 2 * EVENTS_PER_STEP <= events) {
    step += 1;
    decide(state, execution, [scheduleStep(`step-${step}`, STEPS_TASK_LIST)]);
    const task = state.activityQueues.takeReady(queueKey(execution.domain.name, STEPS_TASK_LIST));
    if (!task) throw new Error('Invariant: the step was just scheduled');
    startActivityTask(state, task, 'bench-worker');
    completeActivityTask(state, task, `{"step":${step}}`);
  }
  return step;
}

export function generateLargeDomain(sandbox: SwfSandbox, options: LargeDomainOptions): { domain: string; openExecutions: number; closedExecutions: number } {
  const { state } = sandbox;
  const domainName = options.domain ?? 'bench-large';
  const taskLists = options.taskLists ?? ['bench-a', 'bench-b', 'bench-c'];
  register(state, domainName);
  const domain = state.domain(domainName);
  const closed = options.closedExecutions ?? 0;
  for (let i = 0; i < options.executions + closed; i += 1) {
    const taskList = taskLists[i % taskLists.length] as string;
    const execution = startExecution(state, domain, { workflowId: `bench-${String(i).padStart(6, '0')}`, workflowType: WORKFLOW_TYPE, input: `{"n":${i}}`, tagList: options.tagsOf?.(i) });
    const steps = grow(state, execution, options.eventsOf?.(i) ?? options.eventsPerExecution);
    // Open executions end with one activity task waiting on its list; closed ones complete.
    const last = i < options.executions ? scheduleStep(`step-${steps + 1}`, taskList) : { decisionType: 'CompleteWorkflowExecution' as const };
    decide(state, execution, [last]);
  }
  return { domain: domainName, openExecutions: options.executions, closedExecutions: closed };
}
