/**
 * The running extension (dist/extension.js) as the tests see it: its API
 * object, and its tree read through the provider the view itself uses.
 * Call these only inside hooks and tests: activating at module load would
 * break activation.test.ts, which must run first in a dormant extension.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SwfTasksApi } from '../../../src/extension';
import type { ClaimedTask } from '../../../src/swf/claims';
import type { TaskListGroup, TaskRow } from '../../../src/tree/taskGroups';
import type { MessageNode, TasksNode } from '../../../src/tree/treeItems';

export const EXTENSION_ID = 'swf-activity-tasks.swf-activity-tasks';

export async function activateExtension(): Promise<SwfTasksApi> {
  const extension = vscode.extensions.getExtension<SwfTasksApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
  return extension.activate();
}

/** A task row as the view shows it. */
export interface ShownTask {
  node: TaskRow;
  item: vscode.TreeItem;
  taskList: string;
  activityId: string;
  contextValue: string | undefined;
  description: string;
  tooltip: string;
}

/** A row's tooltip as a person reads it: markdown escapes (`\\-`, `&nbsp;`) undone. */
export function tooltipText(item: vscode.TreeItem): string {
  const tooltip = item.tooltip;
  if (tooltip === undefined) return '';
  if (typeof tooltip === 'string') return tooltip;
  return tooltip.value.replace(/&nbsp;/g, ' ').replace(/\\([\\`*_{}[\]()#+\-.!<>|~"])/g, '$1');
}

async function children(api: SwfTasksApi, node?: TasksNode): Promise<TasksNode[]> {
  // Promise.resolve: a provider may answer synchronously or not (ProviderResult).
  return (await Promise.resolve(api.tasksProvider.getChildren(node))) ?? [];
}

export async function groupNodes(api: SwfTasksApi): Promise<TaskListGroup[]> {
  return (await children(api)).filter((n): n is TaskListGroup => n.kind === 'taskList');
}

export async function groupNode(api: SwfTasksApi, taskList: string): Promise<TaskListGroup> {
  const group = (await groupNodes(api)).find((g) => g.name === taskList);
  assert.ok(group, `the tree has no task list "${taskList}"; it shows ${JSON.stringify(await rootLabels(api))}`);
  return group;
}

/** Every task row under every task list, as tree items. */
export async function shownTasks(api: SwfTasksApi): Promise<ShownTask[]> {
  const rows: ShownTask[] = [];
  for (const group of await groupNodes(api)) {
    for (const node of await children(api, group)) {
      if (node.kind !== 'task') continue;
      const item = api.tasksProvider.getTreeItem(node) as vscode.TreeItem;
      rows.push({
        node,
        item,
        taskList: group.name,
        activityId: node.task.activityId,
        contextValue: item.contextValue,
        description: typeof item.description === 'string' ? item.description : '',
        tooltip: tooltipText(item),
      });
    }
  }
  return rows;
}

export async function shownTask(api: SwfTasksApi, activityId: string): Promise<ShownTask> {
  const row = (await shownTasks(api)).find((r) => r.activityId === activityId);
  assert.ok(row, `the tree shows no task "${activityId}"; it shows ${JSON.stringify(await rootLabels(api))}`);
  return row;
}

/** Message rows (errors, empty domain...) at the root, with their tree items. */
export async function messageRows(api: SwfTasksApi): Promise<{ node: MessageNode; label: string; tooltip: string; contextValue: string | undefined }[]> {
  return (await children(api))
    .filter((n): n is MessageNode => n.kind === 'message')
    .map((node) => {
      const item = api.tasksProvider.getTreeItem(node) as vscode.TreeItem;
      return { node, label: String(item.label), tooltip: tooltipText(item), contextValue: item.contextValue };
    });
}

/** What the root of the tree shows, for assertion messages. */
async function rootLabels(api: SwfTasksApi): Promise<string[]> {
  return (await children(api)).map((n) => {
    if (n.kind === 'taskList') return `list ${n.name} (${n.tasks.map((t) => t.task.activityId).join(', ')})`;
    return n.kind === 'task' ? `task ${n.task.activityId}` : `${n.kind}: ${n.label}`;
  });
}

/** Selects `domain` through the command and waits for the tree to load it. */
export async function selectDomain(api: SwfTasksApi, domain: string): Promise<void> {
  await vscode.commands.executeCommand('swfTasks.selectDomain', domain);
  assert.equal(api.session.domain, domain);
  await api.tasksProvider.refresh();
}

/** Runs Claim Next Task on the tree's node of `taskList`; returns what the command returned. */
export async function claimFromList(api: SwfTasksApi, taskList: string): Promise<ClaimedTask> {
  await api.tasksProvider.refresh();
  const claim = await vscode.commands.executeCommand<ClaimedTask | undefined>('swfTasks.claimNextTask', await groupNode(api, taskList));
  assert.ok(claim, `Claim Next Task on "${taskList}" claimed nothing`);
  return claim;
}

/** Forgets the selected domain so later suites (and the welcome view) start clean. */
export async function clearDomain(api: SwfTasksApi): Promise<void> {
  await api.session.setDomain(undefined);
  await api.tasksProvider.refresh();
}

/** What the extension's output channel wrote so far: every log file in its log folder. */
export async function loggedText(api: SwfTasksApi): Promise<string> {
  const entries = await Promise.resolve(vscode.workspace.fs.readDirectory(api.logUri)).catch(() => [] as [string, vscode.FileType][]);
  const texts = await Promise.all(
    entries
      .filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.log'))
      .map(async ([name]) => new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(api.logUri, name)))),
  );
  return texts.join('\n');
}
