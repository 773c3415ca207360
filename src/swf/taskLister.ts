/**
 * Lists the open activity tasks of a domain: its open executions, and for
 * each one the tasks its history leaves open.
 *
 * Refreshes are incremental. The lister keeps each execution's folded state;
 * the next refresh reads that history newest first, a few events at a time,
 * and stops at the last event it has already folded. An execution where
 * nothing happened costs one small GetWorkflowExecutionHistory call.
 */
import type { HistoryEvent, WorkflowExecution } from '@aws-sdk/client-swf';
import { isExpiredPageToken } from './errors';
import type { ExecutionSummary, HistoryReadOptions, SwfGateway } from './gateway';
import { readOrder } from './readOrder';
import { type ActivityTimeouts, applyHistoryEvents, emptyExecutionState, executionKey, type ExecutionTaskState, type OpenActivityTask, openTasksOf } from '../history/openTasks';

export interface ListerOptions {
  /** Open executions read per "page" of the view; Load More raises the limit by this much. */
  maxExecutions: number;
  /** History reads in flight at once: SWF refills GetWorkflowExecutionHistory at 60/s per account. */
  concurrency?: number;
  /** Events asked for first when re-reading a known history; usually nothing changed. */
  incrementalFirstPage?: number;
}

export interface ExecutionListing {
  execution: ExecutionSummary;
  state: ExecutionTaskState;
  /** Set when this execution's history could not be read; `state` is then the last one known. */
  error?: unknown;
  /** SWF throttled the read (after the SDK's retries): `state` is the last one known, and no error is shown. */
  stale?: boolean;
  /** When its history was last read (ms since the epoch); unset until the first read. */
  readAt?: number;
}

export interface TaskListing {
  domain: string;
  executions: ExecutionListing[];
  tasks: OpenActivityTask[];
  /** More open executions exist than were read. */
  hasMore: boolean;
  /**
   * When this read began. What it says about a claim made later is older than
   * the claim (the history may predate its ActivityTaskStarted), so it is no
   * evidence either way.
   */
  readStartedAt: Date;
  stats: RefreshStats;
}

export interface RefreshStats {
  executionsListed: number;
  historiesReadInFull: number;
  historiesReadIncrementally: number;
  historyCalls: number;
  eventsRead: number;
  /** Executions whose read SWF throttled past the SDK's retries (kept as they were). */
  throttled: number;
}

/** What a refresh is told about the person, to order its reads (readOrder.ts) and show rows early. */
export interface RefreshHints {
  /** Keys (executionKey) of executions holding tasks this person claimed. */
  claimedExecutions?: ReadonlySet<string>;
  /** Task lists whose groups are expanded or visible. */
  shownTaskLists?: ReadonlySet<string>;
  /** The listing so far, while the refresh runs: after the first read, then every PROGRESS_INTERVAL_MS. */
  onProgress?: (partial: TaskListing) => void;
}

const PROGRESS_INTERVAL_MS = 250;

const emptyStats = (): RefreshStats => ({ executionsListed: 0, historiesReadInFull: 0, historiesReadIncrementally: 0, historyCalls: 0, eventsRead: 0, throttled: 0 });

const DEFAULT_CONCURRENCY = 8;
/**
 * Events asked for first when re-reading a known history: the newest alone.
 * Usually nothing changed, and its event ID says so; only a history that grew
 * is paged further (SWF's smallest read, and what the benchmark's bytes show).
 */
const DEFAULT_INCREMENTAL_FIRST_PAGE = 1;

export class OpenTaskLister {
  private readonly known = new Map<string, ExecutionTaskState>();
  /** When each execution was last read, and last found changed: the read order's inputs. */
  private readonly meta = new Map<string, { readAt: number; changedAt?: number }>();
  /** What the last refresh listed, for refreshSome. */
  private listed: { executions: readonly ExecutionSummary[]; hasMore: boolean } | undefined;
  private limit: number;

  constructor(
    private readonly gateway: SwfGateway,
    readonly domain: string,
    private readonly options: ListerOptions,
  ) {
    this.limit = options.maxExecutions;
  }

