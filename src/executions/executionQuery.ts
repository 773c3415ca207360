/**
 * A search of a domain's executions as SWF's list and count operations take
 * it: open or closed, one time range (start time, or close time for closed
 * ones), and at most one filter (workflow ID, type, tag, or close status for
 * closed ones). The rules are checked here, before any call, so that a search
 * SWF would refuse is explained to the person instead; saved views and root
 * filters from settings are parsed here too (they are untrusted JSON).
 * No vscode: rules only.
 */
import type { CloseStatus, ListClosedWorkflowExecutionsInput, ListOpenWorkflowExecutionsInput } from '@aws-sdk/client-swf';
import { t } from '@vscode/l10n';
import { SWF_FIELD_LIMITS } from '../common/limits';
import type { StoredRoot } from '../ids';

export const CLOSE_STATUSES: readonly CloseStatus[] = ['COMPLETED', 'FAILED', 'CANCELED', 'TERMINATED', 'CONTINUED_AS_NEW', 'TIMED_OUT'];

/** The one filter a call may carry: SWF refuses two in one request. */
export type ExecutionFilter =
  | { kind: 'workflowId'; workflowId: string }
  | { kind: 'type'; name: string; version?: string }
  | { kind: 'tag'; tag: string }
  | { kind: 'closeStatus'; status: CloseStatus };

/** What a watched root may filter its open executions by (ListOpenWorkflowExecutions has no close status). */
export type WatchFilter = Exclude<ExecutionFilter, { kind: 'closeStatus' }>;

export interface ExecutionQuery {
  status: 'open' | 'closed';
  filter?: ExecutionFilter;
  /** Which time the range bounds; open executions only have a start time. Default 'start'. */
  timeField?: 'start' | 'close';
  oldest: Date;
  /** Absent: up to now. */
  latest?: Date;
  /** Oldest first instead of SWF's newest first. */
  reverseOrder?: boolean;
}

export type TimePreset = 'hour' | 'day' | 'week';
const PRESET_MS: Record<TimePreset, number> = { hour: 3_600_000, day: 86_400_000, week: 604_800_000 };

/** The range of a preset, ending now. */
export function presetRange(preset: TimePreset, now: Date): { oldest: Date } {
  return { oldest: new Date(now.getTime() - PRESET_MS[preset]) };
}

/** Every rule SWF would refuse the query for, as messages; empty when it may be sent. */
export function checkExecutionQuery(query: ExecutionQuery): string[] {
  const problems: string[] = [];
  if (Number.isNaN(query.oldest.getTime())) problems.push(t('The start of the time range is not a date.'));
  if (query.latest && Number.isNaN(query.latest.getTime())) problems.push(t('The end of the time range is not a date.'));
  if (query.latest && query.latest.getTime() < query.oldest.getTime()) problems.push(t('The time range ends before it starts.'));
  if (query.status === 'open' && query.timeField === 'close') problems.push(t('Open executions have no close time: search them by start time.'));
  if (query.status === 'open' && query.filter?.kind === 'closeStatus') problems.push(t('Open executions have no close status: search closed executions for it.'));
  const filterProblem = query.filter && checkFilter(query.filter);
  if (filterProblem) problems.push(filterProblem);
  return problems;
}

function checkFilter(filter: ExecutionFilter): string | undefined {
  const length = (text: string, max: number, min = 1) => text.length >= min && text.length <= max;
  switch (filter.kind) {
    case 'workflowId':
      return length(filter.workflowId, SWF_FIELD_LIMITS.WorkflowId.max) ? undefined : t('Workflow ID must have 1 to {0} characters.', SWF_FIELD_LIMITS.WorkflowId.max);
    case 'type':
      if (!length(filter.name, SWF_FIELD_LIMITS.Name.max)) return t('Workflow type name must have 1 to {0} characters.', SWF_FIELD_LIMITS.Name.max);
      return filter.version === undefined || length(filter.version, SWF_FIELD_LIMITS.VersionOptional.max, 0) ? undefined : t('Workflow type version must have at most {0} characters.', SWF_FIELD_LIMITS.VersionOptional.max);
    case 'tag':
      return length(filter.tag, SWF_FIELD_LIMITS.Tag.max) ? undefined : t('Tag must have 1 to {0} characters.', SWF_FIELD_LIMITS.Tag.max);
    case 'closeStatus':
      return CLOSE_STATUSES.includes(filter.status) ? undefined : t('Close status must be one of {0}.', CLOSE_STATUSES.join(', '));
  }
}

