/** Workflow execution lifecycle: start, close, and the read models (info, counts). */
import type { ChildPolicy, CloseStatus, WorkflowExecutionConfiguration, WorkflowExecutionInfo, WorkflowExecutionOpenCounts, WorkflowType } from '@aws-sdk/client-swf';
import { retireActivityTask } from './activities';
import { endDecisionTask, scheduleDecisionTask } from './decisionTasks';
import { SwfError } from './errors';
import type { AttributesOf } from './history';
import { Execution, typeKey, type Domain } from './model';
import type { SandboxState } from './state';
import { newRunId } from './tokens';

export interface StartParams {
  workflowId: string;
  workflowType: { name?: string; version?: string };
  input?: string;
  tagList?: string[];
  taskList?: { name?: string };
  taskPriority?: string;
  executionStartToCloseTimeout?: string;
  taskStartToCloseTimeout?: string;
  childPolicy?: string;
  lambdaRole?: string;
}

/** Fills what the request leaves out from the workflow type's registered defaults, as SWF does. */
function resolveConfiguration(domain: Domain, params: StartParams): WorkflowExecutionConfiguration {
  const { name = '', version = '' } = params.workflowType;
  const type = domain.workflowTypes.get(typeKey(name, version));
  if (!type) throw new SwfError('UnknownResourceFault', `Unknown type: WorkflowType=[name=${name}, version=${version}]`);
  if (type.status === 'DEPRECATED') throw new SwfError('TypeDeprecatedFault', `WorkflowType=[name=${name}, version=${version}]`);
  const defaults = type.configuration;
  const pick = (field: string, value: string | undefined, fallback: string | undefined): string => {
    const resolved = value ?? fallback;
    if (resolved === undefined) throw new SwfError('DefaultUndefinedFault', `No default value registered and none provided for ${field}`);
    return resolved;
  };
  const taskList = params.taskList?.name ?? defaults.defaultTaskList?.name;
  return {
    taskList: { name: pick('taskList', taskList, undefined) },
    executionStartToCloseTimeout: pick('executionStartToCloseTimeout', params.executionStartToCloseTimeout, defaults.defaultExecutionStartToCloseTimeout),
    taskStartToCloseTimeout: pick('taskStartToCloseTimeout', params.taskStartToCloseTimeout, defaults.defaultTaskStartToCloseTimeout),
    childPolicy: pick('childPolicy', params.childPolicy, defaults.defaultChildPolicy) as ChildPolicy,
    ...(params.taskPriority !== undefined || defaults.defaultTaskPriority !== undefined ? { taskPriority: params.taskPriority ?? defaults.defaultTaskPriority } : {}),
    ...(params.lambdaRole !== undefined || defaults.defaultLambdaRole !== undefined ? { lambdaRole: params.lambdaRole ?? defaults.defaultLambdaRole } : {}),
  };
}

export function startExecution(state: SandboxState, domain: Domain, params: StartParams): Execution {
  if (domain.status === 'DEPRECATED') throw new SwfError('DomainDeprecatedFault', `Domain is deprecated: ${domain.name}`);
  const configuration = resolveConfiguration(domain, params);
  if (domain.openByWorkflowId.has(params.workflowId)) {
    throw new SwfError('WorkflowExecutionAlreadyStartedFault', `Workflow execution already started: ${params.workflowId}`);
  }
  const workflowType: WorkflowType = { name: params.workflowType.name, version: params.workflowType.version };
  const tagList = params.tagList ?? [];
  const execution = new Execution(domain, { workflowId: params.workflowId, runId: newRunId() }, workflowType, configuration, tagList, state.now(), () => state.now());
  domain.executions.set(execution.runId, execution);
  domain.openByWorkflowId.set(execution.workflowId, execution);
  const { taskList, taskPriority, executionStartToCloseTimeout, taskStartToCloseTimeout, childPolicy, lambdaRole } = configuration;
  execution.history.record('WorkflowExecutionStarted', {
    ...(params.input !== undefined && { input: params.input }),
    executionStartToCloseTimeout,
    taskStartToCloseTimeout,
    childPolicy,
    taskList,
    ...(taskPriority !== undefined && { taskPriority }),
    workflowType,
    ...(tagList.length > 0 && { tagList }),
    ...(lambdaRole !== undefined && { lambdaRole }),
    parentInitiatedEventId: 0,
  });
  execution.executionTimer = state.timers.afterSeconds(executionStartToCloseTimeout, () =>
    closeExecution(state, execution, 'WorkflowExecutionTimedOut', { timeoutType: 'START_TO_CLOSE', childPolicy }),
  );
  scheduleDecisionTask(state, execution);
  return execution;
}

const CLOSE_STATUS = {
  WorkflowExecutionCompleted: 'COMPLETED',
  WorkflowExecutionFailed: 'FAILED',
  WorkflowExecutionCanceled: 'CANCELED',
  WorkflowExecutionTerminated: 'TERMINATED',
  WorkflowExecutionTimedOut: 'TIMED_OUT',
} as const satisfies Record<string, CloseStatus>;

export type ClosingEventType = keyof typeof CLOSE_STATUS;

/** Records the closing event and retires everything still open: tasks, timers, tokens. */
export function closeExecution<T extends ClosingEventType>(state: SandboxState, execution: Execution, eventType: T, attributes: AttributesOf<T>): void {
  if (!execution.isOpen) return;
  execution.history.record(eventType, attributes);
  execution.closeStatus = CLOSE_STATUS[eventType];
  execution.closeTimestamp = state.now();
  for (const task of [...execution.activities.values()]) retireActivityTask(state, task);
  for (const timer of execution.timers.values()) state.timers.cancel(timer.handle);
  execution.timers.clear();
  endDecisionTask(state, execution);
  state.timers.cancel(execution.executionTimer);
  execution.domain.openByWorkflowId.delete(execution.workflowId);
}

export function executionInfo(execution: Execution): WorkflowExecutionInfo {
  return {
    execution: execution.workflowExecution,
    workflowType: execution.workflowType,
    startTimestamp: execution.startTimestamp,
    executionStatus: execution.isOpen ? 'OPEN' : 'CLOSED',
    cancelRequested: execution.cancelRequested,
    ...(execution.tagList.length > 0 && { tagList: execution.tagList }),
    ...(execution.closeTimestamp && { closeTimestamp: execution.closeTimestamp }),
    ...(execution.closeStatus && { closeStatus: execution.closeStatus }),
  };
}

export function openCounts(execution: Execution): WorkflowExecutionOpenCounts {
  return {
    openActivityTasks: execution.activities.size,
    openDecisionTasks: execution.decisionTask ? 1 : 0,
    openTimers: execution.timers.size,
    openChildWorkflowExecutions: 0,
    openLambdaFunctions: 0,
  };
}
