/**
 * The shape of the execution timeline: one workflow execution's history as a
 * header and lanes of bars (activity, decision and Lambda tasks, timers, child
 * executions, outgoing signals and cancel requests) and point marks (signals,
 * markers, cancel requests, refused decisions), and the `TimelineDelta` one
 * fold step returns. Types and small pure helpers only; the fold that builds
 * them from events is `timelineFold.ts`.
 *
 * Bars keep the small attributes a view draws (ids, types, identity, reason,
 * cause, timeout type); the large ones (input, result, details: up to 32 KiB
 * each) stay in the events, which the model indexes by eventId: `eventsOf`.
 */
import type { HistoryEvent } from '@aws-sdk/client-swf';
import type { ActivityTimeouts } from './openTasks';

export type ExecutionStatus = 'open' | 'completed' | 'failed' | 'canceled' | 'terminated' | 'continuedAsNew' | 'timedOut';

export interface NameVersion {
  name: string;
  version: string;
}

export interface ExecutionRef {
  workflowId: string;
  runId?: string;
}

/** What DescribeWorkflowExecution calls openCounts, kept from the history instead (its quota refills at 6/s). */
export interface OpenCounts {
  activityTasks: number;
  decisionTasks: number;
  timers: number;
  childWorkflowExecutions: number;
  lambdaFunctions: number;
}

export interface TimelineHeader {
  readonly workflowId: string;
  readonly runId: string;
  readonly workflowType?: NameVersion;
  readonly status: ExecutionStatus;
  readonly startedAt?: Date;
  readonly closedAt?: Date;
  readonly startedEventId?: number;
  /** The event that closed the execution: its result or details are there. */
  readonly closeEventId?: number;
  readonly executionStartToCloseTimeout?: string;
  readonly taskStartToCloseTimeout?: string;
  readonly childPolicy?: string;
  readonly tags: readonly string[];
  readonly input?: string;
  readonly taskList?: string;
  readonly taskPriority?: string;
  readonly lambdaRole?: string;
  readonly parent?: ExecutionRef;
  readonly continuedFromRunId?: string;
  readonly cancelRequested: boolean;
  /** Failure or termination reason (at most 256 characters). */
  readonly closeReason?: string;
  /** Termination cause, e.g. CHILD_POLICY_APPLIED, EVENT_LIMIT_EXCEEDED. */
  readonly closeCause?: string;
  readonly closeTimeoutType?: string;
  /** The run that continued this one, after WorkflowExecutionContinuedAsNew. */
  readonly newRunId?: string;
  readonly open: Readonly<OpenCounts>;
}

/** Lanes the execution has one of ('workflow', 'decision', 'signal', 'marker', 'externalSignal', 'externalCancel') have id ''. */
export type LaneKind = 'workflow' | 'decision' | 'activity' | 'lambda' | 'timer' | 'child' | 'signal' | 'marker' | 'externalSignal' | 'externalCancel';

/**
 * An open bar whose execution closed: no event will ever close it, so a view
 * draws it up to `header.closedAt`.
 */
export type ExecutionClosed = 'executionClosed';

interface BarBase {
  /** The eventId of the event that opened the bar: unique in the model, a stable key for a view. */
  readonly id: number;
  readonly laneKey: string;
  readonly scheduledAt?: Date;
  readonly startedAt?: Date;
  readonly closedAt?: Date;
  readonly startedEventId?: number;
  readonly closeEventId?: number;
  /** Every event of the bar, ascending (cancel requests included): `eventsOf` turns them into events. */
  readonly eventIds: readonly number[];
}

export interface ActivityBar extends BarBase {
  readonly kind: 'activity';
  readonly outcome: 'open' | 'completed' | 'failed' | 'timedOut' | 'canceled' | ExecutionClosed;
  readonly activityId: string;
  readonly activityType: NameVersion;
  /** 1 for the first scheduling of this activityId, 2 for its first retry, ... */
  readonly attempt: number;
  readonly taskList: string;
  readonly timeouts: ActivityTimeouts;
  /** The identity the worker gave PollForActivityTask. */
  readonly identity?: string;
  readonly cancelRequested: boolean;
  readonly cancelRequestedAt?: Date;
  readonly timeoutType?: string;
  readonly reason?: string;
}

export interface DecisionBar extends BarBase {
  readonly kind: 'decision';
  readonly outcome: 'open' | 'completed' | 'timedOut' | ExecutionClosed;
  readonly taskList: string;
  readonly startToCloseTimeout?: string;
  readonly identity?: string;
  readonly timeoutType?: string;
}

