/**
 * The rules of Start Workflow Execution and Re-run that need no VS Code: the
 * suggested workflow ID, tags as typed in one box, and what a re-run sends,
 * read from the original run (DescribeWorkflowExecution and its
 * WorkflowExecutionStarted event). Both come from an SWF peer, so every
 * value is checked for its type before it is used; what is missing or odd
 * is left out (SWF then applies the type's default), never guessed.
 *
 * No `vscode` import: unit-tested in plain Node.
 */
import type { HistoryEvent } from '@aws-sdk/client-swf';
import type { ExecutionDescription } from '../swf/gateway';
import { CHILD_POLICIES, type ChildPolicy, type StartFields, SWF_LIMITS } from './validation';

/** `-20261207-053012`: the time a suggestion was made, UTC, to the second. */
const STAMP = /-\d{8}-\d{6}$/;

function stamp(now: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${now.getUTCFullYear()}${two(now.getUTCMonth() + 1)}${two(now.getUTCDate())}-${two(now.getUTCHours())}${two(now.getUTCMinutes())}${two(now.getUTCSeconds())}`;
}

/**
 * A workflow ID no open run holds, as far as one can tell without a call:
 * `<base>-<yyyymmdd-hhmmss>` (UTC). `base` is the workflow type's name for a
 * start, the original workflow ID for a re-run (its own stamp, if it has one,
 * replaced, so re-runs of re-runs do not grow). Cut to SWF's 256 characters.
 * `taken` are IDs known to be in use (the original's): a suggestion equal to
 * one gets a counter.
 */
export function suggestWorkflowId(base: string, now: Date, taken: readonly string[] = []): string {
  const root = base.trim().replace(STAMP, '') || 'workflow';
  for (let n = 1; ; n += 1) {
    const suffix = `-${stamp(now)}${n > 1 ? `-${n}` : ''}`;
    const id = `${root.slice(0, SWF_LIMITS.workflowId - suffix.length)}${suffix}`;
    if (!taken.includes(id)) return id;
  }
}

/** Tags typed in one box, separated by commas; empty entries (a trailing comma) are dropped. */
export function parseTags(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}

export function tagsText(tags: readonly string[]): string {
  return tags.join(', ');
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function childPolicy(value: unknown): ChildPolicy | undefined {
  return CHILD_POLICIES.find((policy) => policy === value);
}

/** What a re-run repeats of its original. `workflowId` is left to the person. */
export type RerunFields = Omit<StartFields, 'workflowId'>;

/**
 * The fields of a re-run: the original's type, input, task list, tags,
 * timeouts and child policy. The started event is what the original was
 * started with (the input is only there); the description fills in what the
 * event lacks. `undefined` when neither names the workflow type.
 */
export function rerunFields(description: ExecutionDescription | undefined, started: HistoryEvent | undefined): RerunFields | undefined {
  const event = started?.eventType === 'WorkflowExecutionStarted' ? started.workflowExecutionStartedEventAttributes : undefined;
  const typeName = text(event?.workflowType?.name) ?? text(description?.workflowType?.name);
  const typeVersion = text(event?.workflowType?.version) ?? text(description?.workflowType?.version);
  if (!typeName || !typeVersion) return undefined;
  const eventTags = Array.isArray(event?.tagList) ? event.tagList.filter((tag): tag is string => typeof tag === 'string') : undefined;
  const fields: RerunFields = {
    typeName,
    typeVersion,
    taskList: text(event?.taskList?.name) ?? description?.taskList,
    input: text(event?.input),
    tags: eventTags ?? description?.tags ?? [],
    executionStartToCloseTimeout: text(event?.executionStartToCloseTimeout) ?? description?.executionStartToCloseTimeout,
    taskStartToCloseTimeout: text(event?.taskStartToCloseTimeout) ?? description?.taskStartToCloseTimeout,
    childPolicy: childPolicy(event?.childPolicy) ?? childPolicy(description?.childPolicy),
  };
  // Left out rather than set to undefined: the request then equals what is sent.
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as RerunFields;
}

/**
 * The workflow ID a re-run offers: SWF allows one open run per workflow ID,
 * so the same ID once the original is closed, a new one while it is open.
 */
export function rerunWorkflowId(original: { workflowId: string; open: boolean }, now: Date): { value: string; same: boolean } {
  if (!original.open) return { value: original.workflowId, same: true };
  return { value: suggestWorkflowId(original.workflowId, now, [original.workflowId]), same: false };
}
