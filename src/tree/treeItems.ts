/** Turns tree nodes into VS Code tree items: labels, icons, tooltips, context values. */
import * as vscode from 'vscode';
import { connectionLabel, rootId } from '../connection/connection';
import { Commands } from '../ids';
import type { RootModel } from '../model/rootModel';
import { type Deadline, isUrgent, type TaskDeadlines, taskDeadlines, timeoutOf, type TimeoutKind } from '../inbox/deadlines';
import type { TaskListGroup, TaskRow, TaskRowState } from '../inbox/taskGroups';
import { describeSwfError } from '../swf/errors';
import { shortToken } from '../swf/tokens';
import { formatAgo, formatLocalTime, formatSpan, formatTimeLeft, formatTimeout, prettyInput, truncate } from './format';

/** A watched domain on a connection: a root of the tree. */
export interface RootNode {
  kind: 'root';
  rootId: string;
}

/** Claims on domains no root watches any more (the root was removed, the claims kept). */
export interface UnwatchedClaimsNode {
  kind: 'unwatchedClaims';
  rows: TaskRow[];
}

/** A row that says something instead of listing tasks: an error, an empty result, a hint. */
export interface MessageNode {
  kind: 'message';
  /** The root it belongs to; parents the row for `reveal`. */
  rootId?: string;
  severity: 'error' | 'warning' | 'info';
  /** A codicon instead of the severity's own. */
  icon?: string;
  label: string;
  detail?: string;
  command?: vscode.Command;
}

/** "Load More" at the end of a long level: more executions of a root, or more rows of one task list. */
export interface LoadMoreNode {
  kind: 'loadMore';
  rootId: string;
  scope: 'executions' | { taskList: string };
  label: string;
}

export type TasksNode = RootNode | UnwatchedClaimsNode | TaskListGroup | TaskRow | MessageNode | LoadMoreNode;

const STATE_ICONS: Record<TaskRowState, vscode.ThemeIcon> = {
  scheduled: new vscode.ThemeIcon('circle-large-outline'),
  started: new vscode.ThemeIcon('sync', new vscode.ThemeColor('charts.blue')),
  claimed: new vscode.ThemeIcon('account', new vscode.ThemeColor('charts.green')),
};
const CANCEL_REQUESTED_ICON = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
/** Under a minute before the task's next timeout. */
const DEADLINE_NEAR_ICON = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
const TOOLTIP_INPUT_LIMIT = 2_000;

export function rootItem(model: RootModel): vscode.TreeItem {
  const item = new vscode.TreeItem(model.label, vscode.TreeItemCollapsibleState.Expanded);
  item.id = `root:${model.id}`;
  const sandbox = model.spec.connection.kind === 'sandbox';
  item.iconPath = new vscode.ThemeIcon(sandbox ? 'beaker' : 'server-environment');
  const tree = model.tree;
  const state = model.state;
  // A sandbox root whose sandbox is not running has not failed: it offers Start (its own context value) instead of Refresh.
  const stopped = sandbox && state.kind === 'failed' && describeSwfError(state.error).kind === 'sandboxStopped';
  item.description = stopped
    ? vscode.l10n.t('not running')
    : model.loading && !tree
      ? vscode.l10n.t('loading…')
      : tree
        ? countSummary(tree.groups.flatMap((g) => g.tasks))
        : state.kind === 'failed'
          ? vscode.l10n.t('failed')
          : '';
  item.contextValue = stopped ? 'sandboxRootStopped' : 'root';
  const tooltip = new vscode.MarkdownString();
  appendBold(tooltip, model.spec.domain);
  tooltip.appendMarkdown('\n\n');
  tooltip.appendText(vscode.l10n.t('Connection: {0}', connectionLabel(model.spec.connection)));
  if (model.spec.connection.kind === 'aws' && model.spec.connection.endpoint) tooltip.appendText(`\n${model.spec.connection.endpoint}`);
  // How fresh the rows are: under the read budget a large domain is read over many seconds.
  if (state.kind === 'loaded') {
    const { readStartedAt, executions, stats } = state.listing;
    tooltip.appendText('\n\n');
    tooltip.appendText(
      state.partial
        ? vscode.l10n.t('Reading histories: {0} of {1} open executions so far.', stats.historiesReadInFull + stats.historiesReadIncrementally, executions.length)
        : vscode.l10n.t('Updated at {0} ({1} open executions).', readStartedAt.toLocaleTimeString(), executions.length),
    );
  }
  if (stopped) {
    tooltip.appendText('\n\n');
    tooltip.appendText(vscode.l10n.t('The local SWF sandbox is not running. It runs inside this window and starts afresh each time (a reload ends it): Start Local Sandbox starts it with new sample workflows.'));
  }
  item.tooltip = tooltip;
  return item;
}

