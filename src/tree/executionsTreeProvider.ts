/**
 * The Executions view: under each watched root, a Search node, the root's
 * saved searches, and the rows of the search it shows (open and closed,
 * newest first, Load More at the end). It renders ExecutionsViewModel and
 * reads nothing itself. The count, an empty result and a failure go to the
 * view's message (TreeView.message), never to a silent blank.
 *
 * Each root also has a collapsed "Types" node (issue 18): workflow and
 * activity types from RegistryModel, listed when expanded; a type's defaults
 * and the root's DescribeDomain are read when their tooltip is resolved
 * (hovered), so nothing is read for what nobody looks at.
 */
import * as vscode from 'vscode';
import { connectionLabel } from '../connection/connection';
import { Commands } from '../ids';
import { describeSearch } from '../executions/executionViews';
import type { ExecutionsViewModel } from '../model/executionsView';
import type { RegistryModel } from '../model/registryModel';
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
import {
  domainTooltipLines,
  orderedTypes,
  type RegisteredTypeNode,
  type RegistryNode,
  typeContextValue,
  typeDescription,
  typeIcon,
  typeKindLabel,
  type TypeKindNode,
  typeLabel,
  typeTooltipLines,
} from './registryNodes';

export class ExecutionsTreeProvider implements vscode.TreeDataProvider<ExecutionsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExecutionsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private view: vscode.TreeView<ExecutionsNode> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly roots: RootsModel,
    private readonly model: ExecutionsViewModel,
    private readonly registry?: RegistryModel,
  ) {
    this.subscriptions.push(
      roots.onDidChangeRoots(() => this.update()),
      model.onDidChange(() => this.update()),
    );
    if (registry) this.subscriptions.push(registry.onDidChange(() => this.changed.fire(undefined)));
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

  /** A part per root that has something to say: its count, no match, or why it failed. */
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
    // A view's message is one paragraph (a line break shows as a space): the roots' lines are kept apart by a bar.
    this.view.message = lines.length ? lines.join(' | ') : undefined;
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
      case 'types':
      case 'typeKind':
      case 'registeredType':
      case 'registryMessage':
        return registryItem(node);
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

  /** Reads what a tooltip needs only when it is shown: the domain (a root), a type's defaults. */
  async resolveTreeItem(item: vscode.TreeItem, node: ExecutionsNode, token: vscode.CancellationToken): Promise<vscode.TreeItem> {
    if (!this.registry || token.isCancellationRequested) return item;
    const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip : new vscode.MarkdownString();
    try {
      if (node.kind === 'execRoot') {
        appendLines(tooltip, domainTooltipLines(await this.registry.describeDomain(node.root)), true);
      } else if (node.kind === 'registeredType') {
        const details = await this.registry.describeType(node.root, node.type.kind, node.type);
        item.tooltip = appendLines(new vscode.MarkdownString(), typeTooltipLines({ ...node.type, ...details }, details.defaults));
        return item;
      } else {
        return item;
      }
    } catch (error) {
      appendLines(tooltip, [vscode.l10n.t('Could not read it: {0}', errorMessage(describeSwfError(error)))], true);
    }
    item.tooltip = tooltip;
    return item;
  }

  getChildren(node?: ExecutionsNode): ExecutionsNode[] {
    if (!node) return this.roots.roots.map((m) => ({ kind: 'execRoot', rootId: m.id, root: m.spec }));
    if (node.kind === 'types') return (['workflow', 'activity'] as const).map((typeKind): TypeKindNode => ({ kind: 'typeKind', rootId: node.rootId, root: node.root, typeKind }));
    if (node.kind === 'typeKind') return this.typeRows(node);
    if (node.kind !== 'execRoot') return [];
    const view = this.model.view(node.root);
    const rows: ExecutionsNode[] = [
      { kind: 'execSearch', rootId: node.rootId, root: node.root },
      ...(this.registry ? [{ kind: 'types', rootId: node.rootId, root: node.root } as const] : []),
      ...this.model.savedFor(node.root).map((s): ExecutionsNode => ({ kind: 'savedSearch', rootId: node.rootId, root: node.root, name: s.name })),
      ...view.rows.map((row) => executionNode(node.rootId, node.root, row)),
    ];
    if (view.hasMore) rows.push({ kind: 'execLoadMore', rootId: node.rootId, root: node.root });
    return rows;
  }

  /** A kind's types (registered, then deprecated), or one row that says it is loading, empty or failed. */
  private typeRows(node: TypeKindNode): RegistryNode[] {
    if (!this.registry) return [];
    const state = this.registry.types(node.root, node.typeKind);
    const message = (severity: 'loading' | 'empty' | 'error', label: string): RegistryNode[] => [{ kind: 'registryMessage', rootId: node.rootId, root: node.root, typeKind: node.typeKind, severity, label }];
    if (state.phase === 'loading') return message('loading', vscode.l10n.t('Loading…'));
    if (state.phase === 'failed') return message('error', errorMessage(describeSwfError(state.error)));
    const types = orderedTypes(state.value.registered, state.value.deprecated);
    if (types.length === 0) return message('empty', node.typeKind === 'workflow' ? vscode.l10n.t('No workflow types registered') : vscode.l10n.t('No activity types registered'));
    return types.map((type): RegisteredTypeNode => ({ kind: 'registeredType', rootId: node.rootId, root: node.root, type }));
  }

  getParent(node: ExecutionsNode): ExecutionsNode | undefined {
    switch (node.kind) {
      case 'execRoot':
        return undefined;
      case 'typeKind':
        return { kind: 'types', rootId: node.rootId, root: node.root };
      case 'registeredType':
        return { kind: 'typeKind', rootId: node.rootId, root: node.root, typeKind: node.type.kind };
      case 'registryMessage':
        return { kind: 'typeKind', rootId: node.rootId, root: node.root, typeKind: node.typeKind };
      default:
        return { kind: 'execRoot', rootId: node.rootId, root: node.root };
    }
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

/** The registry's rows: Types, its two kinds, a type (its tooltip filled in by resolveTreeItem), a message in place of types. */
export function registryItem(node: RegistryNode): vscode.TreeItem {
  switch (node.kind) {
    case 'types': {
      const item = new vscode.TreeItem(vscode.l10n.t('Types'), vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `types:${node.rootId}`;
      item.iconPath = new vscode.ThemeIcon('symbol-namespace');
      item.tooltip = vscode.l10n.t('The workflow and activity types registered in {0}', node.root.domain);
      item.contextValue = 'types';
      return item;
    }
    case 'typeKind': {
      const item = new vscode.TreeItem(typeKindLabel(node.typeKind), vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `typeKind:${node.rootId}:${node.typeKind}`;
      item.iconPath = new vscode.ThemeIcon(node.typeKind === 'workflow' ? 'symbol-class' : 'symbol-method');
      item.contextValue = node.typeKind === 'workflow' ? 'workflowTypes' : 'activityTypes';
      return item;
    }
    case 'registeredType': {
      const { type } = node;
      const item = new vscode.TreeItem(typeLabel(type), vscode.TreeItemCollapsibleState.None);
      item.id = `registeredType:${node.rootId}:${type.kind}:${type.name}:${type.version}`;
      item.description = typeDescription(type);
      const icon = typeIcon(type);
      item.iconPath = new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
      item.contextValue = typeContextValue(type);
      item.accessibilityInformation = { label: `${typeLabel(type)}, ${type.status === 'DEPRECATED' ? vscode.l10n.t('deprecated') : vscode.l10n.t('registered')}` };
      // The defaults are read when the tooltip is shown (resolveTreeItem): until then, what the listing said.
      item.tooltip = appendLines(new vscode.MarkdownString(), typeTooltipLines(type));
      return item;
    }
    case 'registryMessage': {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
      item.id = `registryMessage:${node.rootId}:${node.typeKind}`;
      item.iconPath = new vscode.ThemeIcon(node.severity === 'loading' ? 'loading~spin' : node.severity === 'error' ? 'error' : 'info');
      item.contextValue = node.severity === 'error' ? 'registryError' : 'registryMessage';
      if (node.severity === 'error') item.command = { command: Commands.refreshExecutions, title: vscode.l10n.t('Retry'), arguments: [node] };
      return item;
    }
  }
}

/** Each line as text (appendText escapes what a peer sent), after a blank line when `separate`. */
function appendLines(md: vscode.MarkdownString, lines: readonly string[], separate = false): vscode.MarkdownString {
  if (separate && md.value) md.appendMarkdown('\n\n');
  for (const [i, line] of lines.entries()) {
    if (i > 0) md.appendMarkdown('  \n');
    md.appendText(line);
  }
  return md;
}

function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is replaced
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}
