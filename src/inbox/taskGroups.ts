/**
 * Shapes a listing into the tree's rows: task lists, then their tasks.
 *
 * Why task lists first: a task list is what a worker polls and what
 * "Claim Next Task" acts on, and it is how people split work across teams
 * (payments, shipping, ...). Each task row carries its workflow ID, so the
 * execution is one glance away. Within a list, tasks we claimed come first
 * (they are waiting on us), then those started elsewhere, then those still
 * waiting, oldest first.
 *
 * No `vscode` import: the grouping is unit-tested in plain Node.
 */
import { t } from '@vscode/l10n';
import { type RootSpec, rootId } from '../connection/connection';
import type { ClaimedTask } from '../claims/claims';
import { executionKey, type OpenActivityTask } from '../history/openTasks';
import type { TaskListing } from '../swf/taskLister';

export type TaskRowState = 'scheduled' | 'started' | 'claimed';

/**
 * A task row carries the domain and connection it came from, so a command
 * given the row acts there, whatever else the tree shows. A claim's row
 * carries the claim's own connection, also when no root watches it.
 */
export interface TaskRow {
  kind: 'task';
  root: RootSpec;
  task: OpenActivityTask;
  state: TaskRowState;
  claim?: ClaimedTask;
}

/** Commands get tree nodes as `unknown` arguments (menus pass them; the palette passes nothing). */
export function isTaskRow(value: unknown): value is TaskRow {
  return typeof value === 'object' && value !== null && (value as TaskRow).kind === 'task';
}

/**
 * One workflow execution on one root: what the execution commands (Open
 * Execution, Signal, Request Cancel, Terminate, Show Execution History) act
 * on, passed by the execution panel and by a task row's menus.
 */
export interface ExecutionTarget {
  kind: 'execution';
  root: RootSpec;
  workflowId: string;
  runId: string;
}

export function isExecutionTarget(value: unknown): value is ExecutionTarget {
  const v = value as Partial<ExecutionTarget> | null;
  return typeof v === 'object' && v !== null && v.kind === 'execution' && typeof v.workflowId === 'string' && typeof v.runId === 'string' && typeof v.root === 'object';
}

export function isTaskListGroup(value: unknown): value is TaskListGroup {
  return typeof value === 'object' && value !== null && (value as TaskListGroup).kind === 'taskList';
}

/** How a task is named in messages: `ChargeCard "charge-order-1005" of order-1005`. */
export function describeTask(task: { activityType: { name: string }; activityId: string; workflowId: string }): string {
  return t('{0} "{1}" of {2}', task.activityType.name, task.activityId, task.workflowId);
}

export interface TaskListGroup {
  kind: 'taskList';
  root: RootSpec;
  name: string;
  tasks: TaskRow[];
  /** The oldest last read of the histories its rows come from (ms since the epoch): how fresh the group is. */
  readAt?: number;
}

export interface ExecutionError {
  workflowId: string;
  runId: string;
  error: unknown;
}

export interface TaskTree {
  groups: TaskListGroup[];
  taskCount: number;
  claimedCount: number;
  executionErrors: ExecutionError[];
}

const STATE_ORDER: Record<TaskRowState, number> = { claimed: 0, started: 1, scheduled: 2 };

/**
 * Merges the listing with our claims. A claim whose execution was read is
 * shown on its task; a claim whose execution was not read (past the Load More
 * limit) is still shown, from what was recorded when it was claimed.
 */
export function buildTaskTree(root: RootSpec, listing: TaskListing, claims: readonly ClaimedTask[]): TaskTree {
  const domainClaims = claimsOf(root, claims);
  const claimOf = (task: OpenActivityTask): ClaimedTask | undefined =>
    task.state === 'started' ? domainClaims.find((c) => sameTask(c, task)) : undefined;

  const rows: TaskRow[] = listing.tasks.map((task) => {
    const claim = claimOf(task);
    return { kind: 'task', root, task, state: claim ? 'claimed' : task.state, claim };
  });

  const readExecutions = new Set(listing.executions.map((e) => executionKey(e.execution)));
  for (const claim of domainClaims) {
    if (!readExecutions.has(executionKey(claim))) rows.push(claimRow(root, claim));
  }
  const readAt = new Map(listing.executions.map((e) => [executionKey(e.execution), e.readAt]));
  return groupRows(root, rows, listing.executions.filter((e) => e.error !== undefined).map((e) => ({ ...e.execution, error: e.error })), readAt);
}

/**
 * `next` with the rows and groups `previous` showed kept in the order they
 * were shown, and what is new placed after them (in `next`'s order): while a
 * first load fills in, rows arriving from later histories go below the ones
 * a person is looking at instead of pushing them down. The load's complete
 * tree is shown sorted, once.
 */
export function keepShownOrder(previous: TaskTree | undefined, next: TaskTree): TaskTree {
  if (!previous) return next;
  const rowKey = (row: TaskRow) => `${row.task.workflowId}|${row.task.runId}|${row.task.scheduledEventId}`;
  const groupRank = new Map(previous.groups.map((g, i) => [g.name, i]));
  const rowRank = new Map(previous.groups.flatMap((g) => g.tasks.map((r, i) => [rowKey(r), i] as const)));
  const stable = <T>(items: readonly T[], rank: (item: T) => number | undefined): T[] =>
    items
      .map((item, index) => ({ item, index, shown: rank(item) }))
      .sort((a, b) => (a.shown ?? Infinity) - (b.shown ?? Infinity) || a.index - b.index)
      .map((x) => x.item);
  const groups = stable(next.groups, (g) => groupRank.get(g.name)).map((g) => ({ ...g, tasks: stable(g.tasks, (r) => rowRank.get(rowKey(r))) }));
  return { ...next, groups };
}

