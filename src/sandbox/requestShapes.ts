/**
 * The request shape of every operation the sandbox implements, as the SWF API
 * model declares it: member types, required members, enum values and limits.
 * This one table drives the checks the service's front end makes before an
 * operation runs (requestValidation.ts), so handlers only add the rules the
 * model cannot express (e.g. "exactly one of startTimeFilter and
 * closeTimeFilter").
 *
 * Each structure is declared against the SDK's own type of it, so the
 * compiler rejects a member the SDK does not have, a member left out, and a
 * member marked required (or not) unlike the SDK's model.
 */
import type * as swf from '@aws-sdk/client-swf';
import type { LimitName } from '../common/limits';

export interface StringShape {
  readonly type: 'string';
  readonly limit?: LimitName;
  /** An enum: the allowed values, in model order (the service lists them in that order). */
  readonly values?: readonly string[];
  /** "NONE" or a whole number (SWF_DURATION_PATTERN). */
  readonly duration?: boolean;
}

/** An integer member; `limit` bounds its value. */
export interface IntegerShape {
  readonly type: 'integer';
  readonly limit?: LimitName;
}

export interface BooleanShape {
  readonly type: 'boolean';
}

/** Epoch seconds on the wire. */
export interface TimestampShape {
  readonly type: 'timestamp';
}

export interface StructureShape {
  readonly type: 'structure';
  readonly members: Readonly<Record<string, Member>>;
}

export interface ListShape {
  readonly type: 'list';
  readonly member: MemberShape;
  /** Bounds the number of elements. */
  readonly limit?: LimitName;
}

export type MemberShape = StringShape | IntegerShape | BooleanShape | TimestampShape | StructureShape | ListShape;

/** A structure's member: its shape, and whether the request must carry it. */
export type Member = MemberShape & { readonly required?: true };

/** Whether the SDK's type declares member K as required (`x: T | undefined` rather than `x?: T`). */
type IsRequired<T, K extends keyof T> = Pick<T, K> extends Required<Pick<T, K>> ? true : false;

/** Every member of T, each marked `required` exactly when the SDK's model requires it. */
type Members<T> = {
  readonly [K in keyof T]-?: IsRequired<T, K> extends true ? MemberShape & { readonly required: true } : MemberShape & { readonly required?: never };
};

const structure = <T>(members: Members<T>): StructureShape => ({ type: 'structure', members });
const required = <S extends MemberShape>(shape: S): S & { readonly required: true } => ({ ...shape, required: true });
const string = (limit?: LimitName): StringShape => ({ type: 'string', ...(limit && { limit }) });
const duration = (limit: 'DurationInDays' | 'DurationInSeconds' | 'DurationInSecondsOptional'): StringShape => ({ type: 'string', limit, duration: true });
const list = (member: MemberShape, limit?: LimitName): ListShape => ({ type: 'list', member, ...(limit && { limit }) });
const BOOLEAN: BooleanShape = { type: 'boolean' };
const TIMESTAMP: TimestampShape = { type: 'timestamp' };

/**
 * An enum's values in model order. The compiler checks them against the SDK's
 * union: a value it does not know is an error, and so is one left out.
 */
const enumOf =
  <T extends string>() =>
  <const V extends readonly T[]>(values: V & ([Exclude<T, V[number]>] extends [never] ? unknown : { missingValues: Exclude<T, V[number]> })): StringShape => ({
    type: 'string',
    values,
  });

const REGISTRATION_STATUS = enumOf<swf.RegistrationStatus>()(['REGISTERED', 'DEPRECATED']);
const CHILD_POLICY = enumOf<swf.ChildPolicy>()(['TERMINATE', 'REQUEST_CANCEL', 'ABANDON']);
const CLOSE_STATUS = enumOf<swf.CloseStatus>()(['COMPLETED', 'FAILED', 'CANCELED', 'TERMINATED', 'CONTINUED_AS_NEW', 'TIMED_OUT']);
const DECISION_TYPE = enumOf<swf.DecisionType>()([
  'ScheduleActivityTask',
  'RequestCancelActivityTask',
  'CompleteWorkflowExecution',
  'FailWorkflowExecution',
  'CancelWorkflowExecution',
  'ContinueAsNewWorkflowExecution',
  'RecordMarker',
  'StartTimer',
  'CancelTimer',
  'SignalExternalWorkflowExecution',
  'RequestCancelExternalWorkflowExecution',
  'StartChildWorkflowExecution',
  'ScheduleLambdaFunction',
]);

