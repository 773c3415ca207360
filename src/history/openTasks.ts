/**
 * Derives the open activity tasks of one workflow execution from its history.
 *
 * No SWF API lists activity tasks: a task is open from its
 * `ActivityTaskScheduled` event until a later Completed / Failed / TimedOut /
 * Canceled event names its `scheduledEventId`, or the execution closes.
 *
 * The fold is incremental on purpose: `applyHistoryEvents` takes the state
 * reached so far plus only the events after `lastEventId`, so a refresh can
 * read a history newest-first, stop at the last event it has already seen and
 * fold just the new tail.
 */
import type { HistoryEvent } from '@aws-sdk/client-swf';

export interface ActivityTimeouts {
  scheduleToStart?: string;
  startToClose?: string;
  scheduleToClose?: string;
  heartbeat?: string;
}

/** Where a task is in its life, as far as the history tells. Claimed-by-us is not in any history: see `TaskTokenStore`. */
export type HistoryTaskState = 'scheduled' | 'started';

export interface OpenActivityTask {
  workflowId: string;
  runId: string;
  scheduledEventId: number;
  activityId: string;
  activityType: { name: string; version: string };
  taskList: string;
  input?: string;
  control?: string;
  scheduledAt?: Date;
  timeouts: ActivityTimeouts;
  state: HistoryTaskState;
  startedEventId?: number;
  startedAt?: Date;
  /** The identity the worker gave PollForActivityTask. */
  startedBy?: string;
  cancelRequested: boolean;
  cancelRequestedAt?: Date;
  /** 1 for the first scheduling of this activityId in the execution, 2 for its first retry, ... */
  attempt: number;
}

/** A decision that tried to schedule an activity and was refused (the task never existed). */
export interface ScheduleFailure {
  eventId: number;
  activityId: string;
  activityType?: { name: string; version: string };
  cause: string;
  at?: Date;
}

export interface ExecutionTaskState {
  workflowId: string;
  runId: string;
  /** Highest eventId folded so far; 0 before any event. */
  lastEventId: number;
  /** True once a closing event (completed, failed, terminated, ...) was seen. */
  closed: boolean;
  /** Open tasks keyed by their scheduledEventId. */
  open: ReadonlyMap<number, OpenActivityTask>;
  /** How many times each activityId was scheduled, to number retries. */
  schedulings: ReadonlyMap<string, number>;
  scheduleFailures: readonly ScheduleFailure[];
}

const EXECUTION_CLOSING_EVENTS = new Set([
  'WorkflowExecutionCompleted',
  'WorkflowExecutionFailed',
  'WorkflowExecutionTimedOut',
  'WorkflowExecutionCanceled',
  'WorkflowExecutionTerminated',
  'WorkflowExecutionContinuedAsNew',
]);

/** One key per execution, for maps and sets: a workflow ID is reused across runs. */
export function executionKey(execution: { workflowId: string; runId: string }): string {
  return `${execution.workflowId}\u0000${execution.runId}`;
}

/** Keep the most recent refusals only: they are shown for context, not audited. */
const MAX_SCHEDULE_FAILURES = 20;

export function emptyExecutionState(workflowId: string, runId: string): ExecutionTaskState {
  return { workflowId, runId, lastEventId: 0, closed: false, open: new Map(), schedulings: new Map(), scheduleFailures: [] };
}

/**
 * Folds `events` (ascending eventId, as SWF returns them by default) into `state`.
 * Events at or below `state.lastEventId` are skipped, so overlapping reads are harmless.
 * Returns a new state; the input is not modified.
 */
