/**
 * The timeline fold: folds one workflow execution's history into the
 * `TimelineModel` of `timelineModel.ts`.
 *
 * Built for SWF's 25,000-event histories read page by page while the
 * execution runs. Copying the model for every page would make a live view
 * quadratic, so `applyEvents` updates the model it is given in place, costs
 * O(events given) and returns what changed (a `TimelineDelta`), so a view can
 * post just that. Events at or below `lastEventId` are skipped, as in
 * `applyHistoryEvents`, so overlapping reads are harmless.
 */
import type { HistoryEvent } from '@aws-sdk/client-swf';
import {
  laneKey,
  type ExecutionStatus,
  type NameVersion,
  type ExecutionRef,
  type OpenCounts,
  type TimelineHeader,
  type LaneKind,
  type ActivityBar,
  type DecisionBar,
  type LambdaBar,
  type TimerBar,
  type ChildBar,
  type ExternalSignalBar,
  type ExternalCancelBar,
  type TimelineBar,
  type TimelineMark,
  type TimelineLane,
  type TimelineModel,
  type TimelineDelta,
} from './timelineModel';

/** An empty timeline of one run, to fold pages of its history into. */
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