export function unwatchedClaimsItem(node: UnwatchedClaimsNode): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('Claimed tasks on domains not watched'), vscode.TreeItemCollapsibleState.Expanded);
  item.id = 'unwatchedClaims';
  item.iconPath = new vscode.ThemeIcon('account', new vscode.ThemeColor('charts.green'));
  item.description = String(node.rows.length);
  item.tooltip = vscode.l10n.t('Tasks you claimed on a domain you stopped watching. They are kept alive and can be answered here; add the domain again to see its other tasks.');
  item.contextValue = 'unwatchedClaims';
  return item;
}

/**
 * A group says how fresh it is once its oldest history read is older than
 * this: under the read budget a large domain's refresh takes minutes, and a
 * row may be that old (a small domain is read in a second and says nothing).
 */
export const GROUP_STALE_AFTER_MS = 60_000;

export function taskListItem(group: TaskListGroup, now = new Date()): vscode.TreeItem {
  const item = new vscode.TreeItem(group.name || vscode.l10n.t('(no task list)'), vscode.TreeItemCollapsibleState.Expanded);
  item.id = `taskList:${rootId(group.root)}:${group.name}`;
  item.iconPath = new vscode.ThemeIcon('list-unordered');
  const readAt = group.readAt === undefined ? undefined : new Date(group.readAt);
  const stale = readAt !== undefined && now.getTime() - readAt.getTime() > GROUP_STALE_AFTER_MS;
  item.description = stale ? vscode.l10n.t('{0} · updated {1}', countSummary(group.tasks), formatAgo(readAt, now)) : countSummary(group.tasks);
  item.contextValue = 'taskList';
  const tooltip = vscode.l10n.t('Task list "{0}" in {1}: {2}. Claim Next Task polls it as a worker would.', group.name, group.root.domain, countSummary(group.tasks));
  item.tooltip = readAt ? `${tooltip}\n${vscode.l10n.t('Oldest history read: {0} ({1}); Refresh on the task list reads it first.', formatLocalTime(readAt) ?? '', formatAgo(readAt, now) || vscode.l10n.t('just now'))}` : tooltip;
  return item;
}

/**
 * A task row's stable id (its tree item's): root, execution, activity and
 * scheduled event, never the claim's token. What the status bar hands to
 * Reveal Task, so no command argument carries a token.
 */
export function taskRowId(row: TaskRow): string {
  const { task } = row;
  return `task:${rootId(row.root)}:${task.workflowId}:${task.runId}:${task.activityId}:${task.scheduledEventId}`;
}

/** `lastBeatAt`: the claim keeper's last successful heartbeat of the row's claim, which its heartbeat deadline runs from. */
export function taskItem(row: TaskRow, now = new Date(), lastBeatAt?: Date): vscode.TreeItem {
  const { task } = row;
  const deadlines = taskDeadlines(row, now, lastBeatAt);
  const left = deadlines.next ? formatTimeLeft(deadlines.next.msLeft) : undefined;
  // At the default sidebar width (300 px) a row shows about 30 characters: what tells tasks apart
  // (the activity ID) is the label, the time left comes next so it survives truncation, the state is the icon.
  const type = `${task.activityType.name} ${task.activityType.version}`;
  const item = new vscode.TreeItem(task.activityId, vscode.TreeItemCollapsibleState.None);
  item.id = taskRowId(row);
  item.description = [...(left ? [left] : []), task.workflowId, type, stateText(row, now)].join(' · ');
  // Urgency first: a cancel-requested task under a minute still has to be answered (Cancel Task) before it times out.
  item.iconPath = isUrgent(deadlines.next) ? DEADLINE_NEAR_ICON : task.cancelRequested ? CANCEL_REQUESTED_ICON : STATE_ICONS[row.state];
  item.contextValue = `${row.state}${task.cancelRequested ? 'CancelRequested' : ''}ActivityTask`;
  item.tooltip = taskTooltip(row, now, deadlines);
  const label = vscode.l10n.t('{0}, activity {1}, workflow {2}, {3}', type, task.activityId, task.workflowId, stateText(row, now));
  item.accessibilityInformation = { label: deadlines.next ? vscode.l10n.t('{0}, {1} before its {2}', label, left ?? '', timeoutName(deadlines.next.kind)) : label };
  return item;
}

