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
  /** A child's parent and its StartChildWorkflowExecutionInitiated event. */
  parent?: { execution: Execution; initiatedEventId: number };
}

/** A field a start may leave to the workflow type's defaults. */
export type DefaultedField = 'taskList' | 'executionStartToCloseTimeout' | 'taskStartToCloseTimeout' | 'childPolicy';

/** DefaultUndefinedFault, naming the field: a child's start reports it as the cause of that field. */
export class DefaultUndefinedError extends SwfError {
  constructor(readonly field: DefaultedField) {
    super('DefaultUndefinedFault', `No default value registered and none provided for ${field}`);
  }
}

/** Fills what the request leaves out from the workflow type's registered defaults, as SWF does. */
export function resolveConfiguration(domain: Domain, params: StartParams): WorkflowExecutionConfiguration {
  const { name = '', version = '' } = params.workflowType;
  const type = domain.workflowTypes.get(typeKey(name, version));
  if (!type) throw new SwfError('UnknownResourceFault', `Unknown type: WorkflowType=[name=${name}, version=${version}]`);
  if (type.status === 'DEPRECATED') throw new SwfError('TypeDeprecatedFault', `WorkflowType=[name=${name}, version=${version}]`);
  const defaults = type.configuration;
  const pick = (field: DefaultedField, value: string | undefined, fallback: string | undefined): string => {
    const resolved = value ?? fallback;
    if (resolved === undefined) throw new DefaultUndefinedError(field);
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
    ...(params.parent && { parentWorkflowExecution: params.parent.execution.workflowExecution }),
    parentInitiatedEventId: params.parent?.initiatedEventId ?? 0,
  });
  if (params.parent) {
    const { execution: parent, initiatedEventId } = params.parent;
    const startedEventId = parent.history.record('ChildWorkflowExecutionStarted', { workflowExecution: execution.workflowExecution, workflowType, initiatedEventId });
    execution.parent = { execution: parent, initiatedEventId, startedEventId };
    parent.children.add(execution);
    scheduleDecisionTask(state, parent);
  }
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
  tellParent(state, execution, eventType, attributes);
  const policy = 'childPolicy' in attributes && attributes.childPolicy ? attributes.childPolicy : execution.configuration.childPolicy;
  applyChildPolicy(state, execution, policy as ChildPolicy | undefined);
}

/** A child's close, recorded in its open parent (ChildWorkflowExecution<Status>), which wakes the parent's decider. */
function tellParent<T extends ClosingEventType>(state: SandboxState, child: Execution, eventType: T, attributes: AttributesOf<T>): void {
  const link = child.parent;
  if (!link) return;
  const parent = link.execution;
  parent.children.delete(child);
  if (!parent.isOpen) return;
  const common = { workflowExecution: child.workflowExecution, workflowType: child.workflowType, initiatedEventId: link.initiatedEventId, startedEventId: link.startedEventId };
  const a = attributes as { result?: string; reason?: string; details?: string; timeoutType?: 'START_TO_CLOSE' };
  switch (eventType) {
    case 'WorkflowExecutionCompleted':
      parent.history.record('ChildWorkflowExecutionCompleted', { ...common, ...(a.result !== undefined && { result: a.result }) });
      break;
    case 'WorkflowExecutionFailed':
      parent.history.record('ChildWorkflowExecutionFailed', { ...common, ...(a.reason !== undefined && { reason: a.reason }), ...(a.details !== undefined && { details: a.details }) });
      break;
    case 'WorkflowExecutionCanceled':
      parent.history.record('ChildWorkflowExecutionCanceled', { ...common, ...(a.details !== undefined && { details: a.details }) });
      break;
    case 'WorkflowExecutionTerminated':
      parent.history.record('ChildWorkflowExecutionTerminated', common);
      break;
    case 'WorkflowExecutionTimedOut':
      parent.history.record('ChildWorkflowExecutionTimedOut', { ...common, timeoutType: a.timeoutType ?? 'START_TO_CLOSE' });
      break;
  }
  scheduleDecisionTask(state, parent);
}

/** What a closing parent does to its open children: terminate them, ask them to cancel, or leave them running (ABANDON). */
function applyChildPolicy(state: SandboxState, parent: Execution, policy: ChildPolicy | undefined): void {
  for (const child of [...parent.children]) {
    if (!child.isOpen) continue;
    if (policy === 'TERMINATE') {
      closeExecution(state, child, 'WorkflowExecutionTerminated', { childPolicy: child.configuration.childPolicy, cause: 'CHILD_POLICY_APPLIED' });
    } else if (policy === 'REQUEST_CANCEL' && !child.cancelRequested) {
      child.cancelRequested = true;
      child.history.record('WorkflowExecutionCancelRequested', { cause: 'CHILD_POLICY_APPLIED' });
      scheduleDecisionTask(state, child);
    }
  }
  parent.children.clear();
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
    ...(execution.parent && { parent: execution.parent.execution.workflowExecution }),
  };
}

export function openCounts(execution: Execution): WorkflowExecutionOpenCounts {
  return {
    openActivityTasks: execution.activities.size,
    openDecisionTasks: execution.decisionTask ? 1 : 0,
    openTimers: execution.timers.size,
    openChildWorkflowExecutions: execution.children.size,
    openLambdaFunctions: 0,
  };
}
