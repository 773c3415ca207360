/**
 * What the Executions view searches and shows, as values: a search as a
 * person states it (filter, time range, open / closed / both), turned into
 * the one or two ExecutionQuery calls SWF takes; saved searches as the
 * `swfTasks.savedSearches` setting stores them (untrusted JSON, checked
 * here); and the merge of open and closed rows newest first.
 * No vscode: rules only, unit-tested in plain Node.
 */
import { t } from '@vscode/l10n';
import { CONFIG_SECTION, Settings, type StoredRoot } from '../ids';
import { CLOSE_STATUSES, describeFilter, type ExecutionFilter, type ExecutionQuery, parseExecutionFilter, presetRange, storedFilter, type TimePreset } from './executionQuery';

const SAVED_SETTING = `${CONFIG_SECTION}.${Settings.savedSearches.key}`;

export type SearchStatus = 'open' | 'closed' | 'both';
export type SearchRange = { preset: TimePreset } | { oldest: string; latest?: string };

export interface ExecutionSearchSpec {
  filter?: ExecutionFilter;
  range: SearchRange;
  status: SearchStatus;
}

/** What a root shows before any search: open and closed executions started in the last week. */
export const DEFAULT_SEARCH: ExecutionSearchSpec = { range: { preset: 'week' }, status: 'both' };

/** The calls a search makes: a close-status filter only reaches the closed list (open executions have none). */
export function searchQueries(spec: ExecutionSearchSpec, now: Date): ExecutionQuery[] {
  const range = 'preset' in spec.range ? presetRange(spec.range.preset, now) : { oldest: new Date(spec.range.oldest), ...(spec.range.latest ? { latest: new Date(spec.range.latest) } : {}) };
  const wanted: ('open' | 'closed')[] = spec.status === 'both' ? (spec.filter?.kind === 'closeStatus' ? ['closed'] : ['open', 'closed']) : [spec.status];
  return wanted.map((status) => ({ status, ...range, ...(spec.filter && { filter: spec.filter }) }));
}

/** `type ChargeCard · closed · last day`. */
export function describeSearch(spec: ExecutionSearchSpec): string {
  const status = spec.status === 'both' ? t('open and closed') : spec.status === 'open' ? t('open') : t('closed');
  const range =
    'preset' in spec.range
      ? { hour: t('last hour'), day: t('last day'), week: t('last week') }[spec.range.preset]
      : spec.range.latest
        ? t('{0} to {1}', spec.range.oldest, spec.range.latest)
        : t('since {0}', spec.range.oldest);
  return [spec.filter ? describeFilter(spec.filter) : undefined, status, range].filter(Boolean).join(' · ');
}

/**
 * A typed range: `2026-12-01T00:00Z` (up to now) or `2026-12-01 .. 2026-12-02`
 * (ISO 8601 dates or date-times, separated by `..` or `/`). A message when it is not one.
 */
export function parseTypedRange(text: string): { ok: true; range: { oldest: string; latest?: string } } | { ok: false; message: string } {
  const parts = text.split(/\s*(?:\.\.|\/)\s*/).map((p) => p.trim()).filter((p, i) => p !== '' || i === 0);
  if (parts.length === 0 || parts[0] === '' || parts.length > 2) return { ok: false, message: t('Type a start, or a start and an end: 2026-12-01T08:00Z .. 2026-12-01T12:00Z') };
  const iso = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
  for (const part of parts) {
    if (!iso.test(part) || Number.isNaN(new Date(part).getTime())) return { ok: false, message: t('"{0}" is not an ISO 8601 date or date-time (e.g. 2026-12-01 or 2026-12-01T08:00Z).', part) };
  }
  const [oldest, latest] = parts.map((p) => new Date(p).toISOString());
  if (latest && new Date(latest) < new Date(oldest)) return { ok: false, message: t('The time range ends before it starts.') };
  return { ok: true, range: { oldest, ...(latest ? { latest } : {}) } };
}

// ---- saved searches -----------------------------------------------------------

/** The root a saved search belongs to, as roots identify themselves in `swfTasks.roots` (no filter: a search has its own). */
export type SavedSearchRoot = Omit<StoredRoot, 'filter'>;

/** One entry of `swfTasks.savedSearches`, in the setting's words. */
export interface StoredSearch {
  name: string;
  root: SavedSearchRoot;
  filter?: Record<string, unknown>;
  range: { preset: TimePreset } | { oldest: string; latest?: string };
  status: SearchStatus;
}

export interface SavedSearch {
  name: string;
  root: SavedSearchRoot;
  spec: ExecutionSearchSpec;
}

/** A filter in the setting's (the API's) words. */
export function storedExecutionFilter(filter: ExecutionFilter): Record<string, unknown> {
  // A watched root's filters are stored the same way; only a search has a close status.
  return filter.kind === 'closeStatus' ? { closeStatusFilter: { status: filter.status } } : storedFilter(filter);
}

export function storeSearch(name: string, root: SavedSearchRoot, spec: ExecutionSearchSpec): StoredSearch {
  return { name, root, ...(spec.filter && { filter: storedExecutionFilter(spec.filter) }), range: spec.range, status: spec.status };
}

