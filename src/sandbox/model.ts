/** The sandbox's domain model: domains, registered types, executions and their open tasks. */
import type {
  ActivityType,
  CloseStatus,
  RegistrationStatus,
  TaskList,
  WorkflowExecution,
  WorkflowExecutionConfiguration,
  WorkflowType,
} from '@aws-sdk/client-swf';
import { History } from './history';
import type { TimerHandle } from './timers';

export interface RegisteredType<Config> {
  name: string;
  version: string;
  status: RegistrationStatus;
  description?: string;
  creationDate: Date;
  deprecationDate?: Date;
  configuration: Config;
}

export interface Domain {
  name: string;
  description?: string;
  status: RegistrationStatus;
  arn: string;
  retentionPeriodInDays: string;
  /** Resource tags (TagResource), in the order they were first set; a key appears once. */
  tags: Map<string, string>;
  /** Keyed by `typeKey(name, version)`. */
  activityTypes: Map<string, RegisteredType<ActivityTypeDefaults>>;
  workflowTypes: Map<string, RegisteredType<WorkflowTypeDefaults>>;
  /** Every execution, open or closed, keyed by runId. */
  executions: Map<string, Execution>;
  /** Open executions by workflowId: SWF allows one open run per workflowId. */
  openByWorkflowId: Map<string, Execution>;
}

export interface ActivityTypeDefaults {
  defaultTaskStartToCloseTimeout?: string;
  defaultTaskHeartbeatTimeout?: string;
  defaultTaskList?: TaskList;
  defaultTaskPriority?: string;
  defaultTaskScheduleToStartTimeout?: string;
  defaultTaskScheduleToCloseTimeout?: string;
}

export interface WorkflowTypeDefaults {
  defaultTaskStartToCloseTimeout?: string;
  defaultExecutionStartToCloseTimeout?: string;
  defaultTaskList?: TaskList;
  defaultTaskPriority?: string;
  defaultChildPolicy?: string;
  defaultLambdaRole?: string;
}

export const typeKey = (name: string, version: string): string => `${name}\u0000${version}`;

/** The four activity timeouts, resolved from the decision or the type's defaults. */
export interface ActivityTimeouts {
  scheduleToStartTimeout: string;
  scheduleToCloseTimeout: string;
  startToCloseTimeout: string;
  heartbeatTimeout: string;
}

/** An activity task from ActivityTaskScheduled until its closing event. */
export interface ActivityTask {
  execution: Execution;
  activityId: string;
  activityType: ActivityType;
  input?: string;
  taskList: TaskList;
  timeouts: ActivityTimeouts;
  scheduledEventId: number;
  /** 0 until a worker polls it. */
  startedEventId: number;
  token?: string;
  latestCancelRequestedEventId?: number;
  latestHeartbeatDetails?: string;
  timers: { scheduleToStart?: TimerHandle; scheduleToClose?: TimerHandle; startToClose?: TimerHandle; heartbeat?: TimerHandle };
}

/** The execution's one outstanding decision task (SWF never has two). */
export interface DecisionTask {
  scheduledEventId: number;
  /** 0 until a decider polls it. */
  startedEventId: number;
  token?: string;
  startToCloseTimer?: TimerHandle;
}

export interface WorkflowTimer {
  timerId: string;
  startedEventId: number;
  handle?: TimerHandle;
}

export class Execution {
  readonly history: History;
  closeStatus?: CloseStatus;
  closeTimestamp?: Date;
  cancelRequested = false;
  /** Open activity tasks by activityId. */
  readonly activities = new Map<string, ActivityTask>();
  readonly timers = new Map<string, WorkflowTimer>();
  decisionTask?: DecisionTask;
  /** Set when events arrive while a decision task is started: another one follows its completion. */
  decisionNeededAfterCurrent = false;
  /** startedEventId of the last completed decision task, for PollForDecisionTask's previousStartedEventId. */
  previousStartedEventId = 0;
  latestActivityTaskTimestamp?: Date;
  latestExecutionContext?: string;
  executionTimer?: TimerHandle;
  /** A child's parent, and the parent's events that started it (its StartChildWorkflowExecutionInitiated and ChildWorkflowExecutionStarted). */
  parent?: { execution: Execution; initiatedEventId: number; startedEventId: number };
  /** This execution's open children: each one's close is recorded here, and this one's close applies its child policy to them. */
  readonly children = new Set<Execution>();

  constructor(
    readonly domain: Domain,
    readonly workflowExecution: WorkflowExecution,
    readonly workflowType: WorkflowType,
    readonly configuration: WorkflowExecutionConfiguration,
    readonly tagList: string[],
    readonly startTimestamp: Date,
    now: () => Date,
  ) {
    this.history = new History(now);
  }

  get isOpen(): boolean {
    return this.closeStatus === undefined;
  }

  get workflowId(): string {
    return this.workflowExecution.workflowId as string;
  }

  get runId(): string {
    return this.workflowExecution.runId as string;
  }
}
