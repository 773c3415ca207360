/**
 * One watched domain on one connection (a root of the tree): its lister, its
 * load loop, its auto-refresh and the pruning of its claims. Views subscribe
 * to `onDidChange` and render `state`; the badge, the tree and any later view
 * share one model, so they never read SWF twice.
 */
import * as vscode from 'vscode';
import { connectionId, type RootSpec, rootId, rootLabel } from '../connection/connection';
import type { ClaimedTask, ClaimStore } from '../claims/claims';
import { describeSwfError, errorMessage } from '../swf/errors';
import type { ExecutionSummary } from '../swf/gateway';
import { executionKey } from '../history/openTasks';
import { OpenTaskLister, type RefreshHints, type TaskListing } from '../swf/taskLister';
import { buildTaskTree, claimStillOpen, keepShownOrder, type TaskTree } from '../inbox/taskGroups';
import { readSetting } from './config';
import type { Connections } from './connections';

export type RootState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  /** `refreshError`: the last refresh failed; the tasks are those of the last good read (`listing.readStartedAt`). */
  /** `partial`: the first load is still reading histories; the rows so far. */
  | { kind: 'loaded'; listing: TaskListing; tree: TaskTree; refreshError?: unknown; partial?: boolean }
  | { kind: 'failed'; error: unknown };

/** How often the executions of claimed tasks are re-read while the view is visible (their answers are due). */
const CLAIMED_REFRESH_MS = 10_000;

export class RootModel implements vscode.Disposable {
  readonly id: string;
  readonly label: string;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when `state` or `loading` changed. */
  readonly onDidChange = this.changed.event;

  private current: RootState = { kind: 'idle' };
  private lister: OpenTaskLister | undefined;
  private running: Promise<void> | undefined;
  private rerun = false;
  /** A Load More that arrives during a load is kept for the load after it. */
  private loadMoreRequested = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private claimedTimer: ReturnType<typeof setInterval> | undefined;
  private claimedRunning = false;
  /** Counts loads, so a re-read of the claimed executions that overlapped one is not shown over it. */
  private generation = 0;
  private readonly collapsedTaskLists = new Set<string>();
  /** Task lists a Refresh was asked on: the next load reads them first. */
  private readonly firstTaskLists = new Set<string>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private disposed = false;

  constructor(
    readonly spec: RootSpec,
    private readonly connections: Connections,
    private readonly claims: ClaimStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.id = rootId(spec);
    this.label = rootLabel(spec);
    this.subscriptions.push(
      connections.onDidReset((connection) => {
        if (connection === undefined || rootId({ connection, domain: spec.domain }) === this.id) {
          this.lister = undefined;
          void this.refresh();
        }
      }),
      claims.onDidChange((all) => this.reshow(all)),
    );
  }

  get state(): RootState {
    return this.current;
  }

  /** A load is running. */
  get loading(): boolean {
    return this.running !== undefined;
  }

  /** The tasks as last loaded. */
  get tree(): TaskTree | undefined {
    return this.current.kind === 'loaded' ? this.current.tree : undefined;
  }

  /** The open executions the last load read, with or without open tasks. */
  get executions(): readonly ExecutionSummary[] {
    return this.current.kind === 'loaded' ? this.current.listing.executions.map((e) => e.execution) : [];
  }

  /** Resolves when no load is running. */
  whenIdle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  /**
   * Reloads. Calls made while a load runs are folded into one more load after
   * it, so a burst of changes costs two loads, not one each.
   */
  refresh(loadMore = false, firstTaskList?: string): Promise<void> {
    if (loadMore) this.loadMoreRequested = true;
    if (firstTaskList !== undefined) this.firstTaskLists.add(firstTaskList);
    if (this.running) {
      this.rerun = true;
      return this.running;
    }
    const run = async (): Promise<void> => {
      try {
        do {
          this.rerun = false;
          const more = this.loadMoreRequested;
          this.loadMoreRequested = false;
          await this.load(more);
        } while (this.rerun && !this.disposed);
      } finally {
        this.running = undefined;
        this.fire();
      }
    };
    this.running = run();
    this.fire();
    return this.running;
  }

  /**
   * Refreshes every `seconds` (0: never) while `active`; the views say whether
   * anyone is looking. Meanwhile the executions of this root's claimed tasks
   * are re-read every CLAIMED_REFRESH_MS, without listing.
   */
  setAutoRefresh(seconds: number, active: boolean): void {
    clearInterval(this.timer);
    clearInterval(this.claimedTimer);
    this.timer = undefined;
    this.claimedTimer = undefined;
    if (active && seconds > 0 && !this.disposed) {
      this.timer = setInterval(() => void this.refresh(), seconds * 1000);
      this.claimedTimer = setInterval(() => void this.refreshClaimed(), CLAIMED_REFRESH_MS);
    }
  }

