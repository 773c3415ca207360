/**
 * One-line renderings of SWF history events for the log, e.g.
 * `#12  2026-11-25T10:00:00.000Z  ActivityTaskCompleted  result="ok" scheduledEventId=5 startedEventId=6`.
 *
 * Each known event type shows only the attributes a person needs to follow an
 * activity task (what ran, with what, who took it, how it ended, which events
 * it refers to); timeouts, priorities and decision ids are left out. Types not
 * listed fall back to all their scalar attributes, so nothing new is hidden.
 */
import type { EventType, HistoryEvent } from '@aws-sdk/client-swf';

/** Longest text shown whole; longer text is cut and its full length noted. */
export const MAX_SHOWN_CHARS = 120;

const SEPARATOR = '  ';

/** Ids linking an activity event to its ActivityTaskScheduled and ActivityTaskStarted events. */
const TASK_EVENT_IDS = ['scheduledEventId', 'startedEventId'] as const;

/** The attributes worth a log line, in the order shown, per event type. */
const SHOWN_ATTRIBUTES: Partial<Record<EventType, readonly string[]>> = {
  WorkflowExecutionStarted: ['workflowType', 'taskList', 'input', 'parentWorkflowExecution'],
  WorkflowExecutionCompleted: ['result'],
  WorkflowExecutionFailed: ['reason', 'details'],
  WorkflowExecutionTimedOut: ['timeoutType'],
  WorkflowExecutionCanceled: ['details'],
  WorkflowExecutionTerminated: ['reason', 'details', 'cause'],
  WorkflowExecutionCancelRequested: ['cause'],
  WorkflowExecutionSignaled: ['signalName', 'input'],
  DecisionTaskScheduled: ['taskList'],
  DecisionTaskStarted: ['identity', 'scheduledEventId'],
  DecisionTaskCompleted: [...TASK_EVENT_IDS],
  DecisionTaskTimedOut: ['timeoutType', ...TASK_EVENT_IDS],
  ActivityTaskScheduled: ['activityType', 'activityId', 'taskList', 'input'],
  ActivityTaskStarted: ['identity', 'scheduledEventId'],
  ActivityTaskCompleted: ['result', ...TASK_EVENT_IDS],
  ActivityTaskFailed: ['reason', 'details', ...TASK_EVENT_IDS],
  ActivityTaskTimedOut: ['timeoutType', 'details', ...TASK_EVENT_IDS],
  ActivityTaskCanceled: ['details', ...TASK_EVENT_IDS, 'latestCancelRequestedEventId'],
  ActivityTaskCancelRequested: ['activityId'],
  ScheduleActivityTaskFailed: ['activityType', 'activityId', 'cause'],
  RequestCancelActivityTaskFailed: ['activityId', 'cause'],
  MarkerRecorded: ['markerName', 'details'],
  TimerStarted: ['timerId', 'startToFireTimeout'],
  TimerFired: ['timerId'],
  TimerCanceled: ['timerId'],
};

/** Formats one event as a single line (newlines in values are escaped). */
export function formatHistoryEvent(event: HistoryEvent): string {
  const head = [`#${event.eventId ?? '?'}`, formatTimestamp(event.eventTimestamp), event.eventType ?? 'UnknownEvent'];
  const attributes = formatAttributes(event);
  return [...head, ...(attributes ? [attributes] : [])].join(SEPARATOR);
}

/** Formats events one per line, in the order given. */


/**
 * A string value for a log line: quoted with JSON escapes (so newlines, quotes
 * and control characters cannot break the line), and when longer than
 * `maxChars`, cut with `…` and followed by its full length, e.g.
 * `"{\"a\":1…" (12,345 chars)`. Lengths count UTF-16 units, as SWF does.
 */
export function quoteForLog(text: string, maxChars = MAX_SHOWN_CHARS): string {
  if (text.length <= maxChars) return escapeForLine(text);
  // Cut at a code point boundary so the shown part never ends in half an emoji.
  const shown = Array.from(text.slice(0, maxChars + 1)).slice(0, -1).join('');
  return `${escapeForLine(`${shown}…`)} (${text.length.toLocaleString('en-US')} chars)`;
}

function formatTimestamp(timestamp: Date | undefined): string {
  if (!(timestamp instanceof Date)) return '-';
  return Number.isNaN(timestamp.getTime()) ? 'invalid-date' : timestamp.toISOString();
}

function formatAttributes(event: HistoryEvent): string {
  const attributes = attributesOf(event);
  if (attributes === undefined) return '';
  const shown = event.eventType !== undefined ? SHOWN_ATTRIBUTES[event.eventType] : undefined;
  const keys = shown ?? Object.keys(attributes).filter((key) => isScalar(attributes[key]));
  return keys.flatMap((key) => {
    const value = formatValue(attributes[key]);
    return value !== undefined ? [`${key}=${value}`] : [];
  }).join(' ');
}

/** The event's `<eventType>EventAttributes` member, e.g. `activityTaskCompletedEventAttributes`. */
function attributesOf(event: HistoryEvent): Record<string, unknown> | undefined {
  if (event.eventType === undefined) return undefined;
  const key = `${event.eventType.charAt(0).toLowerCase()}${event.eventType.slice(1)}EventAttributes`;
  const attributes = new Map<string, unknown>(Object.entries(event)).get(key);
  return typeof attributes === 'object' && attributes !== null ? (attributes as Record<string, unknown>) : undefined;
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/**
 * Scalars as such (strings quoted); the SDK's small structures by what
 * identifies them: a type or task list by `name/version` or `name`, an
 * execution by `workflowId/runId`. Anything else is not shown.
 */
function formatValue(value: unknown): string | undefined {
  if (typeof value === 'string') return quoteForLog(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'object' || value === null) return undefined;
  const parts = identifyingParts(value as Record<string, unknown>);
  return parts.length > 0 ? quoteForLog(parts.join('/')) : undefined;
}

function identifyingParts(structure: Record<string, unknown>): string[] {
  const keys = 'workflowId' in structure ? ['workflowId', 'runId'] : ['name', 'version'];
  return keys.flatMap((key) => {
    const part = structure[key];
    return typeof part === 'string' ? [part] : [];
  });
}

function escapeForLine(text: string): string {
  // JSON.stringify leaves U+2028/U+2029 raw, yet editors break lines on them.
  return JSON.stringify(text).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