// Shapes shared by several requests, named as in the model.
const DOMAIN_NAME = string('DomainName');
const DATA = string('Data');
const TASK_LIST = structure<swf.TaskList>({ name: required(string('Name')) });
const ACTIVITY_TYPE = structure<swf.ActivityType>({ name: required(string('Name')), version: required(string('Version')) });
const WORKFLOW_TYPE = structure<swf.WorkflowType>({ name: required(string('Name')), version: required(string('Version')) });
const WORKFLOW_EXECUTION = structure<swf.WorkflowExecution>({ workflowId: required(string('WorkflowId')), runId: required(string('WorkflowRunId')) });
const TAG_LIST = list(string('Tag'), 'TagList');
/** A domain's resource tags (RegisterDomain, TagResource). */
const RESOURCE_TAGS = list(structure<swf.ResourceTag>({ key: required(string('ResourceTagKey')), value: string('ResourceTagValue') }));
const OPTIONAL_DURATION = duration('DurationInSecondsOptional');
const PAGE_SIZE: IntegerShape = { type: 'integer', limit: 'PageSize' };
const TIME_FILTER = structure<swf.ExecutionTimeFilter>({ oldestDate: required(TIMESTAMP), latestDate: TIMESTAMP });
const TYPE_FILTER = structure<swf.WorkflowTypeFilter>({ name: required(string('Name')), version: string('VersionOptional') });
const TAG_FILTER = structure<swf.TagFilter>({ tag: required(string('Tag')) });
const EXECUTION_FILTER = structure<swf.WorkflowExecutionFilter>({ workflowId: required(string('WorkflowId')) });
const CLOSE_STATUS_FILTER = structure<swf.CloseStatusFilter>({ status: required(CLOSE_STATUS) });

