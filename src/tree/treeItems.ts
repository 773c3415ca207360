/** Turns tree rows into VS Code tree items: labels, icons, tooltips, context values. */
import * as vscode from 'vscode';
import { shortToken } from '../swf/tokens';
import { formatAgo, formatTimeout, prettyInput, truncate } from './format';
import type { TaskListGroup, TaskRow, TaskRowState } from './taskGroups';

/** A row that says something instead of listing tasks: an error, an empty result, a hint. */
export interface MessageNode {
  kind: 'message';
  severity: 'error' | 'warning' | 'info';
  label: string;
  detail?: string;
  command?: vscode.Command;
}

/** "Load More" at the end of a long level: more executions (root) or more rows of one task list. */
export interface LoadMoreNode {
  kind: 'loadMore';
  scope: 'executions' | { taskList: string };
  label: string;
}

export type TasksNode = TaskListGroup | TaskRow | MessageNode | LoadMoreNode;

const STATE_ICONS: Record<TaskRowState, vscode.ThemeIcon> = {
  scheduled: new vscode.ThemeIcon('circle-large-outline'),
  started: new vscode.ThemeIcon('sync', new vscode.ThemeColor('charts.blue')),
  claimed: new vscode.ThemeIcon('account', new vscode.ThemeColor('charts.green')),
};
const CANCEL_REQUESTED_ICON = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
const TOOLTIP_INPUT_LIMIT = 2_000;

export function taskListItem(group: TaskListGroup): vscode.TreeItem {
  const item = new vscode.TreeItem(group.name || '(no task list)', vscode.TreeItemCollapsibleState.Expanded);
  item.id = `taskList:${group.domain}:${group.name}`;
  item.iconPath = new vscode.ThemeIcon('list-unordered');
  item.description = countSummary(group.tasks);
  item.contextValue = 'taskList';
  item.tooltip = `Task list "${group.name}" in ${group.domain}: ${countSummary(group.tasks)}. Claim Next Task polls it as a worker would.`;
  return item;
}

export function taskItem(row: TaskRow, now = new Date()): vscode.TreeItem {
  const { task } = row;
  const item = new vscode.TreeItem(`${task.activityType.name} ${task.activityType.version}`, vscode.TreeItemCollapsibleState.None);
  item.id = `task:${row.domain}:${task.workflowId}:${task.runId}:${task.activityId}:${task.scheduledEventId}`;
  item.description = [task.activityId, task.workflowId, stateText(row, now)].join(' · ');
  item.iconPath = task.cancelRequested ? CANCEL_REQUESTED_ICON : STATE_ICONS[row.state];
  item.contextValue = `${row.state}${task.cancelRequested ? 'CancelRequested' : ''}ActivityTask`;
  item.tooltip = taskTooltip(row, now);
  item.accessibilityInformation = { label: `${item.label}, activity ${task.activityId}, workflow ${task.workflowId}, ${stateText(row, now)}` };
  return item;
}

export function messageItem(node: MessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
  item.iconPath = new vscode.ThemeIcon(node.severity, node.severity === 'info' ? undefined : new vscode.ThemeColor(`list.${node.severity}Foreground`));
  item.tooltip = node.detail ? new vscode.MarkdownString().appendText(node.detail) : undefined;
  item.description = node.command ? node.command.title : undefined;
  item.command = node.command;
  item.contextValue = node.severity === 'error' ? 'error' : 'message';
  return item;
}

export function loadMoreItem(node: LoadMoreNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
  item.iconPath = new vscode.ThemeIcon('more');
  item.command = { command: 'swfTasks.loadMore', title: 'Load More', arguments: [node] };
  item.contextValue = 'loadMore';
  return item;
}

function stateText(row: TaskRow, now: Date): string {
  const { task } = row;
  const cancel = task.cancelRequested ? ', cancel requested' : '';
  switch (row.state) {
    case 'scheduled':
      return `scheduled ${formatAgo(task.scheduledAt, now)}${cancel}`;
    case 'started':
      return `started ${formatAgo(task.startedAt, now)}${task.startedBy ? ` by ${task.startedBy}` : ''}${cancel}`;
    case 'claimed':
      return `claimed by you ${formatAgo(row.claim ? new Date(row.claim.claimedAt) : task.startedAt, now)}${cancel}`;
  }
}

function countSummary(rows: readonly TaskRow[]): string {
  const counts = { scheduled: 0, started: 0, claimed: 0 };
  for (const row of rows) counts[row.state]++;
  const parts = [`${rows.length} open`];
  if (counts.claimed) parts.push(`${counts.claimed} claimed`);
  if (counts.started) parts.push(`${counts.started} started`);
  if (counts.scheduled) parts.push(`${counts.scheduled} waiting`);
  return parts.join(' · ');
}

function taskTooltip(row: TaskRow, now: Date): vscode.MarkdownString {
  const { task } = row;
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escape(task.activityType.name)}** version ${escape(task.activityType.version)} — ${escape(stateText(row, now))}\n\n`);
  const lines: [string, string | undefined][] = [
    ['Activity ID', task.activityId],
    ['Workflow ID', task.workflowId],
    ['Run ID', task.runId],
    ['Task list', task.taskList],
    ['Attempt', task.attempt > 1 ? `${task.attempt} (this activityId was scheduled before)` : undefined],
    ['Scheduled', task.scheduledAt?.toISOString()],
    ['Started', task.startedAt ? `${task.startedAt.toISOString()}${task.startedBy ? ` by ${task.startedBy}` : ''}` : undefined],
    ['Claimed as', row.claim ? `${row.claim.identity} (token ${shortToken(row.claim.taskToken)})` : undefined],
    ['Cancel requested', task.cancelRequestedAt?.toISOString()],
    ['Schedule-to-start timeout', formatTimeout(task.timeouts.scheduleToStart)],
    ['Start-to-close timeout', formatTimeout(task.timeouts.startToClose)],
    ['Schedule-to-close timeout', formatTimeout(task.timeouts.scheduleToClose)],
    ['Heartbeat timeout', formatTimeout(task.timeouts.heartbeat)],
  ];
  for (const [name, value] of lines) if (value) md.appendMarkdown(`${name}: ${escape(value)}  \n`);
  if (task.input !== undefined && task.input !== '') {
    const { text, language } = prettyInput(task.input);
    md.appendMarkdown('\nInput:\n');
    md.appendCodeblock(truncate(text, TOOLTIP_INPUT_LIMIT), language);
  } else {
    md.appendMarkdown('\nNo input.');
  }
  return md;
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, '\\$&');
}
