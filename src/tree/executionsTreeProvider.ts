/**
 * The Executions view: under each watched root, a Search node, the root's
 * saved searches, and the rows of the search it shows (open and closed,
 * newest first, Load More at the end). It renders ExecutionsViewModel and
 * reads nothing itself. The count, an empty result and a failure go to the
 * view's message (TreeView.message), never to a silent blank.
 */
import * as vscode from 'vscode';
import { connectionLabel } from '../connection/connection';
import { Commands } from '../ids';
import { describeSearch } from '../executions/executionViews';
import type { ExecutionsViewModel } from '../model/executionsView';
import type { RootsModel } from '../model/roots';
import { describeSwfError, errorMessage } from '../swf/errors';
import {
  executionContextValue,
  executionDescription,
  executionIcon,
  executionLabel,
  executionNode,
  type ExecutionNode,
  type ExecutionsNode,
  executionStatusText,
} from './executionNodes';
import { formatLocalTime } from './format';

export class ExecutionsTreeProvider implements vscode.TreeDataProvider<ExecutionsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExecutionsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private view: vscode.TreeView<ExecutionsNode> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly roots: RootsModel,
    private readonly model: ExecutionsViewModel,
  ) {
    this.subscriptions.push(
      roots.onDidChangeRoots(() => this.update()),
      model.onDidChange(() => this.update()),
    );
  }

  attach(view: vscode.TreeView<ExecutionsNode>): vscode.Disposable {
    this.view = view;
    this.updateMessage();
    return new vscode.Disposable(() => (this.view = undefined));
  }

  private update(): void {
    this.changed.fire(undefined);
    this.updateMessage();
  }

  /** One line per root that has something to say: its count, no match, or why it failed. */
  private updateMessage(): void {
    if (!this.view) return;
    const lines: string[] = [];
    for (const root of this.roots.roots) {
      const active = this.model.current(root.spec);
      if (!active) continue;
      const view = this.model.view(root.spec);
      const what = describeSearch(active.spec);
      if (view.problems.length) lines.push(vscode.l10n.t('{0}: the search was not sent: {1}', root.spec.domain, view.problems.join(' ')));
      else if (view.error) lines.push(vscode.l10n.t('{0}: {1}', root.spec.domain, errorMessage(describeSwfError(view.error))));
      else if (!view.busy && view.rows.length === 0) lines.push(vscode.l10n.t('{0}: no executions match ({1}).', root.spec.domain, what));
      else if (view.count) lines.push(vscode.l10n.t('{0}: {1} ({2})', root.spec.domain, view.count, what));
    }
    this.view.message = lines.length ? lines.join('\n') : undefined;
  }

  getTreeItem(node: ExecutionsNode): vscode.TreeItem {
    switch (node.kind) {
      case 'execRoot': {
        const model = this.roots.get(node.rootId);
        const item = new vscode.TreeItem(model?.label ?? node.root.domain, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `execRoot:${node.rootId}`;
        item.iconPath = new vscode.ThemeIcon(node.root.connection.kind === 'sandbox' ? 'beaker' : 'server-environment');
        const view = this.model.current(node.root) ? this.model.view(node.root) : undefined;
        item.description = view?.busy ? vscode.l10n.t('searching…') : view?.count;
        item.contextValue = 'execRoot';
        item.tooltip = new vscode.MarkdownString().appendText(`${node.root.domain} · ${connectionLabel(node.root.connection)}`);
        return item;
      }
      case 'execSearch': {
        const active = this.model.current(node.root);
        const item = new vscode.TreeItem(vscode.l10n.t('Search…'), vscode.TreeItemCollapsibleState.None);
        item.id = `execSearch:${node.rootId}`;
        item.iconPath = new vscode.ThemeIcon('search');
        item.description = active ? (active.savedName ? `${active.savedName} · ${describeSearch(active.spec)}` : describeSearch(active.spec)) : undefined;
        item.tooltip = vscode.l10n.t('Search the executions of this domain by workflow ID, type, tag or close status, in a time range');
        item.command = { command: Commands.searchExecutions, title: vscode.l10n.t('Search Executions…'), arguments: [node] };
        item.contextValue = 'execSearch';
        return item;
      }
      case 'savedSearch': {
        const saved = this.model.savedFor(node.root).find((s) => s.name === node.name);
        const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.None);
        item.id = `savedSearch:${node.rootId}:${node.name}`;
        item.iconPath = new vscode.ThemeIcon('bookmark');
        item.description = saved ? describeSearch(saved.spec) : undefined;
        item.command = { command: Commands.runSavedSearch, title: vscode.l10n.t('Run Saved Search'), arguments: [node] };
        item.contextValue = 'savedSearch';
        return item;
      }
      case 'execution':
        return executionItem(node);
      case 'execLoadMore': {
        const item = new vscode.TreeItem(vscode.l10n.t('Load More'), vscode.TreeItemCollapsibleState.None);
        item.id = `execLoadMore:${node.rootId}`;
        item.iconPath = new vscode.ThemeIcon('more');
        item.command = { command: Commands.loadMoreExecutions, title: vscode.l10n.t('Load More'), arguments: [node] };
        item.contextValue = 'loadMore';
        return item;
      }
    }
  }

  getChildren(node?: ExecutionsNode): ExecutionsNode[] {
    if (!node) return this.roots.roots.map((m) => ({ kind: 'execRoot', rootId: m.id, root: m.spec }));
    if (node.kind !== 'execRoot') return [];
    const view = this.model.view(node.root);
    const rows: ExecutionsNode[] = [
      { kind: 'execSearch', rootId: node.rootId, root: node.root },
      ...this.model.savedFor(node.root).map((s): ExecutionsNode => ({ kind: 'savedSearch', rootId: node.rootId, root: node.root, name: s.name })),
      ...view.rows.map((row) => executionNode(node.rootId, node.root, row)),
    ];
    if (view.hasMore) rows.push({ kind: 'execLoadMore', rootId: node.rootId, root: node.root });
    return rows;
  }

  getParent(node: ExecutionsNode): ExecutionsNode | undefined {
    return node.kind === 'execRoot' ? undefined : { kind: 'execRoot', rootId: node.rootId, root: node.root };
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

export function executionItem(node: ExecutionNode): vscode.TreeItem {
  const { row } = node;
  const item = new vscode.TreeItem(executionLabel(row), vscode.TreeItemCollapsibleState.None);
  item.id = `execution:${node.rootId}:${row.workflowId}:${row.runId}`;
  item.description = executionDescription(row);
  const icon = executionIcon(row);
  item.iconPath = new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
  item.contextValue = executionContextValue(row);
  item.command = { command: Commands.openExecution, title: vscode.l10n.t('Open Execution'), arguments: [node] };
  item.accessibilityInformation = { label: vscode.l10n.t('{0}, workflow {1}, {2}', executionLabel(row), row.workflowId, executionStatusText(row)) };
  // Every value a peer sent goes in as text (appendText escapes it), one per line.
  const md = new vscode.MarkdownString();
  const lines: [string, string | undefined][] = [
    [vscode.l10n.t('Workflow type'), row.workflowType && `${row.workflowType.name} ${row.workflowType.version}`],
    [vscode.l10n.t('Workflow ID'), row.workflowId],
    [vscode.l10n.t('Run ID'), row.runId],
    [vscode.l10n.t('Status'), executionStatusText(row)],
    [vscode.l10n.t('Started'), formatLocalTime(row.startedAt)],
    [vscode.l10n.t('Closed'), formatLocalTime(row.closedAt)],
    [vscode.l10n.t('Tags'), row.tags.length ? row.tags.join(', ') : undefined],
    [vscode.l10n.t('Parent'), row.parent && `${row.parent.workflowId} (${row.parent.runId})`],
  ];
  for (const [name, value] of lines) {
    if (!value) continue;
    md.appendText(`${name}: ${oneLine(value)}`);
    md.appendMarkdown('  \n');
  }
  item.tooltip = md;
  return item;
}

function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is replaced
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}