  /** Re-reads only the executions holding this root's claimed tasks (none: no call). Skipped while a load runs: it reads them first anyway. */
  async refreshClaimed(): Promise<void> {
    if (this.running || this.claimedRunning || !this.lister || this.current.kind !== 'loaded') return;
    const claimed = await this.claimedExecutions();
    if (claimed.size === 0) return;
    const generation = this.generation;
    this.claimedRunning = true;
    try {
      const listing = await this.lister.refreshSome((key) => claimed.has(key));
      // A load that began meanwhile has (or will have) newer news of every execution.
      if (!listing || this.disposed || generation !== this.generation) return;
      await this.show(listing);
    } catch (error) {
      this.log.debug(`Re-reading the claimed tasks of ${this.label} failed: ${errorMessage(describeSwfError(error))}`);
    } finally {
      this.claimedRunning = false;
    }
  }

  /** Keys of the executions holding tasks claimed through this root's connection and domain. */
  private async claimedExecutions(): Promise<Set<string>> {
    const id = connectionId(this.spec.connection);
    return new Set((await this.claims.all()).filter((c) => c.domain === this.spec.domain && connectionId(c.connection) === id).map(executionKey));
  }

  private async load(loadMore: boolean): Promise<void> {
    if (this.current.kind !== 'loaded') this.setState({ kind: 'loading' });
    this.generation++;
    try {
      this.lister ??= new OpenTaskLister(await this.connections.gateway(this.spec.connection), this.spec.domain, { maxExecutions: readSetting('maxExecutions'), ...(this.spec.filter && { filter: this.spec.filter }) });
      const claims = await this.claims.all();
      const hints: RefreshHints = {
        claimedExecutions: await this.claimedExecutions(),
        shownTaskLists: this.readFirst(),
        // The first load shows rows as histories arrive; later ones keep the rows shown until they end.
        onProgress: (partial) => {
          if (this.disposed || (this.current.kind === 'loaded' && !this.current.partial)) return;
          const shown = this.current.kind === 'loaded' ? this.current.tree : undefined;
          this.setState({ kind: 'loaded', listing: partial, tree: keepShownOrder(shown, buildTaskTree(this.spec, partial, claims)), partial: true });
        },
      };
      const listing = loadMore ? await this.lister.loadMore(undefined, hints) : await this.lister.refresh(undefined, hints);
      if (this.disposed) return;
      await this.show(listing);
    } catch (error) {
      if (this.disposed) return;
      const info = describeSwfError(error);
      // A stopped sandbox is a state the root shows (not running, with Start), not a failure.
      if (info.kind === 'sandboxStopped') this.log.info(`${this.label}: ${errorMessage(info)}`);
      else this.log.error(`Loading ${this.label} failed: ${errorMessage(info)}`);
      // A failed refresh keeps the last good rows (under a warning): a passing 503 must not blank a person's tasks.
      // A stopped sandbox took its tasks with it: there is nothing left to show.
      const keep = this.current.kind === 'loaded' && info.kind !== 'sandboxStopped';
      this.setState(keep && this.current.kind === 'loaded' ? { ...this.current, refreshError: error } : { kind: 'failed', error });
    }
  }

  /** A complete listing: prunes the claims it shows closed, then shows its rows. */
  private async show(listing: TaskListing): Promise<void> {
    // Evidence from this root's own connection: its claims whose tasks this read shows closed.
    const pruned = await this.claims.prune(this.spec.connection, this.spec.domain, (claim) => claimStillOpen(listing, claim));
    for (const claim of pruned) this.log.info(`Claimed task ${claim.activityId} of ${claim.workflowId} is no longer open in ${this.label}; forgot its token.`);
    if (this.disposed) return;
    const tree = buildTaskTree(this.spec, listing, await this.claims.all());
    const { stats } = listing;
    this.log.debug(
      `Refreshed ${this.label}: ${tree.taskCount} open tasks in ${stats.executionsListed} executions; ` +
        `${stats.historyCalls} history calls (${stats.historiesReadInFull} full, ${stats.historiesReadIncrementally} incremental), ${stats.eventsRead} events read` +
        `${stats.throttled > 0 ? `; ${stats.throttled} throttled, kept as they were` : ''}.`,
    );
    this.setState({ kind: 'loaded', listing, tree });
  }

  /** The view collapsed or expanded a task list's group: the executions of expanded groups are read before the rest. */
  setTaskListCollapsed(taskList: string, collapsed: boolean): void {
    if (collapsed) this.collapsedTaskLists.add(taskList);
    else this.collapsedTaskLists.delete(taskList);
  }

  /** The task lists whose executions the next load reads first: the one a Refresh was asked on, else every group not collapsed. */
  private readFirst(): ReadonlySet<string> {
    if (this.firstTaskLists.size > 0) {
      const asked = new Set(this.firstTaskLists);
      this.firstTaskLists.clear();
      return asked;
    }
    return new Set((this.tree?.groups ?? []).map((g) => g.name).filter((name) => !this.collapsedTaskLists.has(name)));
  }

  /** Claims changed (claimed, answered, dropped): rebuild the rows from the last listing, without reading SWF. */
  private reshow(claims: readonly ClaimedTask[]): void {
    if (this.current.kind !== 'loaded') return;
    this.setState({ ...this.current, tree: buildTaskTree(this.spec, this.current.listing, claims) });
  }

  private setState(state: RootState): void {
    this.current = state;
    this.fire();
  }

  private fire(): void {
    if (!this.disposed) this.changed.fire();
  }

  dispose(): void {
    this.disposed = true;
    clearInterval(this.timer);
    clearInterval(this.claimedTimer);
    this.changed.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
