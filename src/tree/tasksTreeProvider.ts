/**
 * The "Open Tasks" view: renders the roots (watched domains on their
 * connections) and, under each, its task lists and tasks, from the root
 * models. It reads nothing from SWF itself.
 *
 * A loading root shows the view's progress bar; a failure becomes an error
 * row with Retry, an empty domain a placeholder, never a silent blank. The
 * badge counts open tasks over every root; claims on domains no root
 * watches any more get a node of their own, so a kept claim stays in sight.
 *
 * Time left before each task's next timeout is computed at render time, so
 * while the view is visible the rows whose time left is running are
 * re-rendered on a timer (every 15 s, every second while one is under a
 * minute; see `renderDelayMs`), and a claim's row when its heartbeat lands.
 * None of that reads SWF.
 */
import * as vscode from 'vscode';
import { Commands, Views } from '../ids';
import type { RootModel } from '../model/rootModel';
import type { RootsModel } from '../model/roots';
import type { ClaimedTask, ClaimStore } from '../claims/claims';
import { renderDelayMs, taskDeadlines } from '../inbox/deadlines';
import { describeSwfError } from '../swf/errors';
import { filterTaskTree, type TaskListGroup, type TaskRow, type TaskTree, unwatchedClaimRows } from '../inbox/taskGroups';
import {
  GROUP_STALE_AFTER_MS,
  type LoadMoreNode,
  loadMoreItem,
  messageItem,
  type RootNode,
  rootItem,
  taskItem,
  taskListItem,
  type TasksNode,
  type UnwatchedClaimsNode,
  taskRowId,
  unwatchedClaimsItem,
} from './treeItems';

/** Rows of one task list shown before its "Load More" row. */
export const ROWS_PER_PAGE = 100;
/** How often a stale task list's "updated … ago" is re-rendered. */
const FRESHNESS_RENDER_MS = 30_000;

/** What the view needs of the claim keeper: when each claim was last beaten, which claims are gone, and when that changes. */
export interface ClaimBeats {
  lastBeatAt(taskToken: string): Date | undefined;
  readonly onDidBeat: vscode.Event<ClaimedTask>;
  /** A claim nothing can answer any more (its local sandbox is not running). */
  isGone(claim: ClaimedTask): boolean;
  readonly onDidTrack: vscode.Event<void>;
}

