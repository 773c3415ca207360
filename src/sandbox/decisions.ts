/**
 * RespondDecisionTaskCompleted: records DecisionTaskCompleted, then applies
 * each decision in order the way SWF does, turning a decision that cannot be
 * carried out into its *Failed event (which wakes the decider again).
 */
import type {
  Decision,
  ScheduleActivityTaskDecisionAttributes,
  ScheduleActivityTaskFailedCause,
  StartChildWorkflowExecutionDecisionAttributes,
  StartChildWorkflowExecutionFailedCause,
} from '@aws-sdk/client-swf';
import { requestCancelActivityTask, scheduleActivityTask } from './activities';
import { endDecisionTask, scheduleDecisionTask } from './decisionTasks';
import { SwfError } from './errors';
import { closeExecution, type DefaultedField, DefaultUndefinedError, resolveConfiguration, startExecution } from './executions';
import { typeKey, type ActivityTimeouts, type Execution } from './model';
import { DECISION } from './requestShapes';
import type { SandboxState } from './state';
import { InputCheck, type Wire } from './wire';
import { cancelTimer, startTimer } from './workflowTimers';

/** SWF's per-execution cap on open activity tasks. */
const MAX_OPEN_ACTIVITIES = 1000;

interface DecisionContext {
  state: SandboxState;
  execution: Execution;
  completedEventId: number;
  /** Events arrived while the decider worked: closing the execution now would drop them. */
  hasUnhandledEvents: boolean;
}

export function completeDecisionTask(state: SandboxState, execution: Execution, decisions: Wire<Decision>[], executionContext: string | undefined): void {
  checkDecisionAttributes(decisions);
  const task = execution.decisionTask;
  if (!task) throw new Error('Invariant: a decision token belongs to a started decision task');
  const completedEventId = execution.history.record('DecisionTaskCompleted', {
    scheduledEventId: task.scheduledEventId,
    startedEventId: task.startedEventId,
    ...(executionContext !== undefined && { executionContext }),
  });
  if (executionContext !== undefined) execution.latestExecutionContext = executionContext;
  execution.previousStartedEventId = task.startedEventId;
  const context: DecisionContext = { state, execution, completedEventId, hasUnhandledEvents: execution.decisionNeededAfterCurrent };
  // The task stays current while its decisions apply, so their *Failed events only mark that a
  // next decision task is needed: SWF schedules it after all of this task's outcomes.
  for (const decision of decisions) {
    if (!execution.isOpen) break;
    applyDecision(context, decision);
  }
  const needsAnother = execution.decisionNeededAfterCurrent;
  endDecisionTask(state, execution);
  if (needsAnother) scheduleDecisionTask(state, execution);
}

/**
 * The request shape has checked each decision's attributes where they are
 * given; what it cannot say is that a decision needs the attributes of its own
 * type. A missing one is reported as its required members being null.
 */
function checkDecisionAttributes(decisions: Wire<Decision>[]): void {
  const check = new InputCheck();
  decisions.forEach((decision, index) => {
    const type = decision.decisionType ?? '';
    // ScheduleActivityTask reads scheduleActivityTaskDecisionAttributes, and so on for every type.
    const attributes = `${type.charAt(0).toLowerCase()}${type.slice(1)}DecisionAttributes`;
    const shape = Object.hasOwn(DECISION.members, attributes) ? DECISION.members[attributes] : undefined;
    if (shape?.type !== 'structure' || (decision as Record<string, unknown>)[attributes] !== undefined) return;
    for (const [name, member] of Object.entries(shape.members)) {
      if (member.required) check.required(`decisions.${index + 1}.member.${attributes}.${name}`, undefined);
    }
  });
  check.throwIfInvalid();
}