/** "Heartbeat timeout", ... as the tooltip names them. */
export function timeoutName(kind: TimeoutKind): string {
  switch (kind) {
    case 'scheduleToStart':
      return vscode.l10n.t('Schedule-to-start timeout');
    case 'startToClose':
      return vscode.l10n.t('Start-to-close timeout');
    case 'scheduleToClose':
      return vscode.l10n.t('Schedule-to-close timeout');
    case 'heartbeat':
      return vscode.l10n.t('Heartbeat timeout');
  }
}

/** One timeout with where its clock stands: "300 s (5m): 4m left", "none", "met: the task started". */
export function deadlineText(deadline: Deadline, value: string | undefined): string {
  const timeout = formatTimeout(value);
  switch (deadline.status) {
    case 'none':
      return vscode.l10n.t('none');
    case 'unknown':
      return deadline.seconds === undefined ? vscode.l10n.t('{0}, time left unknown', timeout) : vscode.l10n.t('{0}, time left unknown (when its clock started is not known)', timeout);
    case 'notStarted':
      return vscode.l10n.t('{0}, runs once a worker starts the task', timeout);
    case 'met':
      return vscode.l10n.t('{0}, met (the task started)', timeout);
    case 'running': {
      const at = formatLocalTime(deadline.at) ?? '';
      const since =
        deadline.since === 'lastHeartbeat' ? vscode.l10n.t('from your last heartbeat') : deadline.since === 'started' ? vscode.l10n.t('from the start') : vscode.l10n.t('from the scheduling');
      if (deadline.bound === 'notBefore') {
        return deadline.msLeft > 0
          ? vscode.l10n.t('{0}: at least {1} left, not before {2} (heartbeats are not in the history)', timeout, formatSpan(deadline.msLeft), at)
          : vscode.l10n.t('{0}: time left unknown (heartbeats are not in the history)', timeout);
      }
      return deadline.msLeft > 0
        ? vscode.l10n.t('{0}: {1} left, at {2} ({3})', timeout, formatSpan(deadline.msLeft), at, since)
        : vscode.l10n.t('{0}: overdue by {1}, timed out? (a refresh will tell)', timeout, formatSpan(-deadline.msLeft));
    }
  }
}

export function messageItem(node: MessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
  item.id = node.rootId ? `message:${node.rootId}:${node.label}` : undefined;
  item.iconPath = new vscode.ThemeIcon(node.icon ?? node.severity, node.severity === 'info' ? undefined : new vscode.ThemeColor(`list.${node.severity}Foreground`));
  item.tooltip = node.detail ? new vscode.MarkdownString().appendText(node.detail) : undefined;
  item.description = node.command ? node.command.title : undefined;
  item.command = node.command;
  item.contextValue = node.severity === 'error' ? 'error' : 'message';
  return item;
}

export function loadMoreItem(node: LoadMoreNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
  item.iconPath = new vscode.ThemeIcon('more');
  item.command = { command: Commands.loadMore, title: vscode.l10n.t('Load More'), arguments: [node] };
  item.contextValue = 'loadMore';
  return item;
}