/** The filter and time members of a request for the query; `withOrder` adds reverseOrder (the count operations take none). */
function requestMembers(query: ExecutionQuery, withOrder: boolean) {
  const range = { oldestDate: query.oldest, ...(query.latest && { latestDate: query.latest }) };
  const filter = query.filter;
  return {
    range,
    members: {
      ...(filter?.kind === 'workflowId' && { executionFilter: { workflowId: filter.workflowId } }),
      ...(filter?.kind === 'type' && { typeFilter: { name: filter.name, ...(filter.version ? { version: filter.version } : {}) } }),
      ...(filter?.kind === 'tag' && { tagFilter: { tag: filter.tag } }),
      ...(withOrder && query.reverseOrder && { reverseOrder: true }),
    },
    closeStatusFilter: filter?.kind === 'closeStatus' ? { status: filter.status } : undefined,
  };
}

/** ListOpenWorkflowExecutions / CountOpenWorkflowExecutions (paging left to the caller). */
export function openListRequest(domain: string, query: ExecutionQuery, withOrder = true): ListOpenWorkflowExecutionsInput {
  const { range, members } = requestMembers(query, withOrder);
  return { domain, startTimeFilter: range, ...members };
}

/** ListClosedWorkflowExecutions / CountClosedWorkflowExecutions: by close time when the query says so. */
export function closedListRequest(domain: string, query: ExecutionQuery, withOrder = true): ListClosedWorkflowExecutionsInput {
  const { range, members, closeStatusFilter } = requestMembers(query, withOrder);
  return { domain, ...(query.timeField === 'close' ? { closeTimeFilter: range } : { startTimeFilter: range }), ...members, ...(closeStatusFilter && { closeStatusFilter }) };
}

/**
 * Reads a filter written in settings (a root's `filter`, a saved view), in the
 * API's own words: `{"typeFilter": {"name", "version"?}}`, `{"tagFilter":
 * {"tag"}}`, `{"workflowId": "..."}` (or `executionFilter`), and for saved
 * views of closed executions `{"closeStatusFilter": {"status"}}`. Exactly one.
 */
export function parseExecutionFilter(raw: unknown, allowCloseStatus: boolean): { ok: true; filter: ExecutionFilter } | { ok: false; message: string } {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, message: t('A filter must be an object such as {"typeFilter": {"name": "ChargeCard"}}.') };
  const record = raw as Record<string, unknown>;
  const keys = Object.keys(record);
  const known = ['typeFilter', 'tagFilter', 'workflowId', 'executionFilter', ...(allowCloseStatus ? ['closeStatusFilter'] : [])];
  const unknown = keys.filter((key) => !known.includes(key));
  if (unknown.length > 0) return { ok: false, message: t('Unknown filter "{0}": use one of {1}.', unknown[0], known.join(', ')) };
  if (keys.length !== 1) return { ok: false, message: t('A filter names exactly one of {0}: SWF takes one filter per call.', known.join(', ')) };
  const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  const member = (key: string, field: string): string | undefined => str((record[key] as Record<string, unknown> | null | undefined)?.[field]);
  let filter: ExecutionFilter;
  switch (keys[0]) {
    case 'typeFilter': {
      const version = member('typeFilter', 'version');
      filter = { kind: 'type', name: member('typeFilter', 'name') ?? '', ...(version ? { version } : {}) };
      break;
    }
    case 'tagFilter':
      filter = { kind: 'tag', tag: member('tagFilter', 'tag') ?? '' };
      break;
    case 'workflowId':
      filter = { kind: 'workflowId', workflowId: str(record.workflowId) ?? '' };
      break;
    case 'executionFilter':
      filter = { kind: 'workflowId', workflowId: member('executionFilter', 'workflowId') ?? '' };
      break;
    default:
      filter = { kind: 'closeStatus', status: (member('closeStatusFilter', 'status') ?? '') as CloseStatus };
  }
  const problem = checkFilter(filter);
  return problem ? { ok: false, message: problem } : { ok: true, filter };
}

/** A watch filter in the setting's (the API's) words: what parseExecutionFilter reads back. */
export function storedFilter(filter: WatchFilter): NonNullable<StoredRoot['filter']> {
  switch (filter.kind) {
    case 'type':
      return { typeFilter: { name: filter.name, ...(filter.version ? { version: filter.version } : {}) } };
    case 'tag':
      return { tagFilter: { tag: filter.tag } };
    case 'workflowId':
      return { workflowId: filter.workflowId };
  }
}

/** How a filter reads in a title: `type ChargeCard`, `type ChargeCard 2`, `tag urgent`, `id order-7`, `FAILED`. */
export function describeFilter(filter: ExecutionFilter): string {
  switch (filter.kind) {
    case 'type':
      return filter.version ? t('type {0} {1}', filter.name, filter.version) : t('type {0}', filter.name);
    case 'tag':
      return t('tag {0}', filter.tag);
    case 'workflowId':
      return t('id {0}', filter.workflowId);
    case 'closeStatus':
      return filter.status;
  }
}