  /**
   * Reads open executions up to the current limit and brings each one's tasks
   * up to date, in the order of readOrder.ts (claimed first, then what is
   * shown, then what changed recently, then round robin). `onProgress` gets
   * the listing so far once the first read is in (two round trips after the
   * first call: the listing, one history), then every PROGRESS_INTERVAL_MS,
   * so rows appear before every history is read.
   */
  async refresh(signal?: AbortSignal, hints: RefreshHints = {}): Promise<TaskListing> {
    const readStartedAt = new Date();
    const stats = emptyStats();
    // A first load shows rows before the listing ends: the first executions of its first page are read while the other pages come.
    const early = new Map<string, ExecutionListing>();
    let reading: Promise<unknown> | undefined;
    const onFirstPage = (page: ExecutionSummary[]): void => {
      if (!hints.onProgress || this.known.size > 0) return;
      const first = page.slice(0, this.options.concurrency ?? DEFAULT_CONCURRENCY);
      reading = mapWithConcurrency(first, first.length, async (execution) => {
        const listing = await this.readExecution(execution, stats, signal);
        early.set(executionKey(execution), listing);
        if (early.size === 1) {
          const soFar = page.map((e) => early.get(executionKey(e)) ?? { execution: e, state: emptyExecutionState(e.workflowId, e.runId) });
          hints.onProgress?.(this.listingOf(soFar, true, readStartedAt, { ...stats }));
        }
      });
    };
    const listed = await this.listOpenExecutions(signal, onFirstPage).finally(() => reading);
    await reading;
    const { executions, hasMore } = listed;
    stats.executionsListed = executions.length;
    this.listed = { executions, hasMore };

    const listings = await this.readInOrder(executions, (key) => !early.has(key), stats, hints, readStartedAt, hasMore, signal, early);

    // Forget executions that closed (or fell past the limit): their tasks are gone.
    const open = new Set(executions.map(executionKey));
    for (const key of this.known.keys()) if (!open.has(key)) this.known.delete(key);
    for (const key of this.meta.keys()) if (!open.has(key)) this.meta.delete(key);

    return this.listingOf(listings, hasMore, readStartedAt, stats);
  }

  /**
   * Re-reads only the executions `wanted` picks among those the last refresh
   * listed (no listing call), the others keep their last known state: what
   * the claimed tasks' executions get every few seconds between refreshes.
   * Undefined before the first refresh.
   */
  async refreshSome(wanted: (key: string) => boolean, signal?: AbortSignal): Promise<TaskListing | undefined> {
    if (!this.listed) return undefined;
    const readStartedAt = new Date();
    const stats = emptyStats();
    const { executions, hasMore } = this.listed;
    stats.executionsListed = executions.length;
    const listings = await this.readInOrder(executions, wanted, stats, {}, readStartedAt, hasMore, signal);
    return this.listingOf(listings, hasMore, readStartedAt, stats);
  }

  /** Raises the number of executions read, then refreshes. */
  loadMore(signal?: AbortSignal, hints?: RefreshHints): Promise<TaskListing> {
    this.limit += this.options.maxExecutions;
    return this.refresh(signal, hints);
  }

  private async readInOrder(
    executions: readonly ExecutionSummary[],
    wanted: (key: string) => boolean,
    stats: RefreshStats,
    hints: RefreshHints,
    readStartedAt: Date,
    hasMore: boolean,
    signal?: AbortSignal,
    done: ReadonlyMap<string, ExecutionListing> = new Map(),
  ): Promise<ExecutionListing[]> {
    // Until read, an execution shows what was read of it already in this refresh, or what was known of it (nothing, the first time).
    const listings: ExecutionListing[] = executions.map((execution) => {
      const key = executionKey(execution);
      return done.get(key) ?? { execution, state: this.known.get(key) ?? emptyExecutionState(execution.workflowId, execution.runId) };
    });
    const now = Date.now();
    const candidates = executions.flatMap((execution, index) => {
      const key = executionKey(execution);
      if (!wanted(key)) return [];
      const meta = this.meta.get(key);
      const state = this.known.get(key);
      const shown = hints.shownTaskLists && state ? openTasksOf(state).some((t) => hints.shownTaskLists?.has(t.taskList)) : false;
      return [{ key, index, execution, claimed: hints.claimedExecutions?.has(key), shown, changedAt: meta?.changedAt, readAt: meta?.readAt }];
    });
    const ordered = readOrder(candidates, now);
    const concurrency = this.options.concurrency ?? DEFAULT_CONCURRENCY;
    let read = 0;
    let lastProgress = 0;
    await mapWithConcurrency(ordered, concurrency, async (c) => {
      listings[c.index] = await this.readExecution(c.execution, stats, signal);
      read++;
      const at = performance.now();
      if (hints.onProgress && read < ordered.length && (read === 1 || at - lastProgress >= PROGRESS_INTERVAL_MS)) {
        lastProgress = at;
        hints.onProgress(this.listingOf([...listings], hasMore, readStartedAt, { ...stats }));
      }
    });
    return listings;
  }

  private listingOf(listings: ExecutionListing[], hasMore: boolean, readStartedAt: Date, stats: RefreshStats): TaskListing {
    const tasks = listings.flatMap((l) => openTasksOf(l.state));
    const timed = listings.map((l) => ({ ...l, readAt: this.meta.get(executionKey(l.execution))?.readAt }));
    return { domain: this.domain, executions: timed, tasks, hasMore, readStartedAt, stats };
  }

  /**
   * Every page of open executions up to the limit. A page token that expired
   * mid-way (SWF: "token has exceeded its maximum lifetime") restarts the
   * listing from the first page, once: pages from two listings could skip or
   * repeat an execution, so nothing of the first attempt is kept.
   */
  private async listOpenExecutions(signal?: AbortSignal, onFirstPage?: (executions: ExecutionSummary[]) => void): Promise<{ executions: ExecutionSummary[]; hasMore: boolean }> {
    const executions: ExecutionSummary[] = [];
    let nextPageToken: string | undefined;
    let restarted = false;
    do {
      let page: Awaited<ReturnType<SwfGateway['listOpenExecutions']>>;
      try {
        page = await this.gateway.listOpenExecutions(this.domain, nextPageToken, signal);
      } catch (error) {
        if (nextPageToken === undefined || restarted || !isExpiredPageToken(error)) throw error;
        restarted = true;
        executions.length = 0;
        page = await this.gateway.listOpenExecutions(this.domain, undefined, signal);
      }
      if (executions.length === 0) onFirstPage?.(page.executions.slice(0, this.limit));
      executions.push(...page.executions);
      nextPageToken = page.nextPageToken;
    } while (nextPageToken && executions.length < this.limit);
    return { executions: executions.slice(0, this.limit), hasMore: executions.length > this.limit || nextPageToken !== undefined };
  }