function applyDecision(context: DecisionContext, decision: Wire<Decision>): void {
  const { state, execution, completedEventId: decisionTaskCompletedEventId } = context;
  switch (decision.decisionType) {
    case 'ScheduleActivityTask':
      return scheduleFromDecision(context, decision.scheduleActivityTaskDecisionAttributes as ScheduleActivityTaskDecisionAttributes);
    case 'RequestCancelActivityTask':
      return requestCancelActivityTask(state, execution, decision.requestCancelActivityTaskDecisionAttributes?.activityId ?? '', decisionTaskCompletedEventId);
    case 'StartTimer': {
      const { timerId = '', startToFireTimeout = '', control } = decision.startTimerDecisionAttributes ?? {};
      return startTimer(state, execution, { timerId, startToFireTimeout, ...(control !== undefined && { control }) }, decisionTaskCompletedEventId);
    }
    case 'CancelTimer':
      return cancelTimer(state, execution, decision.cancelTimerDecisionAttributes?.timerId ?? '', decisionTaskCompletedEventId);
    case 'RecordMarker': {
      const { markerName = '', details } = decision.recordMarkerDecisionAttributes ?? {};
      execution.history.record('MarkerRecorded', { markerName, ...(details !== undefined && { details }), decisionTaskCompletedEventId });
      return;
    }
    case 'StartChildWorkflowExecution':
      return startChildFromDecision(context, decision.startChildWorkflowExecutionDecisionAttributes as StartChildWorkflowExecutionDecisionAttributes);
    case 'CompleteWorkflowExecution': {
      const result = decision.completeWorkflowExecutionDecisionAttributes?.result;
      if (refuseClose(context, 'CompleteWorkflowExecutionFailed')) return;
      return closeExecution(state, execution, 'WorkflowExecutionCompleted', { ...(result !== undefined && { result }), decisionTaskCompletedEventId });
    }
    case 'FailWorkflowExecution': {
      const { reason, details } = decision.failWorkflowExecutionDecisionAttributes ?? {};
      if (refuseClose(context, 'FailWorkflowExecutionFailed')) return;
      return closeExecution(state, execution, 'WorkflowExecutionFailed', {
        ...(reason !== undefined && { reason }),
        ...(details !== undefined && { details }),
        decisionTaskCompletedEventId,
      });
    }
    case 'CancelWorkflowExecution': {
      const details = decision.cancelWorkflowExecutionDecisionAttributes?.details;
      if (refuseClose(context, 'CancelWorkflowExecutionFailed')) return;
      return closeExecution(state, execution, 'WorkflowExecutionCanceled', { ...(details !== undefined && { details }), decisionTaskCompletedEventId });
    }
    default:
      throw new SwfError('ValidationException', `Decision type ${String(decision.decisionType)} is not supported by the SWF sandbox`);
  }
}

/** SWF refuses to close an execution that has events the decider has not seen yet. */
function refuseClose(context: DecisionContext, failedEvent: 'CompleteWorkflowExecutionFailed' | 'FailWorkflowExecutionFailed' | 'CancelWorkflowExecutionFailed'): boolean {
  if (!context.hasUnhandledEvents) return false;
  context.execution.history.record(failedEvent, { cause: 'UNHANDLED_DECISION', decisionTaskCompletedEventId: context.completedEventId });
  return true;
}

function scheduleFromDecision(context: DecisionContext, attributes: ScheduleActivityTaskDecisionAttributes): void {
  const { state, execution, completedEventId: decisionTaskCompletedEventId } = context;
  const { activityType, activityId = '', input, control, taskPriority } = attributes;
  const fail = (cause: ScheduleActivityTaskFailedCause): void => {
    execution.history.record('ScheduleActivityTaskFailed', { activityType, activityId, cause, decisionTaskCompletedEventId });
    scheduleDecisionTask(state, execution);
  };
  const type = execution.domain.activityTypes.get(typeKey(activityType?.name ?? '', activityType?.version ?? ''));
  if (!type) return fail('ACTIVITY_TYPE_DOES_NOT_EXIST');
  if (type.status === 'DEPRECATED') return fail('ACTIVITY_TYPE_DEPRECATED');
  if (execution.activities.has(activityId)) return fail('ACTIVITY_ID_ALREADY_IN_USE');
  if (execution.activities.size >= MAX_OPEN_ACTIVITIES) return fail('OPEN_ACTIVITIES_LIMIT_EXCEEDED');
  const defaults = type.configuration;
  const taskList = attributes.taskList?.name ?? defaults.defaultTaskList?.name;
  if (taskList === undefined) return fail('DEFAULT_TASK_LIST_UNDEFINED');
  const timeouts: Partial<ActivityTimeouts> = {
    scheduleToStartTimeout: attributes.scheduleToStartTimeout ?? defaults.defaultTaskScheduleToStartTimeout,
    scheduleToCloseTimeout: attributes.scheduleToCloseTimeout ?? defaults.defaultTaskScheduleToCloseTimeout,
    startToCloseTimeout: attributes.startToCloseTimeout ?? defaults.defaultTaskStartToCloseTimeout,
    heartbeatTimeout: attributes.heartbeatTimeout ?? defaults.defaultTaskHeartbeatTimeout,
  };
  if (timeouts.scheduleToStartTimeout === undefined) return fail('DEFAULT_SCHEDULE_TO_START_TIMEOUT_UNDEFINED');
  if (timeouts.scheduleToCloseTimeout === undefined) return fail('DEFAULT_SCHEDULE_TO_CLOSE_TIMEOUT_UNDEFINED');
  if (timeouts.startToCloseTimeout === undefined) return fail('DEFAULT_START_TO_CLOSE_TIMEOUT_UNDEFINED');
  if (timeouts.heartbeatTimeout === undefined) return fail('DEFAULT_HEARTBEAT_TIMEOUT_UNDEFINED');
  const priority = taskPriority ?? defaults.defaultTaskPriority;
  scheduleActivityTask(state, execution, {
    activityType: { name: activityType?.name, version: activityType?.version },
    activityId,
    ...(input !== undefined && { input }),
    ...(control !== undefined && { control }),
    taskList: { name: taskList },
    ...(priority !== undefined && { taskPriority: priority }),
    timeouts: timeouts as ActivityTimeouts,
    decisionTaskCompletedEventId,
  });
}

