/**
 * The "Open Tasks" view: loads the selected domain's open tasks
 * through the session and shows them grouped by task list.
 *
 * Loading shows the view's progress bar; a failure becomes an error row with
 * a retry, an empty domain a placeholder row, never a silent blank. The badge
 * counts open tasks; the description names the domain and the connection.
 */
import * as vscode from 'vscode';
import type { SwfSession } from '../session/session';
import { describeSwfError, errorMessage } from '../swf/errors';
import type { ExecutionSummary } from '../swf/gateway';
import type { TaskListing } from '../swf/taskLister';
import { buildTaskTree, claimStillOpen, filterTaskTree, type TaskListGroup, type TaskTree } from './taskGroups';
import { type LoadMoreNode, loadMoreItem, type MessageNode, messageItem, taskItem, taskListItem, type TasksNode } from './treeItems';

export const VIEW_ID = 'swfTasks';
/** Rows of one task list shown before its "Load More" row. */
export const ROWS_PER_PAGE = 100;

type ViewState =
  | { kind: 'noDomain' }
  | { kind: 'loading' }
  | { kind: 'loaded'; listing: TaskListing; tree: TaskTree }
  | { kind: 'failed'; error: unknown };

export class TasksTreeProvider implements vscode.TreeDataProvider<TasksNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TasksNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly loaded = new vscode.EventEmitter<TaskTree>();
  /** Fires after each successful load, with the new tree. */
  readonly onDidLoad = this.loaded.event;

  private state: ViewState = { kind: 'noDomain' };
  private view: vscode.TreeView<TasksNode> | undefined;
  private readonly shownRows = new Map<string, number>();
  private running: Promise<void> | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private rerun = false;
  /** A Load More that arrives during a load is kept for the load after it. */
  private loadMoreRequested = false;

  constructor(
    private readonly session: SwfSession,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Connects the view, and refreshes it on a timer while it is visible (`swfTasks.autoRefreshSeconds`). */
  attach(view: vscode.TreeView<TasksNode>): vscode.Disposable {
    this.view = view;
    const restart = (): void => {
      clearInterval(this.timer);
      this.timer = undefined;
      const seconds = vscode.workspace.getConfiguration('swfTasks').get<number>('autoRefreshSeconds', 60);
      if (view.visible && seconds > 0) this.timer = setInterval(() => void this.refresh(), seconds * 1000);
    };
    restart();
    return vscode.Disposable.from(
      view.onDidChangeVisibility(restart),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('swfTasks.autoRefreshSeconds') && restart()),
      { dispose: () => clearInterval(this.timer) },
    );
  }

  /** The last loaded tree, for commands and tests. */
  get current(): TaskTree | undefined {
    return this.state.kind === 'loaded' ? this.state.tree : undefined;
  }

  /** The open executions the last load read, with or without open tasks. */
  get executions(): readonly ExecutionSummary[] {
    return this.state.kind === 'loaded' ? this.state.listing.executions.map((e) => e.execution) : [];
  }

  get lastError(): unknown {
    return this.state.kind === 'failed' ? this.state.error : undefined;
  }

  /**
   * Reloads the tree. Calls made while a load runs are folded into one more
   * load after it, so a burst of changes costs two loads, not one each.
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
        } while (this.rerun);
      } finally {
        this.running = undefined;
      }
    };
    this.running = run();
    return this.running;
  }

  private async load(loadMore: boolean): Promise<void> {
    const domain = this.session.domain;
    await this.updateDescription();
    if (!domain) {
      this.setState({ kind: 'noDomain' });
      return;
    }
    if (this.state.kind !== 'loaded') this.setState({ kind: 'loading' });
    await vscode.window.withProgress({ location: { viewId: VIEW_ID } }, async () => {
      try {
        const lister = await this.session.getLister();
        if (!lister) return;
        const listing = loadMore ? await lister.loadMore() : await lister.refresh();
        const pruned = await this.session.claims.prune(domain, (claim) => claimStillOpen(listing, claim));
        for (const claim of pruned) this.log.info(`Claimed task ${claim.activityId} of ${claim.workflowId} is no longer open; forgot its token.`);
        const tree = buildTaskTree(listing, await this.session.claims.all());
        const { stats } = listing;
        this.log.debug(
          `Refreshed ${domain}: ${tree.taskCount} open tasks in ${stats.executionsListed} executions; ` +
            `${stats.historyCalls} history calls (${stats.historiesReadInFull} full, ${stats.historiesReadIncrementally} incremental), ${stats.eventsRead} events read.`,
        );
        this.setState({ kind: 'loaded', listing, tree });
        this.loaded.fire(tree);
      } catch (error) {
        const info = describeSwfError(error, this.session.errorContext('ListOpenWorkflowExecutions'));
        this.log.error(`Loading ${domain} failed: ${errorMessage(info)}`);
        this.setState({ kind: 'failed', error });
      }
    });
  }

  private setState(state: ViewState): void {
    this.state = state;
    if (state.kind !== 'loaded') this.shownRows.clear();
    this.updateBadgeAndMessage();
    this.changed.fire(undefined);
  }

  private async updateDescription(): Promise<void> {
    if (!this.view) return;
    const domain = this.session.domain;
    const connection = await this.session.describe().catch(() => '');
    this.view.description = domain ? `${domain} · ${connection}` : connection;
  }

  private updateBadgeAndMessage(): void {
    if (!this.view) return;
    const tree = this.current;
    this.view.badge = tree && tree.taskCount > 0 ? { value: tree.taskCount, tooltip: `${tree.taskCount} open activity tasks` } : undefined;
    const notes: string[] = [];
    const filter = this.session.taskFilter;
    if (tree && filter) notes.push(`Filter "${filter}": ${filterTaskTree(tree, filter).taskCount} of ${tree.taskCount} tasks.`);
    if (this.state.kind === 'loaded' && this.state.listing.hasMore) notes.push(`Showing the tasks of the first ${this.state.listing.executions.length} open executions.`);
    this.view.message = notes.length ? notes.join(' ') : undefined;
  }

  /** Shows the loaded tree through the session's current filter; reads nothing from SWF. */
  applyFilter(): void {
    this.updateBadgeAndMessage();
    this.changed.fire(undefined);
  }

  /** Shows the next page of a task list, or reads more executions. */
  async loadMore(node: LoadMoreNode): Promise<void> {
    if (node.scope === 'executions') {
      await this.refresh(true);
      return;
    }
    const shown = this.shownRows.get(node.scope.taskList) ?? ROWS_PER_PAGE;
    this.shownRows.set(node.scope.taskList, shown + ROWS_PER_PAGE);
    this.changed.fire(undefined);
  }

  getTreeItem(node: TasksNode): vscode.TreeItem {
    switch (node.kind) {
      case 'taskList':
        return taskListItem(node);
      case 'task':
        return taskItem(node);
      case 'message':
        return messageItem(node);
      case 'loadMore':
        return loadMoreItem(node);
    }
  }

  getChildren(node?: TasksNode): TasksNode[] {
    if (node) return node.kind === 'taskList' ? this.rowsOf(node) : [];
    switch (this.state.kind) {
      case 'noDomain':
        return []; // the view's welcome content takes over
      case 'loading':
        return [{ kind: 'message', severity: 'info', label: 'Loading open activity tasks…' }];
      case 'failed':
        return [this.errorRow(this.state.error)];
      case 'loaded':
        return this.rootRows(this.state.listing, this.state.tree, filterTaskTree(this.state.tree, this.session.taskFilter));
    }
  }

  getParent(node: TasksNode): TasksNode | undefined {
    if (node.kind !== 'task' || !this.current) return undefined;
    return this.current.groups.find((g) => g.name === node.task.taskList);
  }

  private rootRows(listing: TaskListing, tree: TaskTree, shown: TaskTree): TasksNode[] {
    const rows: TasksNode[] = [];
    if (tree.executionErrors.length > 0) {
      const first = describeSwfError(tree.executionErrors[0].error, this.session.errorContext('GetWorkflowExecutionHistory'));
      rows.push({
        kind: 'message',
        severity: 'warning',
        label: `${tree.executionErrors.length === 1 ? 'One execution history' : `${tree.executionErrors.length} execution histories`} could not be read: ${first.title}`,
        detail: `${first.detail}\nFirst: ${tree.executionErrors[0].workflowId}`,
        command: { command: 'swfTasks.refresh', title: 'Retry' },
      });
    }
    if (tree.groups.length > 0 && shown.groups.length === 0) {
      rows.push({ kind: 'message', severity: 'info', label: `No open task matches "${this.session.taskFilter}"`, command: { command: 'swfTasks.clearFilter', title: 'Clear Filter' } });
    }
    if (tree.groups.length === 0) {
      rows.push({
        kind: 'message',
        severity: 'info',
        label: listing.executions.length === 0 ? `No open executions in ${listing.domain}` : `No open activity tasks in ${listing.executions.length} open executions`,
        command: { command: 'swfTasks.refresh', title: 'Refresh' },
      });
    }
    rows.push(...shown.groups);
    if (listing.hasMore) rows.push({ kind: 'loadMore', scope: 'executions', label: `Load more executions (${listing.executions.length} read)` });
    return rows;
  }

  private rowsOf(group: TaskListGroup): TasksNode[] {
    const shown = this.shownRows.get(group.name) ?? ROWS_PER_PAGE;
    const rows: TasksNode[] = group.tasks.slice(0, shown);
    if (group.tasks.length > shown) rows.push({ kind: 'loadMore', scope: { taskList: group.name }, label: `Load more (${shown} of ${group.tasks.length} shown)` });
    return rows;
  }

  private errorRow(error: unknown): MessageNode {
    const info = describeSwfError(error, this.session.errorContext('ListOpenWorkflowExecutions'));
    return {
      kind: 'message',
      severity: 'error',
      label: info.title,
      detail: info.detail,
      command: { command: 'swfTasks.refresh', title: 'Retry' },
    };
  }

  dispose(): void {
    this.changed.dispose();
    this.loaded.dispose();
  }
}