  private async readExecution(execution: ExecutionSummary, stats: RefreshStats, signal?: AbortSignal): Promise<ExecutionListing> {
    const key = executionKey(execution);
    const before = this.known.get(key) ?? emptyExecutionState(execution.workflowId, execution.runId);
    try {
      const events = before.lastEventId === 0 ? await this.readAll(execution, stats, signal) : await this.readSince(execution, before.lastEventId, stats, signal);
      const state = applyHistoryEvents(before, events);
      this.known.set(key, state);
      const readAt = Date.now();
      this.meta.set(key, { readAt, changedAt: before.lastEventId !== 0 && events.length > 0 ? readAt : this.meta.get(key)?.changedAt });
      return { execution, state };
    } catch (error) {
      signal?.throwIfAborted();
      // Throttled even after the SDK's retries: not this execution's fault, and no reason for an error row. It keeps its last known state and is read again next time.
      if (isThrottling(error)) {
        stats.throttled++;
        return { execution, state: before, stale: true };
      }
      return { execution, state: before, error };
    }
  }

  private async readAll(execution: ExecutionSummary, stats: RefreshStats, signal?: AbortSignal): Promise<HistoryEvent[]> {
    stats.historiesReadInFull++;
    const events: HistoryEvent[] = [];
    for await (const page of this.gateway.historyPages(this.domain, execution, { reverseOrder: false, signal })) {
      stats.historyCalls++;
      stats.eventsRead += page.length;
      events.push(...page);
    }
    return events;
  }

  private readSince(execution: ExecutionSummary, lastEventId: number, stats: RefreshStats, signal?: AbortSignal): Promise<HistoryEvent[]> {
    stats.historiesReadIncrementally++;
    return readEventsAfter(this.gateway, this.domain, execution, lastEventId, {
      firstPageSize: this.options.incrementalFirstPage ?? DEFAULT_INCREMENTAL_FIRST_PAGE,
      signal,
      onPage: (page) => {
        stats.historyCalls++;
        stats.eventsRead += page.length;
      },
    });
  }
}

/**
 * The events of an execution after `lastEventId`, oldest first: read newest
 * first and stopped at the first page that reaches an event already known,
 * so a history where little happened costs one small call.
 */
export async function readEventsAfter(
  gateway: SwfGateway,
  domain: string,
  execution: WorkflowExecution,
  lastEventId: number,
  options: Pick<HistoryReadOptions, 'firstPageSize' | 'pageSize' | 'signal'> & { onPage?: (page: readonly HistoryEvent[]) => void },
): Promise<HistoryEvent[]> {
  const { onPage, ...read } = options;
  const newest: HistoryEvent[] = [];
  for await (const page of gateway.historyPages(domain, execution, { ...read, reverseOrder: true })) {
    onPage?.(page);
    const fresh = page.filter((e) => (e.eventId ?? 0) > lastEventId);
    newest.push(...fresh);
    if (fresh.length < page.length) break;
  }
  return newest.reverse();
}

/**
 * The timeouts of the activity task started by event `startedEventId`: read
 * newest first up to its ActivityTaskScheduled event, which is usually a few
 * events back. PollForActivityTask's answer does not carry them, and a claim
 * needs its heartbeat timeout to be kept alive.
 */
export async function readActivityTimeouts(
  gateway: SwfGateway,
  domain: string,
  execution: WorkflowExecution,
  startedEventId: number,
  signal?: AbortSignal,
): Promise<ActivityTimeouts | undefined> {
  let scheduledEventId: number | undefined;
  for await (const page of gateway.historyPages(domain, execution, { reverseOrder: true, firstPageSize: 20, pageSize: 200, signal })) {
    for (const event of page) {
      if (event.eventId === startedEventId) scheduledEventId = event.activityTaskStartedEventAttributes?.scheduledEventId;
      if (scheduledEventId !== undefined && event.eventId === scheduledEventId) {
        const a = event.activityTaskScheduledEventAttributes;
        return { scheduleToStart: a?.scheduleToStartTimeout, startToClose: a?.startToCloseTimeout, scheduleToClose: a?.scheduleToCloseTimeout, heartbeat: a?.heartbeatTimeout };
      }
      if ((event.eventId ?? 0) < (scheduledEventId ?? startedEventId)) return undefined;
    }
  }
  return undefined;
}

function isThrottling(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'ThrottlingException';
}

/** Runs `fn` over `items` with at most `limit` in flight, keeping the order of results. */
export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