export interface LambdaBar extends BarBase {
  readonly kind: 'lambda';
  readonly outcome: 'open' | 'completed' | 'failed' | 'timedOut' | 'startFailed' | ExecutionClosed;
  readonly lambdaId: string;
  readonly name: string;
  readonly attempt: number;
  readonly startToCloseTimeout?: string;
  readonly timeoutType?: string;
  readonly reason?: string;
  readonly cause?: string;
}

export interface TimerBar extends BarBase {
  readonly kind: 'timer';
  readonly outcome: 'open' | 'fired' | 'canceled' | ExecutionClosed;
  readonly timerId: string;
  readonly startToFireTimeout?: string;
}

export interface ChildBar extends BarBase {
  readonly kind: 'child';
  readonly outcome: 'open' | 'completed' | 'failed' | 'timedOut' | 'canceled' | 'terminated' | 'startFailed' | ExecutionClosed;
  readonly workflowId: string;
  /** Known from ChildWorkflowExecutionStarted on. */
  readonly runId?: string;
  readonly workflowType: NameVersion;
  readonly taskList?: string;
  readonly reason?: string;
  readonly cause?: string;
  readonly timeoutType?: string;
}

/** A signal or cancel request this execution sent to another one: open until SWF delivered it or gave up. */
interface ExternalRequestBase extends BarBase {
  readonly outcome: 'open' | 'delivered' | 'failed' | ExecutionClosed;
  readonly target: ExecutionRef;
  readonly cause?: string;
}

export interface ExternalSignalBar extends ExternalRequestBase {
  readonly kind: 'externalSignal';
  readonly signalName: string;
}

export interface ExternalCancelBar extends ExternalRequestBase {
  readonly kind: 'externalCancel';
}

export type TimelineBar = ActivityBar | DecisionBar | LambdaBar | TimerBar | ChildBar | ExternalSignalBar | ExternalCancelBar;
export type BarOutcome = TimelineBar['outcome'];

interface MarkBase {
  /** The mark's eventId. */
  readonly id: number;
  readonly laneKey: string;
  readonly at?: Date;
  /** `[id]`, so `eventsOf` takes bars and marks alike. */
  readonly eventIds: readonly number[];
}

export interface SignalMark extends MarkBase {
  readonly kind: 'signal';
  readonly signalName: string;
  readonly sender?: ExecutionRef;
}

export interface MarkerMark extends MarkBase {
  readonly kind: 'marker';
  readonly markerName: string;
}

/** WorkflowExecutionCancelRequested (workflow lane), or an ActivityTaskCancelRequested no open attempt took. */
export interface CancelRequestMark extends MarkBase {
  readonly kind: 'cancelRequest';
  readonly cause?: string;
  readonly requester?: ExecutionRef;
}

/** A decision SWF refused (a `...Failed` event such as StartTimerFailed): nothing was created. */
export interface RefusedMark extends MarkBase {
  readonly kind: 'refused';
  readonly eventType: string;
  readonly cause: string;
}

export type TimelineMark = SignalMark | MarkerMark | CancelRequestMark | RefusedMark;

export interface TimelineLane {
  /** `laneKey(kind, id)`. */
  readonly key: string;
  readonly kind: LaneKind;
  /** activityId, lambda id, timerId or child workflowId; '' for lanes the execution has one of. */
  readonly id: string;
  /** In the order they opened. */
  readonly bars: readonly TimelineBar[];
  readonly marks: readonly TimelineMark[];
}

export type EventIndex = ReadonlyMap<number, HistoryEvent>;

/** Owned by `applyEvents`, which updates it in place; read it, do not change it. */
export interface TimelineModel {
  readonly header: TimelineHeader;
  /** In the order of their first event. */
  readonly lanes: ReadonlyMap<string, TimelineLane>;
  readonly events: EventIndex;
  /** Bars not closed yet, by `id`. */
  readonly openBars: ReadonlyMap<number, TimelineBar>;
  /** Highest eventId folded so far; 0 before any event. */
  readonly lastEventId: number;
  readonly lastEventAt?: Date;
}

/** What one `applyEvents` call changed, for a view that redraws only that. */
export interface TimelineDelta {
  readonly eventsApplied: number;
  readonly headerChanged: boolean;
  readonly lanesAdded: readonly TimelineLane[];
  /** Bars opened or updated, each once, in the order first touched. */
  readonly barsChanged: readonly TimelineBar[];
  readonly marksAdded: readonly TimelineMark[];
}

export function laneKey(kind: LaneKind, id = ''): string {
  return `${kind}:${id}`;
}

/** The events of a bar or mark, ascending; ids the index lacks are left out. */
export function eventsOf(index: EventIndex, item: { readonly eventIds: readonly number[] }): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  for (const id of item.eventIds) {
    const event = index.get(id);
    if (event) events.push(event);
  }
  return events;
}