function stateText(row: TaskRow, now: Date): string {
  const { task } = row;
  const cancel = task.cancelRequested ? vscode.l10n.t(', cancel requested') : '';
  switch (row.state) {
    case 'scheduled':
      return vscode.l10n.t('scheduled {0}{1}', formatAgo(task.scheduledAt, now), cancel);
    case 'started':
      return task.startedBy
        ? vscode.l10n.t('started {0} by {1}{2}', formatAgo(task.startedAt, now), task.startedBy, cancel)
        : vscode.l10n.t('started {0}{1}', formatAgo(task.startedAt, now), cancel);
    case 'claimed':
      return vscode.l10n.t('claimed by you {0}{1}', formatAgo(row.claim ? new Date(row.claim.claimedAt) : task.startedAt, now), cancel);
  }
}

function countSummary(rows: readonly TaskRow[]): string {
  const counts = { scheduled: 0, started: 0, claimed: 0 };
  for (const row of rows) counts[row.state]++;
  const parts = [vscode.l10n.t('{0} open', rows.length)];
  if (counts.claimed) parts.push(vscode.l10n.t('{0} claimed', counts.claimed));
  if (counts.started) parts.push(vscode.l10n.t('{0} started', counts.started));
  if (counts.scheduled) parts.push(vscode.l10n.t('{0} waiting', counts.scheduled));
  return parts.join(' · ');
}

function taskTooltip(row: TaskRow, now: Date, deadlines: TaskDeadlines): vscode.MarkdownString {
  const { task } = row;
  // Theme icons stay off (no `$(...)` of a peer's name renders as an icon), and every value goes in through appendText, VS Code's own escaping.
  const md = new vscode.MarkdownString();
  appendBold(md, task.activityType.name);
  md.appendText(` ${vscode.l10n.t('version {0}', task.activityType.version)} — ${stateText(row, now)}`);
  md.appendMarkdown('\n\n');
  const lines: [string, string | undefined][] = [
    [vscode.l10n.t('Domain'), `${row.root.domain} · ${connectionLabel(row.root.connection)}`],
    [vscode.l10n.t('Activity ID'), task.activityId],
    [vscode.l10n.t('Workflow ID'), task.workflowId],
    [vscode.l10n.t('Run ID'), task.runId],
    [vscode.l10n.t('Task list'), task.taskList],
    [vscode.l10n.t('Attempt'), task.attempt > 1 ? vscode.l10n.t('{0} (this activityId was scheduled before)', task.attempt) : undefined],
    [vscode.l10n.t('Scheduled'), formatLocalTime(task.scheduledAt)],
    [vscode.l10n.t('Started'), task.startedAt ? `${formatLocalTime(task.startedAt)}${task.startedBy ? ` ${vscode.l10n.t('by {0}', task.startedBy)}` : ''}` : undefined],
    [vscode.l10n.t('Claimed as'), row.claim ? vscode.l10n.t('{0} (token {1})', row.claim.identity, shortToken(row.claim.taskToken)) : undefined],
    [vscode.l10n.t('Cancel requested'), formatLocalTime(task.cancelRequestedAt)],
    ...deadlines.all.map((d): [string, string] => [timeoutName(d.kind), deadlineText(d, timeoutOf(row, d.kind))]),
  ];
  for (const [name, value] of lines) {
    if (!value) continue;
    md.appendText(`${name}: ${oneLine(value)}`);
    md.appendMarkdown('  \n');
  }
  if (task.input !== undefined && task.input !== '') {
    const { text, language } = prettyInput(task.input);
    md.appendMarkdown('\n');
    md.appendText(vscode.l10n.t('Input:'));
    md.appendMarkdown('\n');
    md.appendCodeblock(truncate(text, TOOLTIP_INPUT_LIMIT), language);
  } else {
    md.appendMarkdown('\n');
    md.appendText(vscode.l10n.t('No input.'));
  }
  return md;
}

/** `**text**`, the text escaped by VS Code (appendText): a peer's name is data, never markup. */
function appendBold(md: vscode.MarkdownString, text: string): void {
  md.appendMarkdown('**');
  md.appendText(oneLine(text));
  md.appendMarkdown('**');
}

/** A value on one line: appendText turns a line break into a paragraph, which would let a peer's text pose as another line of the tooltip. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is replaced
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}
