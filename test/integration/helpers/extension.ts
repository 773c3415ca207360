/**
 * The running extension (dist/extension.js) as the tests see it: its API
 * object, and its tree read through the provider the view itself uses.
 * Call these only inside hooks and tests: activating at module load would
 * break activation.test.ts, which must run first in a dormant extension.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SwfTasksApi } from '../../../src/extension';
import type { StoredRoot } from '../../../src/ids';
import type { RootModel } from '../../../src/model/rootModel';
import type { ClaimedTask } from '../../../src/claims/claims';
import type { TaskListGroup, TaskRow } from '../../../src/inbox/taskGroups';
import type { MessageNode, RootNode, TasksNode } from '../../../src/tree/treeItems';
import { waitFor } from './ui';

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

/** A root's model: the one with this id, else the first (most suites watch one domain). */
export function rootModel(api: SwfTasksApi, rootId?: string): RootModel {
  const model = rootId === undefined ? api.roots.roots[0] : api.roots.get(rootId);
  assert.ok(model, `no watched root ${rootId ?? ''}; watching ${JSON.stringify(api.roots.roots.map((m) => m.label))}`);
  return model;
}

/** The rows under a root node, as the view asks for them. */
async function rootChildren(api: SwfTasksApi, rootId?: string): Promise<TasksNode[]> {
  const model = rootModel(api, rootId);
  const node: RootNode = { kind: 'root', rootId: model.id };
  return children(api, node);
}

export async function groupNodes(api: SwfTasksApi, rootId?: string): Promise<TaskListGroup[]> {
  return (await rootChildren(api, rootId)).filter((n): n is TaskListGroup => n.kind === 'taskList');
}

export async function groupNode(api: SwfTasksApi, taskList: string, rootId?: string): Promise<TaskListGroup> {
  const group = (await groupNodes(api, rootId)).find((g) => g.name === taskList);
  assert.ok(group, `the tree has no task list "${taskList}"; it shows ${JSON.stringify(await rootLabels(api, rootId))}`);
  return group;
}

/** Every task row under every task list of a root, as tree items. */
export async function shownTasks(api: SwfTasksApi, rootId?: string): Promise<ShownTask[]> {
  const rows: ShownTask[] = [];
  for (const group of await groupNodes(api, rootId)) {
    for (const node of await children(api, group)) {
      if (node.kind !== 'task') continue;
      rows.push(shown(api, node, group.name));
    }
  }
  return rows;
}

function shown(api: SwfTasksApi, node: TaskRow, taskList: string): ShownTask {
  const item = api.tasksProvider.getTreeItem(node) as vscode.TreeItem;
  return {
    node,
    item,
    taskList,
    activityId: node.task.activityId,
    contextValue: item.contextValue,
    description: typeof item.description === 'string' ? item.description : '',
    tooltip: tooltipText(item),
  };
}

export async function shownTask(api: SwfTasksApi, activityId: string, rootId?: string): Promise<ShownTask> {
  const row = (await shownTasks(api, rootId)).find((r) => r.activityId === activityId);
  assert.ok(row, `the tree shows no task "${activityId}"; it shows ${JSON.stringify(await rootLabels(api, rootId))}`);
  return row;
}

/** The rows of the "claimed tasks on domains not watched" node, if the tree shows it. */
export async function unwatchedClaims(api: SwfTasksApi): Promise<ShownTask[]> {
  const node = (await children(api)).find((n) => n.kind === 'unwatchedClaims');
  if (!node) return [];
  return (await children(api, node)).filter((n): n is TaskRow => n.kind === 'task').map((n) => shown(api, n, n.task.taskList));
}

/** Message rows (errors, empty domain...) under a root, with their tree items. */
export async function messageRows(api: SwfTasksApi, rootId?: string): Promise<{ node: MessageNode; label: string; tooltip: string; contextValue: string | undefined }[]> {
  return (await rootChildren(api, rootId))
    .filter((n): n is MessageNode => n.kind === 'message')
    .map((node) => {
      const item = api.tasksProvider.getTreeItem(node) as vscode.TreeItem;
      return { node, label: String(item.label), tooltip: tooltipText(item), contextValue: item.contextValue };
    });
}

/** What a root shows, for assertion messages. */
async function rootLabels(api: SwfTasksApi, rootId?: string): Promise<string[]> {
  return (await rootChildren(api, rootId)).map((n) => {
    if (n.kind === 'taskList') return `list ${n.name} (${n.tasks.map((t) => t.task.activityId).join(', ')})`;
    if (n.kind === 'task') return `task ${n.task.activityId}`;
    return 'label' in n ? `${n.kind}: ${n.label}` : n.kind;
  });
}

/**
 * Makes the extension watch exactly these roots (the `swfTasks.roots` user
 * setting, as the settings UI or Add Domain writes it), and waits until
 * each has loaded.
 */
export async function watchRoots(api: SwfTasksApi, roots: readonly StoredRoot[]): Promise<RootModel[]> {
  await vscode.workspace.getConfiguration('swfTasks').update('roots', roots.length ? roots : undefined, vscode.ConfigurationTarget.Global);
  await waitFor(() => api.roots.roots.length === roots.length, `${roots.length} watched root(s)`);
  await refreshAll(api);
  return [...api.roots.roots];
}

/** Reloads every root and waits for them. */
export async function refreshAll(api: SwfTasksApi): Promise<void> {
  await api.roots.refreshAll();
}

/** Runs Claim Next Task on the tree's node of `taskList`; returns what the command returned. */
export async function claimFromList(api: SwfTasksApi, taskList: string, rootId?: string): Promise<ClaimedTask> {
  await rootModel(api, rootId).refresh();
  const claim = await vscode.commands.executeCommand<ClaimedTask | undefined>('swfTasks.claimNextTask', await groupNode(api, taskList, rootId));
  assert.ok(claim, `Claim Next Task on "${taskList}" claimed nothing`);
  return claim;
}

/**
 * Watches nothing and forgets every claim, so later suites (and the welcome
 * view) start clean: a suite's endpoints are gone when it ends, and the
 * claims it made there would otherwise show (kept, unwatched) in the next.
 */
export async function clearRoots(api: SwfTasksApi): Promise<void> {
  await watchRoots(api, []);
  for (const claim of await api.claims.all()) await api.claims.remove(claim.taskToken);
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