/** A child start's cause for each default its type lacks. */
const DEFAULT_UNDEFINED_CAUSES: Record<DefaultedField, StartChildWorkflowExecutionFailedCause> = {
  taskList: 'DEFAULT_TASK_LIST_UNDEFINED',
  executionStartToCloseTimeout: 'DEFAULT_EXECUTION_START_TO_CLOSE_TIMEOUT_UNDEFINED',
  taskStartToCloseTimeout: 'DEFAULT_TASK_START_TO_CLOSE_TIMEOUT_UNDEFINED',
  childPolicy: 'DEFAULT_CHILD_POLICY_UNDEFINED',
};

/** What SWF says when a child cannot start: the start's own fault, in the decision's terms. */
function childFailureCause(error: unknown): StartChildWorkflowExecutionFailedCause | undefined {
  if (error instanceof DefaultUndefinedError) return DEFAULT_UNDEFINED_CAUSES[error.field];
  if (!(error instanceof SwfError)) return undefined;
  switch (error.errorName) {
    case 'UnknownResourceFault':
      return 'WORKFLOW_TYPE_DOES_NOT_EXIST';
    case 'TypeDeprecatedFault':
      return 'WORKFLOW_TYPE_DEPRECATED';
    case 'WorkflowExecutionAlreadyStartedFault':
      return 'WORKFLOW_ALREADY_RUNNING';
    case 'DomainDeprecatedFault':
      return 'OPERATION_NOT_PERMITTED';
    default:
      return undefined;
  }
}

/**
 * StartChildWorkflowExecution. A decision SWF cannot carry out from what it
 * knows now (an unknown or deprecated type, a default the type lacks) is
 * StartChildWorkflowExecutionFailed at once, naming no initiated event;
 * otherwise StartChildWorkflowExecutionInitiated (with the type's defaults
 * filled in), then the child starts in the same domain (its started event
 * names this execution as its parent) and ChildWorkflowExecutionStarted is
 * recorded here; a child whose workflow ID is in use fails after its
 * initiated event.
 */
function startChildFromDecision(context: DecisionContext, attributes: StartChildWorkflowExecutionDecisionAttributes): void {
  const { state, execution, completedEventId: decisionTaskCompletedEventId } = context;
  const { workflowId = '', control, input, tagList } = attributes;
  // The request shape has checked that the decision names a type (name and version).
  const workflowType = { name: attributes.workflowType?.name ?? '', version: attributes.workflowType?.version ?? '' };
  const params = { ...attributes, workflowId, workflowType };
  const fail = (cause: StartChildWorkflowExecutionFailedCause, initiatedEventId: number): void => {
    execution.history.record('StartChildWorkflowExecutionFailed', { workflowType, cause, workflowId, initiatedEventId, decisionTaskCompletedEventId, ...(control !== undefined && { control }) });
    scheduleDecisionTask(state, execution);
  };
  let configuration: ReturnType<typeof resolveConfiguration>;
  try {
    configuration = resolveConfiguration(execution.domain, params);
  } catch (error) {
    const cause = childFailureCause(error);
    if (!cause) throw error;
    return fail(cause, 0);
  }
  const { taskList, taskPriority, executionStartToCloseTimeout, taskStartToCloseTimeout, childPolicy, lambdaRole } = configuration;
  const initiatedEventId = execution.history.record('StartChildWorkflowExecutionInitiated', {
    workflowId,
    workflowType,
    ...(control !== undefined && { control }),
    ...(input !== undefined && { input }),
    executionStartToCloseTimeout,
    taskList: { name: taskList?.name ?? '' },
    ...(taskPriority !== undefined && { taskPriority }),
    decisionTaskCompletedEventId,
    childPolicy,
    taskStartToCloseTimeout,
    ...(tagList !== undefined && { tagList }),
    ...(lambdaRole !== undefined && { lambdaRole }),
  });
  try {
    startExecution(state, execution.domain, { ...params, parent: { execution, initiatedEventId } });
  } catch (error) {
    const cause = childFailureCause(error);
    if (!cause) throw error;
    fail(cause, initiatedEventId);
  }
}