/** Every decision's attributes, also of the decisions the sandbox does not carry out: the service checks them all. */
export const DECISION = structure<swf.Decision>({
  decisionType: required(DECISION_TYPE),
  scheduleActivityTaskDecisionAttributes: structure<swf.ScheduleActivityTaskDecisionAttributes>({
    activityType: required(ACTIVITY_TYPE),
    activityId: required(string('ActivityId')),
    control: DATA,
    input: DATA,
    scheduleToCloseTimeout: OPTIONAL_DURATION,
    taskList: TASK_LIST,
    taskPriority: string(),
    scheduleToStartTimeout: OPTIONAL_DURATION,
    startToCloseTimeout: OPTIONAL_DURATION,
    heartbeatTimeout: OPTIONAL_DURATION,
  }),
  requestCancelActivityTaskDecisionAttributes: structure<swf.RequestCancelActivityTaskDecisionAttributes>({ activityId: required(string('ActivityId')) }),
  completeWorkflowExecutionDecisionAttributes: structure<swf.CompleteWorkflowExecutionDecisionAttributes>({ result: DATA }),
  failWorkflowExecutionDecisionAttributes: structure<swf.FailWorkflowExecutionDecisionAttributes>({ reason: string('FailureReason'), details: DATA }),
  cancelWorkflowExecutionDecisionAttributes: structure<swf.CancelWorkflowExecutionDecisionAttributes>({ details: DATA }),
  continueAsNewWorkflowExecutionDecisionAttributes: structure<swf.ContinueAsNewWorkflowExecutionDecisionAttributes>({
    input: DATA,
    executionStartToCloseTimeout: OPTIONAL_DURATION,
    taskList: TASK_LIST,
    taskPriority: string(),
    taskStartToCloseTimeout: OPTIONAL_DURATION,
    childPolicy: CHILD_POLICY,
    tagList: TAG_LIST,
    workflowTypeVersion: string('Version'),
    lambdaRole: string('Arn'),
  }),
  recordMarkerDecisionAttributes: structure<swf.RecordMarkerDecisionAttributes>({ markerName: required(string('MarkerName')), details: DATA }),
  startTimerDecisionAttributes: structure<swf.StartTimerDecisionAttributes>({
    timerId: required(string('TimerId')),
    control: DATA,
    startToFireTimeout: required(duration('DurationInSeconds')),
  }),
  cancelTimerDecisionAttributes: structure<swf.CancelTimerDecisionAttributes>({ timerId: required(string('TimerId')) }),
  signalExternalWorkflowExecutionDecisionAttributes: structure<swf.SignalExternalWorkflowExecutionDecisionAttributes>({
    workflowId: required(string('WorkflowId')),
    runId: string('WorkflowRunIdOptional'),
    signalName: required(string('SignalName')),
    input: DATA,
    control: DATA,
  }),
  requestCancelExternalWorkflowExecutionDecisionAttributes: structure<swf.RequestCancelExternalWorkflowExecutionDecisionAttributes>({
    workflowId: required(string('WorkflowId')),
    runId: string('WorkflowRunIdOptional'),
    control: DATA,
  }),
  startChildWorkflowExecutionDecisionAttributes: structure<swf.StartChildWorkflowExecutionDecisionAttributes>({
    workflowType: required(WORKFLOW_TYPE),
    workflowId: required(string('WorkflowId')),
    control: DATA,
    input: DATA,
    executionStartToCloseTimeout: OPTIONAL_DURATION,
    taskList: TASK_LIST,
    taskPriority: string(),
    taskStartToCloseTimeout: OPTIONAL_DURATION,
    childPolicy: CHILD_POLICY,
    tagList: TAG_LIST,
    lambdaRole: string('Arn'),
  }),
  scheduleLambdaFunctionDecisionAttributes: structure<swf.ScheduleLambdaFunctionDecisionAttributes>({
    id: required(string('FunctionId')),
    name: required(string('FunctionName')),
    control: DATA,
    input: string('FunctionInput'),
    startToCloseTimeout: OPTIONAL_DURATION,
  }),
});

/** The paging members of every list operation. */
const LIST_PAGE = { nextPageToken: string('PageToken'), maximumPageSize: PAGE_SIZE, reverseOrder: BOOLEAN } as const;

/**
 * Keyed by X-Amz-Target operation name. The table does not import the
 * operations it describes (that would tie the two in a circle): the sandbox's
 * gateway, which uses both, has the compiler check that its keys are exactly
 * the operations the sandbox implements. Members are in model order, so
 * several violations are reported in that (stable) order.
 */