export function applyHistoryEvents(state: ExecutionTaskState, events: Iterable<HistoryEvent>): ExecutionTaskState {
  const open = new Map(state.open);
  const schedulings = new Map(state.schedulings);
  const scheduleFailures = [...state.scheduleFailures];
  let { lastEventId, closed } = state;

  for (const event of events) {
    const eventId = event.eventId ?? 0;
    if (eventId <= lastEventId) continue;
    lastEventId = eventId;
    const at = toDate(event.eventTimestamp);

    switch (event.eventType) {
      case 'ActivityTaskScheduled': {
        const a = event.activityTaskScheduledEventAttributes;
        if (!a) break;
        const activityId = a.activityId ?? '';
        const attempt = (schedulings.get(activityId) ?? 0) + 1;
        schedulings.set(activityId, attempt);
        open.set(eventId, {
          workflowId: state.workflowId,
          runId: state.runId,
          scheduledEventId: eventId,
          activityId,
          activityType: { name: a.activityType?.name ?? '', version: a.activityType?.version ?? '' },
          taskList: a.taskList?.name ?? '',
          input: a.input,
          control: a.control,
          scheduledAt: at,
          timeouts: {
            scheduleToStart: a.scheduleToStartTimeout,
            startToClose: a.startToCloseTimeout,
            scheduleToClose: a.scheduleToCloseTimeout,
            heartbeat: a.heartbeatTimeout,
          },
          state: 'scheduled',
          cancelRequested: false,
          attempt,
        });
        break;
      }
      case 'ActivityTaskStarted': {
        const a = event.activityTaskStartedEventAttributes;
        const task = a && open.get(a.scheduledEventId ?? -1);
        if (!task) break;
        open.set(task.scheduledEventId, { ...task, state: 'started', startedEventId: eventId, startedAt: at, startedBy: a.identity });
        break;
      }
      case 'ActivityTaskCancelRequested': {
        // Names the activityId, not the scheduledEventId: activityIds are unique among an execution's open tasks.
        const activityId = event.activityTaskCancelRequestedEventAttributes?.activityId;
        const task = [...open.values()].find((t) => t.activityId === activityId);
        if (task) open.set(task.scheduledEventId, { ...task, cancelRequested: true, cancelRequestedAt: at });
        break;
      }
      case 'ActivityTaskCompleted':
      case 'ActivityTaskFailed':
      case 'ActivityTaskTimedOut':
      case 'ActivityTaskCanceled':
        open.delete(closedTaskOf(event) ?? -1);
        break;
      case 'ScheduleActivityTaskFailed': {
        const a = event.scheduleActivityTaskFailedEventAttributes;
        if (!a) break;
        const type = a.activityType && { name: a.activityType.name ?? '', version: a.activityType.version ?? '' };
        scheduleFailures.push({ eventId, activityId: a.activityId ?? '', activityType: type, cause: a.cause ?? 'UNKNOWN', at });
        if (scheduleFailures.length > MAX_SCHEDULE_FAILURES) scheduleFailures.shift();
        break;
      }
      default:
        if (event.eventType && EXECUTION_CLOSING_EVENTS.has(event.eventType)) {
          closed = true;
          open.clear();
        }
    }
  }
  return { ...state, lastEventId, closed, open, schedulings, scheduleFailures };
}

/** The open activity tasks of a whole history (ascending), oldest scheduled first. */
export function openTasksFromHistory(workflowId: string, runId: string, events: Iterable<HistoryEvent>): OpenActivityTask[] {
  return openTasksOf(applyHistoryEvents(emptyExecutionState(workflowId, runId), events));
}

export function openTasksOf(state: ExecutionTaskState): OpenActivityTask[] {
  return [...state.open.values()].sort((a, b) => a.scheduledEventId - b.scheduledEventId);
}

/** The scheduledEventId that an activity-closing event (completed, failed, timed out, canceled) names. */
function closedTaskOf(event: HistoryEvent): number | undefined {
  const attributes =
    event.activityTaskCompletedEventAttributes ??
    event.activityTaskFailedEventAttributes ??
    event.activityTaskTimedOutEventAttributes ??
    event.activityTaskCanceledEventAttributes;
  return attributes?.scheduledEventId;
}

function toDate(value: Date | number | string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  if (value instanceof Date) return value;
  // The wire format is epoch seconds; the SDK turns it into a Date, fakes may not.
  return new Date(typeof value === 'number' ? value * 1000 : value);
}
