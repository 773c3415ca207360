/**
 * One executions search of a root, as the Executions view shows it: the count
 * first (Count*WorkflowExecutions, one cheap call), then the rows page by page
 * as they come, newest first; further pages only on Load More. A newer run of
 * the search (or dispose) aborts the one in flight, so rows of an old query
 * never land in a new list. No vscode: views subscribe with `onChange`.
 */
import type { ExecutionRow, SwfGateway } from '../swf/gateway';
import { checkExecutionQuery, type ExecutionQuery } from '../executions/executionQuery';

export type SearchPhase = 'idle' | 'counting' | 'loading' | 'more' | 'done' | 'error' | 'refused';

export interface SearchState {
  phase: SearchPhase;
  /** From Count*; `undefined` until it answers (or when it failed: the rows may still come). */
  count?: { count: number; truncated: boolean };
  rows: readonly ExecutionRow[];
  /** More rows wait behind Load More. */
  hasMore: boolean;
  /** The failure of the last call (thrown as the gateway tagged it), or why the query was refused locally. */
  error?: unknown;
  problems?: string[];
}

type SearchGateway = Pick<SwfGateway, 'searchExecutions' | 'countExecutions'>;

export class ExecutionSearch {
  private current: SearchState = { phase: 'idle', rows: [], hasMore: false };
  private nextPageToken?: string;
  private abort?: AbortController;
  private readonly listeners = new Set<(state: SearchState) => void>();

  constructor(
    private readonly gateway: SearchGateway,
    private readonly domain: string,
    readonly query: ExecutionQuery,
    private readonly pageSize = 100,
  ) {}

  get state(): SearchState {
    return this.current;
  }

  onChange(listener: (state: SearchState) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Counts, then reads the first page. A query SWF would refuse is refused here, with every reason. */
  async run(): Promise<void> {
    this.abort?.abort();
    const problems = checkExecutionQuery(this.query);
    if (problems.length > 0) return this.set({ phase: 'refused', rows: [], hasMore: false, problems });
    const abort = (this.abort = new AbortController());
    this.nextPageToken = undefined;
    this.set({ phase: 'counting', rows: [], hasMore: false });
    let count: SearchState['count'];
    try {
      count = await this.gateway.countExecutions(this.domain, this.query, abort.signal);
      if (abort.signal.aborted) return;
      this.set({ ...this.current, phase: 'loading', count });
    } catch (error) {
      if (abort.signal.aborted) return;
      // A peer without Count* (moto) or a missing permission for it still lets the rows come: the count stays unknown.
      this.set({ ...this.current, phase: 'loading', error });
    }
    if (count?.count === 0) return this.set({ ...this.current, phase: 'done' });
    await this.page(abort);
  }

  /** Reads the next page after the rows shown. */
  async loadMore(): Promise<void> {
    if (!this.current.hasMore || this.current.phase === 'more' || !this.abort) return;
    this.set({ ...this.current, phase: 'more' });
    await this.page(this.abort);
  }

  dispose(): void {
    this.abort?.abort();
    this.listeners.clear();
  }

  private async page(abort: AbortController): Promise<void> {
    try {
      const page = await this.gateway.searchExecutions(this.domain, this.query, { nextPageToken: this.nextPageToken, pageSize: this.pageSize, signal: abort.signal });
      if (abort.signal.aborted) return;
      this.nextPageToken = page.nextPageToken;
      this.set({ ...this.current, phase: 'done', rows: [...this.current.rows, ...page.executions], hasMore: page.nextPageToken !== undefined });
    } catch (error) {
      if (abort.signal.aborted) return;
      this.set({ ...this.current, phase: 'error', error });
    }
  }

  private set(state: SearchState): void {
    this.current = state;
    for (const listener of this.listeners) listener(state);
  }
}