export const REQUEST_SHAPES = {
  RegisterDomain: structure<swf.RegisterDomainInput>({
    name: required(DOMAIN_NAME),
    description: string('Description'),
    workflowExecutionRetentionPeriodInDays: required(duration('DurationInDays')),
    tags: RESOURCE_TAGS,
  }),
  ListDomains: structure<swf.ListDomainsInput>({
    nextPageToken: LIST_PAGE.nextPageToken,
    registrationStatus: required(REGISTRATION_STATUS),
    maximumPageSize: LIST_PAGE.maximumPageSize,
    reverseOrder: LIST_PAGE.reverseOrder,
  }),
  DescribeDomain: structure<swf.DescribeDomainInput>({ name: required(DOMAIN_NAME) }),
  DeprecateDomain: structure<swf.DeprecateDomainInput>({ name: required(DOMAIN_NAME) }),
  UndeprecateDomain: structure<swf.UndeprecateDomainInput>({ name: required(DOMAIN_NAME) }),
  TagResource: structure<swf.TagResourceInput>({ resourceArn: required(string('Arn')), tags: required(RESOURCE_TAGS) }),
  UntagResource: structure<swf.UntagResourceInput>({ resourceArn: required(string('Arn')), tagKeys: required(list(string('ResourceTagKey'))) }),
  ListTagsForResource: structure<swf.ListTagsForResourceInput>({ resourceArn: required(string('Arn')) }),

  RegisterActivityType: structure<swf.RegisterActivityTypeInput>({
    domain: required(DOMAIN_NAME),
    name: required(string('Name')),
    version: required(string('Version')),
    description: string('Description'),
    defaultTaskStartToCloseTimeout: OPTIONAL_DURATION,
    defaultTaskHeartbeatTimeout: OPTIONAL_DURATION,
    defaultTaskList: TASK_LIST,
    defaultTaskPriority: string(),
    defaultTaskScheduleToStartTimeout: OPTIONAL_DURATION,
    defaultTaskScheduleToCloseTimeout: OPTIONAL_DURATION,
  }),
  RegisterWorkflowType: structure<swf.RegisterWorkflowTypeInput>({
    domain: required(DOMAIN_NAME),
    name: required(string('Name')),
    version: required(string('Version')),
    description: string('Description'),
    defaultTaskStartToCloseTimeout: OPTIONAL_DURATION,
    defaultExecutionStartToCloseTimeout: OPTIONAL_DURATION,
    defaultTaskList: TASK_LIST,
    defaultTaskPriority: string(),
    defaultChildPolicy: CHILD_POLICY,
    defaultLambdaRole: string('Arn'),
  }),
  ListActivityTypes: structure<swf.ListActivityTypesInput>({ domain: required(DOMAIN_NAME), name: string('Name'), registrationStatus: required(REGISTRATION_STATUS), ...LIST_PAGE }),
  ListWorkflowTypes: structure<swf.ListWorkflowTypesInput>({ domain: required(DOMAIN_NAME), name: string('Name'), registrationStatus: required(REGISTRATION_STATUS), ...LIST_PAGE }),
  DescribeActivityType: structure<swf.DescribeActivityTypeInput>({ domain: required(DOMAIN_NAME), activityType: required(ACTIVITY_TYPE) }),
  DescribeWorkflowType: structure<swf.DescribeWorkflowTypeInput>({ domain: required(DOMAIN_NAME), workflowType: required(WORKFLOW_TYPE) }),
  DeprecateActivityType: structure<swf.DeprecateActivityTypeInput>({ domain: required(DOMAIN_NAME), activityType: required(ACTIVITY_TYPE) }),
  DeprecateWorkflowType: structure<swf.DeprecateWorkflowTypeInput>({ domain: required(DOMAIN_NAME), workflowType: required(WORKFLOW_TYPE) }),
  UndeprecateActivityType: structure<swf.UndeprecateActivityTypeInput>({ domain: required(DOMAIN_NAME), activityType: required(ACTIVITY_TYPE) }),
  UndeprecateWorkflowType: structure<swf.UndeprecateWorkflowTypeInput>({ domain: required(DOMAIN_NAME), workflowType: required(WORKFLOW_TYPE) }),

  StartWorkflowExecution: structure<swf.StartWorkflowExecutionInput>({
    domain: required(DOMAIN_NAME),
    workflowId: required(string('WorkflowId')),
    workflowType: required(WORKFLOW_TYPE),
    taskList: TASK_LIST,
    taskPriority: string(),
    input: DATA,
    executionStartToCloseTimeout: OPTIONAL_DURATION,
    tagList: TAG_LIST,
    taskStartToCloseTimeout: OPTIONAL_DURATION,
    childPolicy: CHILD_POLICY,
    lambdaRole: string('Arn'),
  }),
  SignalWorkflowExecution: structure<swf.SignalWorkflowExecutionInput>({
    domain: required(DOMAIN_NAME),
    workflowId: required(string('WorkflowId')),
    runId: string('WorkflowRunIdOptional'),
    signalName: required(string('SignalName')),
    input: DATA,
  }),
  RequestCancelWorkflowExecution: structure<swf.RequestCancelWorkflowExecutionInput>({
    domain: required(DOMAIN_NAME),
    workflowId: required(string('WorkflowId')),
    runId: string('WorkflowRunIdOptional'),
  }),
  TerminateWorkflowExecution: structure<swf.TerminateWorkflowExecutionInput>({
    domain: required(DOMAIN_NAME),
    workflowId: required(string('WorkflowId')),
    runId: string('WorkflowRunIdOptional'),
    reason: string('TerminateReason'),
    details: DATA,
    childPolicy: CHILD_POLICY,
  }),
  DescribeWorkflowExecution: structure<swf.DescribeWorkflowExecutionInput>({ domain: required(DOMAIN_NAME), execution: required(WORKFLOW_EXECUTION) }),
  GetWorkflowExecutionHistory: structure<swf.GetWorkflowExecutionHistoryInput>({ domain: required(DOMAIN_NAME), execution: required(WORKFLOW_EXECUTION), ...LIST_PAGE }),
  ListOpenWorkflowExecutions: structure<swf.ListOpenWorkflowExecutionsInput>({
    domain: required(DOMAIN_NAME),
    startTimeFilter: required(TIME_FILTER),
    typeFilter: TYPE_FILTER,
    tagFilter: TAG_FILTER,
    ...LIST_PAGE,
    executionFilter: EXECUTION_FILTER,
  }),
  ListClosedWorkflowExecutions: structure<swf.ListClosedWorkflowExecutionsInput>({
    domain: required(DOMAIN_NAME),
    startTimeFilter: TIME_FILTER,
    closeTimeFilter: TIME_FILTER,
    executionFilter: EXECUTION_FILTER,
    closeStatusFilter: CLOSE_STATUS_FILTER,
    typeFilter: TYPE_FILTER,
    tagFilter: TAG_FILTER,
    ...LIST_PAGE,
  }),
  CountOpenWorkflowExecutions: structure<swf.CountOpenWorkflowExecutionsInput>({
    domain: required(DOMAIN_NAME),
    startTimeFilter: required(TIME_FILTER),
    typeFilter: TYPE_FILTER,
    tagFilter: TAG_FILTER,
    executionFilter: EXECUTION_FILTER,
  }),
  CountClosedWorkflowExecutions: structure<swf.CountClosedWorkflowExecutionsInput>({
    domain: required(DOMAIN_NAME),
    startTimeFilter: TIME_FILTER,
    closeTimeFilter: TIME_FILTER,
    executionFilter: EXECUTION_FILTER,
    typeFilter: TYPE_FILTER,
    tagFilter: TAG_FILTER,
    closeStatusFilter: CLOSE_STATUS_FILTER,
  }),

  PollForDecisionTask: structure<swf.PollForDecisionTaskInput>({
    domain: required(DOMAIN_NAME),
    taskList: required(TASK_LIST),
    identity: string('Identity'),
    ...LIST_PAGE,
    startAtPreviousStartedEvent: BOOLEAN,
  }),
  RespondDecisionTaskCompleted: structure<swf.RespondDecisionTaskCompletedInput>({
    taskToken: required(string('TaskToken')),
    decisions: list(DECISION),
    executionContext: DATA,
    taskList: TASK_LIST,
    taskListScheduleToStartTimeout: OPTIONAL_DURATION,
  }),
  CountPendingDecisionTasks: structure<swf.CountPendingDecisionTasksInput>({ domain: required(DOMAIN_NAME), taskList: required(TASK_LIST) }),

  PollForActivityTask: structure<swf.PollForActivityTaskInput>({ domain: required(DOMAIN_NAME), taskList: required(TASK_LIST), identity: string('Identity') }),
  RecordActivityTaskHeartbeat: structure<swf.RecordActivityTaskHeartbeatInput>({ taskToken: required(string('TaskToken')), details: string('LimitedData') }),
  RespondActivityTaskCompleted: structure<swf.RespondActivityTaskCompletedInput>({ taskToken: required(string('TaskToken')), result: DATA }),
  RespondActivityTaskFailed: structure<swf.RespondActivityTaskFailedInput>({ taskToken: required(string('TaskToken')), reason: string('FailureReason'), details: DATA }),
  RespondActivityTaskCanceled: structure<swf.RespondActivityTaskCanceledInput>({ taskToken: required(string('TaskToken')), details: DATA }),
  CountPendingActivityTasks: structure<swf.CountPendingActivityTasksInput>({ domain: required(DOMAIN_NAME), taskList: required(TASK_LIST) }),
} satisfies Record<string, StructureShape>;