/** The root part of a stored root, without its watch filter. */
export function searchRootOf(root: StoredRoot): SavedSearchRoot {
  const rest: SavedSearchRoot & { filter?: unknown } = { ...root };
  delete rest.filter;
  return rest;
}

/** Whether a saved search's root is this root (a watched root's filter does not matter: the search has its own). */
export function sameSearchRoot(a: SavedSearchRoot, b: SavedSearchRoot): boolean {
  const norm = (r: SavedSearchRoot) => (r.sandbox ? `sandbox#${r.domain}` : `${r.profile ?? ''}|${r.region ?? ''}|${(r.endpoint ?? '').replace(/\/$/, '')}#${r.domain}`);
  return norm(a) === norm(b);
}

/** Reads the setting: entries it cannot read are reported with their place, never thrown, and skipped. */
export function parseSavedSearches(value: unknown): { searches: SavedSearch[]; problems: string[] } {
  const searches: SavedSearch[] = [];
  const problems: string[] = [];
  if (value === undefined) return { searches, problems };
  if (!Array.isArray(value)) return { searches, problems: [t('{0} must be a list.', SAVED_SETTING)] };
  value.forEach((entry: unknown, index) => {
    const where = `${SAVED_SETTING}[${index}]`;
    const e = entry as Partial<StoredSearch> | null;
    if (typeof e !== 'object' || e === null) return problems.push(t('{0}: not an object.', where));
    if (typeof e.name !== 'string' || e.name.trim() === '' || e.name.length > 100) return problems.push(t('{0}: "name" must be 1 to 100 characters.', where));
    const root = e.root as Partial<SavedSearchRoot> | undefined;
    if (typeof root !== 'object' || root === null || typeof root.domain !== 'string' || root.domain === '') return problems.push(t('{0}: "root" must name a "domain".', where));
    if (e.status !== 'open' && e.status !== 'closed' && e.status !== 'both') return problems.push(t('{0}: "status" must be open, closed or both.', where));
    const range = parseStoredRange(e.range);
    if (!range) return problems.push(t('{0}: "range" must be {"preset": "hour" | "day" | "week"} or {"oldest": ISO date, "latest"?: ISO date}.', where));
    let filter: ExecutionFilter | undefined;
    if (e.filter !== undefined) {
      const parsed = parseExecutionFilter(e.filter, true);
      if (!parsed.ok) return problems.push(t('{0}: "filter": {1}', where, parsed.message));
      filter = parsed.filter;
      if (filter.kind === 'closeStatus' && e.status === 'open') return problems.push(t('{0}: open executions have no close status.', where));
    }
    const cleanRoot: SavedSearchRoot = {
      domain: root.domain,
      ...(typeof root.profile === 'string' && { profile: root.profile }),
      ...(typeof root.region === 'string' && { region: root.region }),
      ...(typeof root.endpoint === 'string' && { endpoint: root.endpoint }),
      ...(root.sandbox === true && { sandbox: true }),
    };
    searches.push({ name: e.name.trim(), root: cleanRoot, spec: { status: e.status, range, ...(filter && { filter }) } });
    return undefined;
  });
  return { searches, problems };
}

function parseStoredRange(raw: unknown): SearchRange | undefined {
  const r = raw as { preset?: unknown; oldest?: unknown; latest?: unknown } | null;
  if (typeof r !== 'object' || r === null) return undefined;
  if (r.preset === 'hour' || r.preset === 'day' || r.preset === 'week') return { preset: r.preset };
  if (typeof r.oldest !== 'string') return undefined;
  const typed = parseTypedRange(typeof r.latest === 'string' ? `${r.oldest} .. ${r.latest}` : r.oldest);
  return typed.ok ? typed.range : undefined;
}

/** The close statuses a person may pick, in SWF's words. */
export const PICKABLE_CLOSE_STATUSES = CLOSE_STATUSES;

// ---- rows -------------------------------------------------------------------

interface Dated {
  startedAt?: Date;
  workflowId: string;
  runId: string;
}

/** Open and closed rows as one list, newest start first (a row without a start time last), each run once. */
export function mergeNewestFirst<R extends Dated>(...lists: readonly (readonly R[])[]): R[] {
  const seen = new Set<string>();
  const all: R[] = [];
  for (const row of lists.flat()) {
    const key = `${row.workflowId}\u0000${row.runId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    all.push(row);
  }
  return all.sort((a, b) => (b.startedAt?.getTime() ?? -Infinity) - (a.startedAt?.getTime() ?? -Infinity));
}

/** The view's message after a count: `12 executions`, `at least 1,000 executions (SWF stopped counting)`, or none for unknown. */
export function countText(counts: readonly ({ count: number; truncated: boolean } | undefined)[]): string | undefined {
  if (counts.length === 0 || counts.some((c) => c === undefined)) return undefined;
  const total = counts.reduce((sum, c) => sum + (c?.count ?? 0), 0);
  const truncated = counts.some((c) => c?.truncated);
  if (truncated) return t('at least {0} executions (SWF stopped counting)', total.toLocaleString('en-US'));
  return total === 1 ? t('1 execution') : t('{0} executions', total.toLocaleString('en-US'));
}
