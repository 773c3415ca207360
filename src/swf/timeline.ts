/**
 * The model under the execution timeline view: one workflow execution's
 * history folded into a header and lanes of bars (activity, decision and
 * Lambda tasks, timers, child executions, outgoing signals and cancel
 * requests) and point marks (signals, markers, cancel requests, refused
 * decisions).
 *
 * Built for SWF's 25,000-event histories read page by page while the
 * execution runs. Copying the model for every page would make a live view
 * quadratic, so `applyEvents` updates the model it is given in place, costs
 * O(events given) and returns what changed (a `TimelineDelta`), so a view can
 * post just that. Events at or below `lastEventId` are skipped, as in
 * `applyHistoryEvents`, so overlapping reads are harmless.
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

export function createTimeline(workflowId: string, runId: string): TimelineModel {
  const state: State = {
    header: {
      workflowId,
      runId,
      status: 'open',
      tags: [],
      cancelRequested: false,
      open: { activityTasks: 0, decisionTasks: 0, timers: 0, childWorkflowExecutions: 0, lambdaFunctions: 0 },
    },
    lanes: new Map(),
    events: new Map(),
    openBars: new Map(),
    lastEventId: 0,
  };
  return state;
}

/** The timeline of a whole history (ascending). */
export function buildTimeline(workflowId: string, runId: string, events: Iterable<HistoryEvent>): TimelineModel {
  const model = createTimeline(workflowId, runId);
  applyEvents(model, events);
  return model;
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

/**
 * Folds `events` (ascending eventId, as SWF returns them by default) into
 * `model`, in place. Every lookup is by an id the event names, so the cost is
 * proportional to the events given, whatever the model's size.
 */
export function applyEvents(model: TimelineModel, events: Iterable<HistoryEvent>): TimelineDelta {
  const fold: Fold = { s: model as State, headerChanged: false, lanesAdded: [], barsChanged: new Set(), marksAdded: [], applied: 0 };
  const { s } = fold;
  for (const event of events) {
    const eventId = event.eventId ?? 0;
    if (eventId <= s.lastEventId) continue;
    s.lastEventId = eventId;
    const at = toDate(event.eventTimestamp);
    s.lastEventAt = at ?? s.lastEventAt;
    s.events.set(eventId, event);
    fold.applied++;
    applyEvent(fold, event, eventId, at);
  }
  return {
    eventsApplied: fold.applied,
    headerChanged: fold.headerChanged,
    lanesAdded: fold.lanesAdded,
    barsChanged: [...fold.barsChanged],
    marksAdded: fold.marksAdded,
  };
}

// ---- the fold -------------------------------------------------------------

type Writable<T> = { -readonly [K in keyof T]: T[K] };
type WBar =
  | Writable<ActivityBar>
  | Writable<DecisionBar>
  | Writable<LambdaBar>
  | Writable<TimerBar>
  | Writable<ChildBar>
  | Writable<ExternalSignalBar>
  | Writable<ExternalCancelBar>;
type BarKind = TimelineBar['kind'];

interface LaneState extends TimelineLane {
  bars: TimelineBar[];
  marks: TimelineMark[];
}

/** The model as the fold sees it: the same objects, writable. */
interface State extends TimelineModel {
  header: Writable<TimelineHeader> & { open: OpenCounts };
  lanes: Map<string, LaneState>;
  events: Map<number, HistoryEvent>;
  /** Only open bars ever change, so this is the one writable view of bars the fold needs. */
  openBars: Map<number, WBar>;
  lastEventId: number;
  lastEventAt?: Date;
}

interface Fold {
  s: State;
  headerChanged: boolean;
  lanesAdded: LaneState[];
  barsChanged: Set<TimelineBar>;
  marksAdded: TimelineMark[];
  applied: number;
}

/** The header count each kind of open bar adds to; outgoing requests are not counted by SWF either. */
const COUNTED: Partial<Record<BarKind, keyof OpenCounts>> = {
  activity: 'activityTasks',
  decision: 'decisionTasks',
  timer: 'timers',
  child: 'childWorkflowExecutions',
  lambda: 'lambdaFunctions',
};

function applyEvent(f: Fold, event: HistoryEvent, eventId: number, at: Date | undefined): void {
  const { s } = f;
  switch (event.eventType) {
    // -- the execution
    case 'WorkflowExecutionStarted': {
      const a = event.workflowExecutionStartedEventAttributes;
      Object.assign(s.header, {
        workflowType: a?.workflowType && nameVersion(a.workflowType),
        startedAt: at,
        startedEventId: eventId,
        executionStartToCloseTimeout: a?.executionStartToCloseTimeout,
        taskStartToCloseTimeout: a?.taskStartToCloseTimeout,
        childPolicy: a?.childPolicy,
        tags: a?.tagList ?? [],
        input: a?.input,
        taskList: a?.taskList?.name,
        taskPriority: a?.taskPriority,
        lambdaRole: a?.lambdaRole,
        parent: a?.parentWorkflowExecution && executionRef(a.parentWorkflowExecution),
        continuedFromRunId: a?.continuedExecutionRunId,
      });
      f.headerChanged = true;
      break;
    }
    case 'WorkflowExecutionCompleted':
      closeExecution(f, eventId, at, 'completed');
      break;
    case 'WorkflowExecutionFailed':
      closeExecution(f, eventId, at, 'failed', { closeReason: event.workflowExecutionFailedEventAttributes?.reason });
      break;
    case 'WorkflowExecutionTimedOut':
      closeExecution(f, eventId, at, 'timedOut', { closeTimeoutType: event.workflowExecutionTimedOutEventAttributes?.timeoutType });
      break;
    case 'WorkflowExecutionCanceled':
      closeExecution(f, eventId, at, 'canceled');
      break;
    case 'WorkflowExecutionTerminated': {
      const a = event.workflowExecutionTerminatedEventAttributes;
      closeExecution(f, eventId, at, 'terminated', { closeReason: a?.reason, closeCause: a?.cause });
      break;
    }
    case 'WorkflowExecutionContinuedAsNew':
      closeExecution(f, eventId, at, 'continuedAsNew', { newRunId: event.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId });
      break;
    case 'WorkflowExecutionCancelRequested': {
      const a = event.workflowExecutionCancelRequestedEventAttributes;
      s.header.cancelRequested = true;
      f.headerChanged = true;
      addMark(f, 'workflow', '', { kind: 'cancelRequest', id: eventId, at, cause: a?.cause, requester: a?.externalWorkflowExecution && executionRef(a.externalWorkflowExecution) });
      break;
    }
    case 'WorkflowExecutionSignaled': {
      const a = event.workflowExecutionSignaledEventAttributes;
      addMark(f, 'signal', '', { kind: 'signal', id: eventId, at, signalName: a?.signalName ?? '', sender: a?.externalWorkflowExecution && executionRef(a.externalWorkflowExecution) });
      break;
    }
    case 'MarkerRecorded':
      addMark(f, 'marker', '', { kind: 'marker', id: eventId, at, markerName: event.markerRecordedEventAttributes?.markerName ?? '' });
      break;
    case 'RecordMarkerFailed':
      refused(f, 'marker', '', event, eventId, at, event.recordMarkerFailedEventAttributes?.cause);
      break;
    case 'CompleteWorkflowExecutionFailed':
      refused(f, 'workflow', '', event, eventId, at, event.completeWorkflowExecutionFailedEventAttributes?.cause);
      break;
    case 'FailWorkflowExecutionFailed':
      refused(f, 'workflow', '', event, eventId, at, event.failWorkflowExecutionFailedEventAttributes?.cause);
      break;
    case 'CancelWorkflowExecutionFailed':
      refused(f, 'workflow', '', event, eventId, at, event.cancelWorkflowExecutionFailedEventAttributes?.cause);
      break;
    case 'ContinueAsNewWorkflowExecutionFailed':
      refused(f, 'workflow', '', event, eventId, at, event.continueAsNewWorkflowExecutionFailedEventAttributes?.cause);
      break;

    // -- decision tasks
    case 'DecisionTaskScheduled': {
      const a = event.decisionTaskScheduledEventAttributes;
      const lane = laneOf(f, 'decision', '');
      openBar(f, lane, { kind: 'decision', outcome: 'open', ...opening(lane, eventId, at), taskList: a?.taskList?.name ?? '', startToCloseTimeout: a?.startToCloseTimeout });
      break;
    }
    case 'DecisionTaskStarted': {
      const a = event.decisionTaskStartedEventAttributes;
      const bar = openOf(s, a?.scheduledEventId, 'decision');
      if (bar) started(f, bar, eventId, at, { identity: a?.identity });
      break;
    }
    case 'DecisionTaskCompleted': {
      const bar = openOf(s, event.decisionTaskCompletedEventAttributes?.scheduledEventId, 'decision');
      if (bar) closeBar(f, bar, eventId, at, 'completed');
      break;
    }
    case 'DecisionTaskTimedOut': {
      const a = event.decisionTaskTimedOutEventAttributes;
      const bar = openOf(s, a?.scheduledEventId, 'decision');
      if (bar) closeBar(f, bar, eventId, at, 'timedOut', { timeoutType: a?.timeoutType });
      break;
    }

    // -- activity tasks
    case 'ActivityTaskScheduled': {
      const a = event.activityTaskScheduledEventAttributes;
      const lane = laneOf(f, 'activity', a?.activityId ?? '');
      openBar(f, lane, {
        kind: 'activity',
        outcome: 'open',
        ...opening(lane, eventId, at),
        activityId: lane.id,
        activityType: nameVersion(a?.activityType),
        attempt: lane.bars.length + 1,
        taskList: a?.taskList?.name ?? '',
        timeouts: { scheduleToStart: a?.scheduleToStartTimeout, startToClose: a?.startToCloseTimeout, scheduleToClose: a?.scheduleToCloseTimeout, heartbeat: a?.heartbeatTimeout },
        cancelRequested: false,
      });
      break;
    }
    case 'ActivityTaskStarted': {
      const a = event.activityTaskStartedEventAttributes;
      const bar = openOf(s, a?.scheduledEventId, 'activity');
      if (bar) started(f, bar, eventId, at, { identity: a?.identity });
      break;
    }
    case 'ActivityTaskCancelRequested': {
      // Names the activityId, not the scheduledEventId: activityIds are unique among open tasks, so only the lane's last attempt can be the one.
      const activityId = event.activityTaskCancelRequestedEventAttributes?.activityId ?? '';
      const bar = openOf(s, s.lanes.get(laneKey('activity', activityId))?.bars.at(-1)?.id, 'activity');
      if (bar) {
        if (!bar.cancelRequested) Object.assign(bar, { cancelRequested: true, cancelRequestedAt: at });
        touch(f, bar, eventId);
      } else {
        addMark(f, 'activity', activityId, { kind: 'cancelRequest', id: eventId, at });
      }
      break;
    }
    case 'ActivityTaskCompleted': {
      const bar = openOf(s, event.activityTaskCompletedEventAttributes?.scheduledEventId, 'activity');
      if (bar) closeBar(f, bar, eventId, at, 'completed');
      break;
    }
    case 'ActivityTaskFailed': {
      const a = event.activityTaskFailedEventAttributes;
      const bar = openOf(s, a?.scheduledEventId, 'activity');
      if (bar) closeBar(f, bar, eventId, at, 'failed', { reason: a?.reason });
      break;
    }
    case 'ActivityTaskTimedOut': {
      const a = event.activityTaskTimedOutEventAttributes;
      const bar = openOf(s, a?.scheduledEventId, 'activity');
      if (bar) closeBar(f, bar, eventId, at, 'timedOut', { timeoutType: a?.timeoutType });
      break;
    }
    case 'ActivityTaskCanceled': {
      const bar = openOf(s, event.activityTaskCanceledEventAttributes?.scheduledEventId, 'activity');
      if (bar) closeBar(f, bar, eventId, at, 'canceled');
      break;
    }
    case 'ScheduleActivityTaskFailed': {
      const a = event.scheduleActivityTaskFailedEventAttributes;
      refused(f, 'activity', a?.activityId ?? '', event, eventId, at, a?.cause);
      break;
    }
    case 'RequestCancelActivityTaskFailed': {
      const a = event.requestCancelActivityTaskFailedEventAttributes;
      refused(f, 'activity', a?.activityId ?? '', event, eventId, at, a?.cause);
      break;
    }

    // -- Lambda tasks
    case 'LambdaFunctionScheduled': {
      const a = event.lambdaFunctionScheduledEventAttributes;
      const lane = laneOf(f, 'lambda', a?.id ?? '');
      openBar(f, lane, {
        kind: 'lambda',
        outcome: 'open',
        ...opening(lane, eventId, at),
        lambdaId: lane.id,
        name: a?.name ?? '',
        attempt: lane.bars.length + 1,
        startToCloseTimeout: a?.startToCloseTimeout,
      });
      break;
    }
    case 'LambdaFunctionStarted': {
      const bar = openOf(s, event.lambdaFunctionStartedEventAttributes?.scheduledEventId, 'lambda');
      if (bar) started(f, bar, eventId, at, {});
      break;
    }
    case 'LambdaFunctionCompleted': {
      const bar = openOf(s, event.lambdaFunctionCompletedEventAttributes?.scheduledEventId, 'lambda');
      if (bar) closeBar(f, bar, eventId, at, 'completed');
      break;
    }
    case 'LambdaFunctionFailed': {
      const a = event.lambdaFunctionFailedEventAttributes;
      const bar = openOf(s, a?.scheduledEventId, 'lambda');
      if (bar) closeBar(f, bar, eventId, at, 'failed', { reason: a?.reason });
      break;
    }
    case 'LambdaFunctionTimedOut': {
      const a = event.lambdaFunctionTimedOutEventAttributes;
      const bar = openOf(s, a?.scheduledEventId, 'lambda');
      if (bar) closeBar(f, bar, eventId, at, 'timedOut', { timeoutType: a?.timeoutType });
      break;
    }
    case 'StartLambdaFunctionFailed': {
      const a = event.startLambdaFunctionFailedEventAttributes;
      const bar = openOf(s, a?.scheduledEventId, 'lambda');
      if (bar) closeBar(f, bar, eventId, at, 'startFailed', { cause: a?.cause, reason: a?.message });
      break;
    }
    case 'ScheduleLambdaFunctionFailed': {
      const a = event.scheduleLambdaFunctionFailedEventAttributes;
      refused(f, 'lambda', a?.id ?? '', event, eventId, at, a?.cause);
      break;
    }

    // -- timers
    case 'TimerStarted': {
      const a = event.timerStartedEventAttributes;
      const lane = laneOf(f, 'timer', a?.timerId ?? '');
      // A timer runs from the moment it is recorded: scheduled and started are the same event.
      openBar(f, lane, { kind: 'timer', outcome: 'open', ...opening(lane, eventId, at), startedAt: at, startedEventId: eventId, timerId: lane.id, startToFireTimeout: a?.startToFireTimeout });
      break;
    }
    case 'TimerFired': {
      const bar = openOf(s, event.timerFiredEventAttributes?.startedEventId, 'timer');
      if (bar) closeBar(f, bar, eventId, at, 'fired');
      break;
    }
    case 'TimerCanceled': {
      const bar = openOf(s, event.timerCanceledEventAttributes?.startedEventId, 'timer');
      if (bar) closeBar(f, bar, eventId, at, 'canceled');
      break;
    }
    case 'StartTimerFailed': {
      const a = event.startTimerFailedEventAttributes;
      refused(f, 'timer', a?.timerId ?? '', event, eventId, at, a?.cause);
      break;
    }
    case 'CancelTimerFailed': {
      const a = event.cancelTimerFailedEventAttributes;
      refused(f, 'timer', a?.timerId ?? '', event, eventId, at, a?.cause);
      break;
    }

    // -- child executions
    case 'StartChildWorkflowExecutionInitiated': {
      const a = event.startChildWorkflowExecutionInitiatedEventAttributes;
      const lane = laneOf(f, 'child', a?.workflowId ?? '');
      openBar(f, lane, { kind: 'child', outcome: 'open', ...opening(lane, eventId, at), workflowId: lane.id, workflowType: nameVersion(a?.workflowType), taskList: a?.taskList?.name });
      break;
    }
    case 'ChildWorkflowExecutionStarted': {
      const a = event.childWorkflowExecutionStartedEventAttributes;
      const bar = openOf(s, a?.initiatedEventId, 'child');
      if (bar) started(f, bar, eventId, at, { runId: a?.workflowExecution?.runId });
      break;
    }
    case 'ChildWorkflowExecutionCompleted': {
      const bar = openOf(s, event.childWorkflowExecutionCompletedEventAttributes?.initiatedEventId, 'child');
      if (bar) closeBar(f, bar, eventId, at, 'completed');
      break;
    }
    case 'ChildWorkflowExecutionFailed': {
      const a = event.childWorkflowExecutionFailedEventAttributes;
      const bar = openOf(s, a?.initiatedEventId, 'child');
      if (bar) closeBar(f, bar, eventId, at, 'failed', { reason: a?.reason });
      break;
    }
    case 'ChildWorkflowExecutionTimedOut': {
      const a = event.childWorkflowExecutionTimedOutEventAttributes;
      const bar = openOf(s, a?.initiatedEventId, 'child');
      if (bar) closeBar(f, bar, eventId, at, 'timedOut', { timeoutType: a?.timeoutType });
      break;
    }
    case 'ChildWorkflowExecutionCanceled': {
      const bar = openOf(s, event.childWorkflowExecutionCanceledEventAttributes?.initiatedEventId, 'child');
      if (bar) closeBar(f, bar, eventId, at, 'canceled');
      break;
    }
    case 'ChildWorkflowExecutionTerminated': {
      const bar = openOf(s, event.childWorkflowExecutionTerminatedEventAttributes?.initiatedEventId, 'child');
      if (bar) closeBar(f, bar, eventId, at, 'terminated');
      break;
    }
    case 'StartChildWorkflowExecutionFailed': {
      // Names the initiated event, so it ends that bar; a refusal with no such event still gets a mark.
      const a = event.startChildWorkflowExecutionFailedEventAttributes;
      const bar = openOf(s, a?.initiatedEventId, 'child');
      if (bar) closeBar(f, bar, eventId, at, 'startFailed', { cause: a?.cause });
      else refused(f, 'child', a?.workflowId ?? '', event, eventId, at, a?.cause);
      break;
    }

    // -- signals and cancel requests this execution sends
    case 'SignalExternalWorkflowExecutionInitiated': {
      const a = event.signalExternalWorkflowExecutionInitiatedEventAttributes;
      const lane = laneOf(f, 'externalSignal', '');
      openBar(f, lane, { kind: 'externalSignal', outcome: 'open', ...opening(lane, eventId, at), target: { workflowId: a?.workflowId ?? '', runId: a?.runId }, signalName: a?.signalName ?? '' });
      break;
    }
    case 'ExternalWorkflowExecutionSignaled': {
      const bar = openOf(s, event.externalWorkflowExecutionSignaledEventAttributes?.initiatedEventId, 'externalSignal');
      if (bar) closeBar(f, bar, eventId, at, 'delivered');
      break;
    }
    case 'SignalExternalWorkflowExecutionFailed': {
      const a = event.signalExternalWorkflowExecutionFailedEventAttributes;
      const bar = openOf(s, a?.initiatedEventId, 'externalSignal');
      if (bar) closeBar(f, bar, eventId, at, 'failed', { cause: a?.cause });
      else refused(f, 'externalSignal', '', event, eventId, at, a?.cause);
      break;
    }
    case 'RequestCancelExternalWorkflowExecutionInitiated': {
      const a = event.requestCancelExternalWorkflowExecutionInitiatedEventAttributes;
      const lane = laneOf(f, 'externalCancel', '');
      openBar(f, lane, { kind: 'externalCancel', outcome: 'open', ...opening(lane, eventId, at), target: { workflowId: a?.workflowId ?? '', runId: a?.runId } });
      break;
    }
    case 'ExternalWorkflowExecutionCancelRequested': {
      const bar = openOf(s, event.externalWorkflowExecutionCancelRequestedEventAttributes?.initiatedEventId, 'externalCancel');
      if (bar) closeBar(f, bar, eventId, at, 'delivered');
      break;
    }
    case 'RequestCancelExternalWorkflowExecutionFailed': {
      const a = event.requestCancelExternalWorkflowExecutionFailedEventAttributes;
      const bar = openOf(s, a?.initiatedEventId, 'externalCancel');
      if (bar) closeBar(f, bar, eventId, at, 'failed', { cause: a?.cause });
      else refused(f, 'externalCancel', '', event, eventId, at, a?.cause);
      break;
    }
    default:
      // Event types this fold does not draw are still indexed, so a view can list them.
      break;
  }
}

function laneOf(f: Fold, kind: LaneKind, id: string): LaneState {
  const key = laneKey(kind, id);
  let lane = f.s.lanes.get(key);
  if (!lane) {
    lane = { key, kind, id, bars: [], marks: [] };
    f.s.lanes.set(key, lane);
    f.lanesAdded.push(lane);
  }
  return lane;
}

/** The fields every new bar starts with. */
function opening(lane: LaneState, eventId: number, at: Date | undefined) {
  return { id: eventId, laneKey: lane.key, scheduledAt: at, eventIds: [eventId] };
}

function openBar(f: Fold, lane: LaneState, bar: WBar): void {
  lane.bars.push(bar);
  f.s.openBars.set(bar.id, bar);
  f.barsChanged.add(bar);
  count(f, bar.kind, +1);
}

/** The open bar a later event names by its opening eventId, if it is of the kind that event belongs to. */
function openOf<K extends BarKind>(s: State, id: number | undefined, kind: K): Extract<WBar, { kind: K }> | undefined {
  const bar = id === undefined ? undefined : s.openBars.get(id);
  return bar?.kind === kind ? (bar as Extract<WBar, { kind: K }>) : undefined;
}

function touch(f: Fold, bar: WBar, eventId: number): void {
  // Only the fold holds the array writable; eventIds arrive ascending, so pushing keeps them sorted.
  (bar.eventIds as number[]).push(eventId);
  f.barsChanged.add(bar);
}

function started<B extends WBar>(f: Fold, bar: B, eventId: number, at: Date | undefined, fields: Partial<B>): void {
  Object.assign(bar, fields, { startedAt: at, startedEventId: eventId });
  touch(f, bar, eventId);
}

function closeBar<B extends WBar>(f: Fold, bar: B, eventId: number, at: Date | undefined, outcome: B['outcome'], fields: Partial<B> = {}): void {
  Object.assign(bar, fields, { outcome, closedAt: at, closeEventId: eventId });
  touch(f, bar, eventId);
  f.s.openBars.delete(bar.id);
  count(f, bar.kind, -1);
}

function count(f: Fold, kind: BarKind, by: number): void {
  const counter = COUNTED[kind];
  if (!counter) return;
  f.s.header.open[counter] += by;
  f.headerChanged = true;
}

/** A mark as its event describes it; the lane fills in the rest. Distributes, so each kind keeps its own fields. */
type NewMark = TimelineMark extends infer M ? (M extends TimelineMark ? Omit<M, 'laneKey' | 'eventIds'> : never) : never;

function addMark(f: Fold, kind: LaneKind, id: string, fields: NewMark): void {
  const lane = laneOf(f, kind, id);
  const mark = { ...fields, laneKey: lane.key, eventIds: [fields.id] } as TimelineMark;
  lane.marks.push(mark);
  f.marksAdded.push(mark);
}

function refused(f: Fold, kind: LaneKind, id: string, event: HistoryEvent, eventId: number, at: Date | undefined, cause: string | undefined): void {
  addMark(f, kind, id, { kind: 'refused', id: eventId, at, eventType: event.eventType ?? '', cause: cause ?? 'UNKNOWN' });
}

/**
 * The execution's end is the only event that touches many bars at once; it
 * happens once per history, so the fold stays linear.
 */
function closeExecution(f: Fold, eventId: number, at: Date | undefined, status: ExecutionStatus, fields: Partial<TimelineHeader> = {}): void {
  const { s } = f;
  Object.assign(s.header, fields, { status, closedAt: at, closeEventId: eventId });
  for (const bar of s.openBars.values()) {
    bar.outcome = 'executionClosed';
    f.barsChanged.add(bar);
  }
  s.openBars.clear();
  for (const counter of Object.keys(s.header.open) as (keyof OpenCounts)[]) s.header.open[counter] = 0;
  f.headerChanged = true;
}

function nameVersion(type: { name?: string; version?: string } | undefined): NameVersion {
  return { name: type?.name ?? '', version: type?.version ?? '' };
}

function executionRef(execution: { workflowId?: string; runId?: string }): ExecutionRef {
  return { workflowId: execution.workflowId ?? '', runId: execution.runId };
}

function toDate(value: Date | number | string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  if (value instanceof Date) return value;
  // The wire format is epoch seconds; the SDK turns it into a Date, fakes may not.
  return new Date(typeof value === 'number' ? value * 1000 : value);
}
