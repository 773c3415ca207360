/**
 * One watched domain on one connection (a root of the tree): its lister, its
 * load loop, its auto-refresh and the pruning of its claims. Views subscribe
 * to `onDidChange` and render `state`; the badge, the tree and any later view
 * share one model, so they never read SWF twice.
 */
import * as vscode from 'vscode';
import { type RootSpec, rootId, rootLabel } from '../connection/connection';
import type { ClaimedTask, ClaimStore } from '../swf/claims';
import { describeSwfError, errorMessage } from '../swf/errors';
import type { ExecutionSummary } from '../swf/gateway';
import { OpenTaskLister, type TaskListing } from '../swf/taskLister';
import { buildTaskTree, claimStillOpen, type TaskTree } from '../swf/taskGroups';
import { readSetting } from './config';
import type { Connections } from './connections';

export type RootState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  /** `refreshError`: the last refresh failed; the tasks are those of the last good read (`listing.readStartedAt`). */
  | { kind: 'loaded'; listing: TaskListing; tree: TaskTree; refreshError?: unknown }
  | { kind: 'failed'; error: unknown };

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
  refresh(loadMore = false): Promise<void> {
    if (loadMore) this.loadMoreRequested = true;
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

  /** Refreshes every `seconds` (0: never) while `active`; the views say whether anyone is looking. */
  setAutoRefresh(seconds: number, active: boolean): void {
    clearInterval(this.timer);
    this.timer = undefined;
    if (active && seconds > 0 && !this.disposed) this.timer = setInterval(() => void this.refresh(), seconds * 1000);
  }

  private async load(loadMore: boolean): Promise<void> {
    if (this.current.kind !== 'loaded') this.setState({ kind: 'loading' });
    try {
      this.lister ??= new OpenTaskLister(await this.connections.gateway(this.spec.connection), this.spec.domain, { maxExecutions: readSetting('maxExecutions') });
      const listing = loadMore ? await this.lister.loadMore() : await this.lister.refresh();
      if (this.disposed) return;
      // Evidence from this root's own connection: its claims whose tasks this read shows closed.
      const pruned = await this.claims.prune(this.spec.connection, this.spec.domain, (claim) => claimStillOpen(listing, claim));
      for (const claim of pruned) this.log.info(`Claimed task ${claim.activityId} of ${claim.workflowId} is no longer open in ${this.label}; forgot its token.`);
      const tree = buildTaskTree(this.spec, listing, await this.claims.all());
      const { stats } = listing;
      this.log.debug(
        `Refreshed ${this.label}: ${tree.taskCount} open tasks in ${stats.executionsListed} executions; ` +
          `${stats.historyCalls} history calls (${stats.historiesReadInFull} full, ${stats.historiesReadIncrementally} incremental), ${stats.eventsRead} events read.`,
      );
      this.setState({ kind: 'loaded', listing, tree });
    } catch (error) {
      if (this.disposed) return;
      const info = describeSwfError(error);
      this.log.error(`Loading ${this.label} failed: ${errorMessage(info)}`);
      // A failed refresh keeps the last good rows (under a warning): a passing 503 must not blank a person's tasks.
      // A stopped sandbox took its tasks with it: there is nothing left to show.
      const keep = this.current.kind === 'loaded' && info.kind !== 'sandboxStopped';
      this.setState(keep && this.current.kind === 'loaded' ? { ...this.current, refreshError: error } : { kind: 'failed', error });
    }
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
    this.changed.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