/**
 * The claims no root watches (their root was removed and the claims kept),
 * as rows built from what was recorded at the claim, each with its own
 * connection and domain.
 */
export function unwatchedClaimRows(watched: readonly RootSpec[], claims: readonly ClaimedTask[]): TaskRow[] {
  const ids = new Set(watched.map(rootId));
  return claims.filter((c) => !ids.has(rootId(c))).map((c) => claimRow({ connection: c.connection, domain: c.domain }, c));
}

function claimsOf(root: RootSpec, claims: readonly ClaimedTask[]): ClaimedTask[] {
  const scope = rootId(root);
  return claims.filter((c) => rootId(c) === scope);
}

function claimRow(root: RootSpec, claim: ClaimedTask): TaskRow {
  return { kind: 'task', root, task: taskFromClaim(claim), state: 'claimed', claim };
}

function groupRows(root: RootSpec, rows: TaskRow[], executionErrors: ExecutionError[], readAt: ReadonlyMap<string, number | undefined> = new Map()): TaskTree {
  const byList = new Map<string, TaskRow[]>();
  for (const row of rows) {
    const list = byList.get(row.task.taskList) ?? [];
    list.push(row);
    byList.set(row.task.taskList, list);
  }
  const groups = [...byList.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, tasks]): TaskListGroup => ({ kind: 'taskList', root, name, tasks: tasks.sort(compareRows), readAt: oldestRead(tasks, readAt) }));

  return {
    groups,
    taskCount: rows.length,
    claimedCount: rows.filter((r) => r.state === 'claimed').length,
    executionErrors,
  };
}

/** The oldest last read among the rows' executions; rows of unread executions (a claim shown from its record) do not count. */
function oldestRead(rows: readonly TaskRow[], readAt: ReadonlyMap<string, number | undefined>): number | undefined {
  let oldest: number | undefined;
  for (const row of rows) {
    const at = readAt.get(executionKey(row.task));
    if (at !== undefined && (oldest === undefined || at < oldest)) oldest = at;
  }
  return oldest;
}

/**
 * Keeps the rows whose activity type, version, activity ID, workflow ID, task
 * list, worker identity or state contains `query` (case-insensitive); groups
 * left empty are dropped. An empty query keeps everything.
 */
export function filterTaskTree(tree: TaskTree, query: string): TaskTree {
  const needle = query.trim().toLowerCase();
  if (!needle) return tree;
  const matches = (row: TaskRow): boolean =>
    [row.task.activityType.name, row.task.activityType.version, row.task.activityId, row.task.workflowId, row.task.taskList, row.task.startedBy ?? '', row.state]
      .some((field) => field.toLowerCase().includes(needle));
  const groups = tree.groups.map((g) => ({ ...g, tasks: g.tasks.filter(matches) })).filter((g) => g.tasks.length > 0);
  const rows = groups.flatMap((g) => g.tasks);
  return { ...tree, groups, taskCount: rows.length, claimedCount: rows.filter((r) => r.state === 'claimed').length };
}

/**
 * Whether a claim's task is still open in the listing: `undefined` when the
 * listing did not read its execution, or began before the claim was made
 * (its history may not show the task started yet), so nothing can be said.
 */
export function claimStillOpen(listing: TaskListing, claim: ClaimedTask): boolean | undefined {
  if (!(Date.parse(claim.claimedAt) < listing.readStartedAt.getTime())) return undefined;
  const execution = listing.executions.find((e) => executionKey(e.execution) === executionKey(claim));
  if (!execution) return listing.hasMore ? undefined : false;
  if (execution.error !== undefined) return undefined;
  return listing.tasks.some((task) => sameTask(claim, task) && task.state === 'started');
}

function sameTask(claim: ClaimedTask, task: OpenActivityTask): boolean {
  return claim.workflowId === task.workflowId && claim.runId === task.runId && claim.activityId === task.activityId && claim.startedEventId === task.startedEventId;
}

function compareRows(a: TaskRow, b: TaskRow): number {
  return STATE_ORDER[a.state] - STATE_ORDER[b.state] || (a.task.scheduledAt?.getTime() ?? 0) - (b.task.scheduledAt?.getTime() ?? 0) || a.task.scheduledEventId - b.task.scheduledEventId;
}

function taskFromClaim(claim: ClaimedTask): OpenActivityTask {
  return {
    workflowId: claim.workflowId,
    runId: claim.runId,
    scheduledEventId: 0,
    activityId: claim.activityId,
    activityType: claim.activityType,
    taskList: claim.taskList,
    input: claim.input,
    timeouts: { ...claim.timeouts },
    state: 'started',
    startedEventId: claim.startedEventId,
    startedAt: new Date(claim.claimedAt),
    startedBy: claim.identity,
    cancelRequested: false,
    attempt: 1,
  };
}