export class TasksTreeProvider implements vscode.TreeDataProvider<TasksNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TasksNode | TasksNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  private view: vscode.TreeView<TasksNode> | undefined;
  /** Rows shown per task list, by root and list: the view's own paging. */
  private readonly shownRows = new Map<string, number>();
  private claims: readonly ClaimedTask[] = [];
  /** Kept between renders so the same row objects can be re-rendered on their own (and revealed). */
  private unwatched: UnwatchedClaimsNode | undefined;
  private progress: Promise<void> | undefined;
  private renderTimer: ReturnType<typeof setTimeout> | undefined;
  private freshnessTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly roots: RootsModel,
    claimStore: ClaimStore,
    private readonly beats?: ClaimBeats,
  ) {
    this.subscriptions.push(
      roots.onDidChangeRoots(() => this.update()),
      roots.onDidChangeRoot((model) => {
        if (model.state.kind !== 'loaded') this.forgetPages(model.id);
        this.showProgress(model);
        this.update();
      }),
      roots.onDidChangeFilter(() => this.update()),
      claimStore.onDidChange((all) => {
        this.claims = all;
        this.update();
      }),
    );
    if (beats) {
      this.subscriptions.push(
        beats.onDidBeat((claim) => {
          const rows = this.allTasks().filter((r) => r.claim?.taskToken === claim.taskToken);
          if (rows.length > 0) this.changed.fire(rows);
          this.scheduleRender();
        }),
        beats.onDidTrack(() => this.update()),
      );
    }
    void claimStore.all().then((all) => {
      this.claims = all;
      this.update();
    });
  }

  /** Connects the view: its badge and message, and auto-refresh while it is visible. */
  attach(view: vscode.TreeView<TasksNode>): vscode.Disposable {
    this.view = view;
    let watching = view.visible ? this.roots.watch() : undefined;
    this.updateBadgeAndMessage();
    this.scheduleRender();
    const visibility = view.onDidChangeVisibility((e) => {
      watching?.dispose();
      watching = e.visible ? this.roots.watch() : undefined;
      // Coming back into sight: time left moved on while hidden.
      const rows = this.allTasks();
      if (e.visible && rows.length > 0) this.changed.fire(rows);
      this.scheduleRender();
    });
    // Expanded groups are read first (their executions' rows are in sight).
    const collapsing = (collapsed: boolean) => (e: vscode.TreeViewExpansionEvent<TasksNode>) => {
      if (e.element.kind === 'taskList') this.roots.find(e.element.root)?.setTaskListCollapsed(e.element.name, collapsed);
    };
    const collapse = view.onDidCollapseElement(collapsing(true));
    const expand = view.onDidExpandElement(collapsing(false));
    return new vscode.Disposable(() => {
      collapse.dispose();
      expand.dispose();
      visibility.dispose();
      watching?.dispose();
      clearTimeout(this.renderTimer);
      clearTimeout(this.freshnessTimer);
    });
  }

  /** Shows a task row (given, or by its id: `taskRowId`): expands its parents, selects and focuses it. */
  async revealTask(row: TaskRow | string): Promise<void> {
    if (!this.view) throw new Error('The Open Tasks view is not open.');
    const shown = typeof row === 'string' ? this.shownRow(row) : row;
    if (shown) await this.view.reveal(shown, { select: true, focus: true, expand: true });
  }

  /** The row the tree holds now with this id, under a root or under the unwatched claims. */
  private shownRow(id: string): TaskRow | undefined {
    const rows = [...this.roots.roots.flatMap((m) => m.tree?.groups.flatMap((g) => g.tasks) ?? []), ...(this.unwatched?.rows ?? [])];
    return rows.find((r) => taskRowId(r) === id);
  }

  /** Shows the next page of a task list. */
  showMoreRows(node: LoadMoreNode): void {
    if (node.scope === 'executions') return;
    const key = pageKey(node.rootId, node.scope.taskList);
    this.shownRows.set(key, (this.shownRows.get(key) ?? ROWS_PER_PAGE) + ROWS_PER_PAGE);
    this.changed.fire(undefined);
  }

  getTreeItem(node: TasksNode): vscode.TreeItem {
    switch (node.kind) {
      case 'root': {
        const model = this.roots.get(node.rootId);
        return model ? rootItem(model) : new vscode.TreeItem(node.rootId);
      }
      case 'unwatchedClaims':
        return unwatchedClaimsItem(node);
      case 'taskList':
        return taskListItem(node);
      case 'task':
        return taskItem(node, new Date(), node.claim && this.beats?.lastBeatAt(node.claim.taskToken));
      case 'message':
        return messageItem(node);
      case 'loadMore':
        return loadMoreItem(node);
    }
  }

  getChildren(node?: TasksNode): TasksNode[] {
    if (!node) return this.topRows();
    switch (node.kind) {
      case 'root': {
        const model = this.roots.get(node.rootId);
        return model ? this.rootRows(model) : [];
      }
      case 'unwatchedClaims':
        return node.rows;
      case 'taskList':
        return this.rowsOf(node);
      default:
        return [];
    }
  }

  getParent(node: TasksNode): TasksNode | undefined {
    switch (node.kind) {
      case 'taskList':
      case 'loadMore':
        return this.rootNodeOf(node.kind === 'taskList' ? this.roots.find(node.root)?.id : node.rootId);
      case 'message':
        return this.rootNodeOf(node.rootId);
      case 'task': {
        const model = this.roots.find(node.root);
        const group = model?.tree?.groups.find((g) => g.name === node.task.taskList);
        if (group) return group;
        return model ? undefined : this.unwatched;
      }
      default:
        return undefined;
    }
  }

  private rootNodeOf(id: string | undefined): RootNode | undefined {
    return id !== undefined && this.roots.get(id) ? { kind: 'root', rootId: id } : undefined;
  }

  private topRows(): TasksNode[] {
    const rows: TasksNode[] = this.roots.roots.map((m): RootNode => ({ kind: 'root', rootId: m.id }));
    if (this.unwatched) rows.push(this.unwatched);
    return rows;
  }

  /** Claims that can still be answered: the gone ones are shown apart and counted nowhere. */
  private liveClaims(): readonly ClaimedTask[] {
    return this.beats ? this.claims.filter((c) => !this.beats?.isGone(c)) : this.claims;
  }

  private unwatchedNode(): UnwatchedClaimsNode | undefined {
    const rows = unwatchedClaimRows(this.roots.roots.map((m) => m.spec), this.liveClaims());
    return rows.length > 0 ? { kind: 'unwatchedClaims', rows } : undefined;
  }

  private rootRows(model: RootModel): TasksNode[] {
    const state = model.state;
    const retry = { command: Commands.refresh, title: vscode.l10n.t('Retry'), arguments: [{ kind: 'root', rootId: model.id } satisfies RootNode] };
    switch (state.kind) {
      case 'idle':
      case 'loading':
        return [{ kind: 'message', rootId: model.id, severity: 'info', label: vscode.l10n.t('Loading open activity tasks…') }];
      case 'failed': {
        const info = describeSwfError(state.error, { domain: model.spec.domain });
        if (info.kind === 'sandboxStopped') return this.stoppedSandboxRows(model);
        return [{ kind: 'message', rootId: model.id, severity: 'error', label: info.title, detail: info.detail, command: retry }];
      }
      case 'loaded': {
        const rows = this.loadedRows(model, state.listing.executions.length, state.listing.hasMore, state.tree, retry);
        if (state.refreshError === undefined) return rows;
        const info = describeSwfError(state.refreshError, { domain: model.spec.domain });
        const asOf = state.listing.readStartedAt.toLocaleTimeString();
        return [{ kind: 'message', rootId: model.id, severity: 'warning', label: vscode.l10n.t('Refresh failed: {0}. Showing the tasks as of {1}.', info.title, asOf), detail: info.detail, command: retry }, ...rows];
      }
    }
  }

  /**
   * A sandbox root while no sandbox runs here (stopped, or never started in
   * this window: a reload ends it): not a failure, an offer to start it, and
   * the claims made on an earlier sandbox, shown as gone.
   */
  private stoppedSandboxRows(model: RootModel): TasksNode[] {
    const rows: TasksNode[] = [
      {
        kind: 'message',
        rootId: model.id,
        severity: 'info',
        icon: 'debug-start',
        label: vscode.l10n.t('The local SWF sandbox is not running'),
        detail: vscode.l10n.t('The sandbox runs inside this VS Code window and keeps everything in memory: stopping it or reloading the window ends it. Start Local Sandbox starts a new one with fresh sample workflows.'),
        command: { command: Commands.startSandbox, title: vscode.l10n.t('Start Local Sandbox') },
      },
    ];
    const gone = this.claims.filter((c) => c.domain === model.spec.domain && c.connection.kind === 'sandbox' && this.beats?.isGone(c));
    for (const claim of gone) {
      rows.push({
        kind: 'message',
        rootId: model.id,
        severity: 'info',
        icon: 'circle-slash',
        // What tells it apart (the activity ID) first, then the word that must survive a narrow side bar.
        label: vscode.l10n.t('{0} · gone with its sandbox · {1}', claim.activityId, claim.workflowId),
        detail: vscode.l10n.t('You claimed this task on a local sandbox that no longer runs. The task, its execution and its token went with that sandbox: nothing can answer it, and it is not counted as claimed. Start Local Sandbox forgets it.'),
      });
    }
    return rows;
  }

  private loadedRows(model: RootModel, executionsRead: number, hasMore: boolean, tree: TaskTree, retry: vscode.Command): TasksNode[] {
    const shown = filterTaskTree(tree, this.roots.filter);
    const rows: TasksNode[] = [];
    if (tree.executionErrors.length > 0) {
      const first = describeSwfError(tree.executionErrors[0].error, { domain: model.spec.domain });
      const count = tree.executionErrors.length;
      rows.push({
        kind: 'message',
        rootId: model.id,
        severity: 'warning',
        label: count === 1 ? vscode.l10n.t('One execution history could not be read: {0}', first.title) : vscode.l10n.t('{0} execution histories could not be read: {1}', count, first.title),
        detail: `${first.detail}\n${vscode.l10n.t('First: {0}', tree.executionErrors[0].workflowId)}`,
        command: retry,
      });
    }
    if (tree.groups.length > 0 && shown.groups.length === 0) {
      rows.push({ kind: 'message', rootId: model.id, severity: 'info', label: vscode.l10n.t('No open task matches "{0}"', this.roots.filter), command: { command: Commands.clearFilter, title: vscode.l10n.t('Clear Filter') } });
    }
    if (tree.groups.length === 0) {
      rows.push({
        kind: 'message',
        rootId: model.id,
        severity: 'info',
        label: executionsRead === 0 ? vscode.l10n.t('No open executions in {0}', model.spec.domain) : vscode.l10n.t('No open activity tasks in {0} open executions', executionsRead),
        command: { ...retry, title: vscode.l10n.t('Refresh') },
      });
    }
    rows.push(...shown.groups);
    if (hasMore) rows.push({ kind: 'loadMore', rootId: model.id, scope: 'executions', label: vscode.l10n.t('Load more executions ({0} read)', executionsRead) });
    return rows;
  }

  private rowsOf(group: TaskListGroup): TasksNode[] {
    const rootId = this.roots.find(group.root)?.id;
    if (rootId === undefined) return group.tasks;
    const shown = this.shownRows.get(pageKey(rootId, group.name)) ?? ROWS_PER_PAGE;
    const rows: TasksNode[] = group.tasks.slice(0, shown);
    if (group.tasks.length > shown) {
      rows.push({ kind: 'loadMore', rootId, scope: { taskList: group.name }, label: vscode.l10n.t('Load more ({0} of {1} shown)', shown, group.tasks.length) });
    }
    return rows;
  }

  /** All open tasks shown, every root and the unwatched claims: what the badge counts. */
  private allTasks(): TaskRow[] {
    const rows = this.roots.roots.flatMap((m) => m.tree?.groups.flatMap((g) => g.tasks) ?? []);
    return [...rows, ...(this.unwatched?.rows ?? [])];
  }

  private update(): void {
    this.unwatched = this.unwatchedNode();
    this.updateBadgeAndMessage();
    this.changed.fire(undefined);
    this.scheduleRender();
  }

  /**
   * Re-renders the rows whose time left is running, when the first of them
   * would show a different text or icon. Only while the view is visible:
   * it renders again when it comes back.
   */
  private scheduleRender(fromTick = false): void {
    clearTimeout(this.renderTimer);
    this.renderTimer = undefined;
    // Not on its own ticks (every 1-15 s): rescheduling there would put off a stale group's 30 s re-render for ever.
    if (!fromTick) this.scheduleFreshness();
    if (!this.view?.visible) return;
    const now = new Date();
    const running = this.allTasks().flatMap((row) => {
      const next = taskDeadlines(row, now, row.claim && this.beats?.lastBeatAt(row.claim.taskToken)).next;
      return next && next.msLeft > 0 ? [{ row, msLeft: next.msLeft }] : [];
    });
    const delay = renderDelayMs(running.map((r) => r.msLeft));
    if (delay === undefined) return;
    this.renderTimer = setTimeout(() => {
      this.renderTimer = undefined;
      this.changed.fire(running.map((r) => r.row));
      this.scheduleRender(true);
    }, delay);
  }

  /**
   * Re-renders the tree when a task list's "updated … ago" would change: as a
   * group passes GROUP_STALE_AFTER_MS since its oldest read, then every 30 s
   * while one is past it. A domain read faster than that never triggers it.
   */
  private scheduleFreshness(): void {
    clearTimeout(this.freshnessTimer);
    this.freshnessTimer = undefined;
    if (!this.view?.visible) return;
    const now = Date.now();
    const waits = this.roots.roots.flatMap((m) => m.tree?.groups ?? []).flatMap((g) => {
      if (g.readAt === undefined) return [];
      const staleIn = g.readAt + GROUP_STALE_AFTER_MS - now;
      return [staleIn > 0 ? staleIn + 1 : FRESHNESS_RENDER_MS];
    });
    if (waits.length === 0) return;
    this.freshnessTimer = setTimeout(() => {
      this.freshnessTimer = undefined;
      this.changed.fire(undefined);
      this.scheduleFreshness();
    }, Math.min(...waits));
  }

  private updateBadgeAndMessage(): void {
    if (!this.view) return;
    const all = this.allTasks();
    this.view.badge = all.length > 0 ? { value: all.length, tooltip: vscode.l10n.t('{0} open activity tasks', all.length) } : undefined;
    const filter = this.roots.filter;
    if (filter && all.length > 0) {
      const matching = this.roots.roots.reduce((n, m) => n + (m.tree ? filterTaskTree(m.tree, filter).taskCount : 0), 0);
      this.view.message = vscode.l10n.t('Filter "{0}": {1} of {2} tasks.', filter, matching, all.length);
    } else {
      this.view.message = undefined;
    }
  }

  /** The view's progress bar while any root loads. */
  private showProgress(model: RootModel): void {
    if (!model.loading || this.progress) return;
    this.progress = Promise.resolve(
      vscode.window.withProgress({ location: { viewId: Views.tasks } }, async () => {
        while (this.roots.roots.some((m) => m.loading)) await Promise.all(this.roots.roots.map((m) => m.whenIdle()));
      }),
    ).finally(() => (this.progress = undefined));
  }

  private forgetPages(rootId: string): void {
    for (const key of [...this.shownRows.keys()]) if (key.startsWith(`${rootId}\u0000`)) this.shownRows.delete(key);
  }

  dispose(): void {
    clearTimeout(this.renderTimer);
    clearTimeout(this.freshnessTimer);
    this.changed.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

function pageKey(rootId: string, taskList: string): string {
  return `${rootId}\u0000${taskList}`;
}
