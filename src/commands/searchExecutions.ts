/**
 * The Executions view's commands: Search Executions on a root (a quick-pick
 * flow: the filter, its value, the time range, open / closed / both), Run
 * Saved Search, Save Search…, Delete Saved Search, Load More, Refresh. Each
 * acts on the node it was given (a root or its Search node, a saved
 * search); from the palette it asks which root. What was typed is kept in
 * the draft store (src/model/drafts.ts) under the root, so a cancelled prompt
 * loses nothing: the next search offers it again.
 */
import * as vscode from 'vscode';
import type { CloseStatus } from '@aws-sdk/client-swf';
import type { RootSpec } from '../connection/connection';
import type { ExecutionFilter, TimePreset } from '../executions/executionQuery';
import { DEFAULT_SEARCH, describeSearch, type ExecutionSearchSpec, parseTypedRange, PICKABLE_CLOSE_STATUSES, type SearchStatus } from '../executions/executionViews';
import type { DraftStore } from '../model/drafts';
import type { ExecutionsViewModel } from '../model/executionsView';
import { describeSwfError, errorMessage } from '../swf/errors';
import { isExecutionsNode, type SavedSearchNode } from '../tree/executionNodes';
import { problemOf, validateTag, validateWorkflowId, validateWorkflowTypeName } from '../validation/validation';
import type { CommandContext } from './commandContext';
import { pickOrType } from './pickOrType';
import { pickRoot } from './resolveRoot';

interface Item<T> extends vscode.QuickPickItem {
  value: T;
}

/** The root a view node names (root, Search node, saved search, row, Load More), or one picked. */
async function rootOf(ctx: CommandContext, node: unknown, title: string): Promise<RootSpec | undefined> {
  const n = node as { rootId?: unknown; root?: RootSpec } | null;
  if (typeof n === 'object' && n !== null && typeof n.rootId === 'string' && n.root) return ctx.roots.get(n.rootId)?.spec ?? n.root;
  return (await pickRoot(ctx, title))?.spec;
}

export class ExecutionSearchCommands {
  constructor(
    private readonly ctx: CommandContext,
    private readonly model: ExecutionsViewModel,
    private readonly drafts: DraftStore,
  ) {}

  async search(node?: unknown): Promise<ExecutionSearchSpec | undefined> {
    const title = vscode.l10n.t('Search Executions');
    const root = await rootOf(this.ctx, node, title);
    if (!root) return undefined;
    const spec = await this.ask(root, title);
    if (!spec) return undefined;
    await this.model.search(root, spec);
    return spec;
  }

  async runSaved(node: unknown): Promise<void> {
    if (!isExecutionsNode(node, 'savedSearch')) return;
    const n = node as SavedSearchNode;
    const saved = this.model.savedFor(n.root).find((s) => s.name === n.name);
    if (saved) await this.model.search(n.root, saved.spec, saved.name);
  }

  async save(node?: unknown): Promise<string | undefined> {
    const root = await rootOf(this.ctx, node, vscode.l10n.t('Save Search'));
    if (!root) return undefined;
    const spec = this.model.current(root)?.spec ?? DEFAULT_SEARCH;
    const taken = new Set(this.model.savedFor(root).map((s) => s.name));
    const name = await vscode.window.showInputBox({
      title: vscode.l10n.t('Save Search: {0}', describeSearch(spec)),
      prompt: vscode.l10n.t('A name for this search of {0}; a name already used replaces that search.', root.domain),
      value: this.model.current(root)?.savedName,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() === '' || v.trim().length > 100 ? vscode.l10n.t('A name has 1 to 100 characters.') : taken.has(v.trim()) ? { message: vscode.l10n.t('Replaces the saved search "{0}".', v.trim()), severity: vscode.InputBoxValidationSeverity.Warning } : undefined),
    });
    if (!name?.trim()) return undefined;
    await this.model.save(root, name.trim(), spec);
    this.ctx.log.info(`Saved the search "${name.trim()}" of ${root.domain}.`);
    return name.trim();
  }

  async deleteSaved(node: unknown): Promise<void> {
    if (!isExecutionsNode(node, 'savedSearch')) return;
    const n = node as SavedSearchNode;
    const remove = vscode.l10n.t('Delete');
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Delete the saved search "{0}" of {1}?', n.name, n.root.domain), { modal: true }, remove);
    if (choice === remove) await this.model.deleteSaved(n.root, n.name);
  }

  async loadMore(node: unknown): Promise<void> {
    if (!isExecutionsNode(node, 'execLoadMore')) return;
    await this.model.loadMore((node as { root: RootSpec }).root);
  }

  async refresh(node?: unknown): Promise<void> {
    const roots = node ? [await rootOf(this.ctx, node, vscode.l10n.t('Refresh'))] : this.ctx.roots.roots.map((m) => m.spec);
    // The registry under each root (Types, the domain's tooltip) is read again too.
    for (const root of roots) if (root) this.ctx.registry.refresh(root);
    await Promise.all(roots.flatMap((root) => (root ? [this.model.search(root, this.model.current(root)?.spec ?? DEFAULT_SEARCH, this.model.current(root)?.savedName)] : [])));
  }

  /** The flow; `undefined` when dismissed (what was typed stays in the draft). */
  private async ask(root: RootSpec, title: string): Promise<ExecutionSearchSpec | undefined> {
    const draftId = `search:${root.domain}:${JSON.stringify(root.connection)}`;
    const draft = await this.drafts.open(draftId);
    const remember = (field: string, value: string) => {
      draft[field] = value;
      this.drafts.changed(draftId);
    };
    const t = vscode.l10n.t;
    const kind = await vscode.window.showQuickPick<Item<ExecutionFilter['kind'] | 'none'>>(
      [
        { label: `$(list-flat) ${t('All executions')}`, value: 'none' },
        { label: `$(symbol-key) ${t('By workflow ID')}`, value: 'workflowId', description: draft.workflowId },
        { label: `$(symbol-class) ${t('By workflow type')}`, value: 'type', description: draft.typeName },
        { label: `$(tag) ${t('By tag')}`, value: 'tag', description: draft.tag },
        { label: `$(pass) ${t('By close status')}`, value: 'closeStatus', description: t('closed executions only') },
      ],
      { title: t('{0}: {1} — filter (SWF takes one)', title, root.domain), ignoreFocusOut: true },
    );
    if (!kind) return undefined;
    let filter: ExecutionFilter | undefined;
    switch (kind.value) {
      case 'workflowId': {
        const id = await this.typed(t('{0}: workflow ID', title), draft.workflowId, (v) => problemOf(validateWorkflowId(v)), (v) => remember('workflowId', v));
        if (id === undefined) return undefined;
        filter = { kind: 'workflowId', workflowId: id };
        break;
      }
      case 'tag': {
        const tag = await this.typed(t('{0}: tag', title), draft.tag, (v) => problemOf(validateTag(v)), (v) => remember('tag', v));
        if (tag === undefined) return undefined;
        filter = { kind: 'tag', tag };
        break;
      }
      case 'type': {
        const type = await this.pickType(root, t('{0}: workflow type', title));
        if (!type) return undefined;
        remember('typeName', type.name);
        filter = { kind: 'type', ...type };
        break;
      }
      case 'closeStatus': {
        const status = await vscode.window.showQuickPick(PICKABLE_CLOSE_STATUSES.map((s): Item<CloseStatus> => ({ label: s, value: s })), { title: t('{0}: close status', title), ignoreFocusOut: true });
        if (!status) return undefined;
        filter = { kind: 'closeStatus', status: status.value };
        break;
      }
    }
    const range = await this.pickRange(title, draft.range, (v) => remember('range', v));
    if (!range) return undefined;
    let status: SearchStatus = 'closed';
    if (filter?.kind !== 'closeStatus') {
      const picked = await vscode.window.showQuickPick<Item<SearchStatus>>(
        [
          { label: t('Open and closed'), value: 'both' },
          { label: t('Open only'), value: 'open' },
          { label: t('Closed only'), value: 'closed', description: t('by start time') },
        ],
        { title: t('{0}: which executions', title), ignoreFocusOut: true },
      );
      if (!picked) return undefined;
      status = picked.value;
    }
    return { range, status, ...(filter && { filter }) };
  }

  /** An input box that keeps its text in the draft at every keystroke; the value trimmed, or undefined when dismissed. */
  private async typed(title: string, value: string | undefined, validate: (v: string) => string | undefined, keep: (v: string) => void): Promise<string | undefined> {
    const text = await vscode.window.showInputBox({
      title,
      value,
      ignoreFocusOut: true,
      validateInput: (v) => {
        keep(v);
        return validate(v);
      },
    });
    return text === undefined ? undefined : text.trim();
  }

  /** A registered type (ListWorkflowTypes), or a typed name (a person may lack the permission, or want a deprecated one). */
  private async pickType(root: RootSpec, title: string): Promise<{ name: string; version?: string } | undefined> {
    const load = async () => {
      try {
        const types = await (await this.ctx.connections.gateway(root.connection)).listWorkflowTypes(root.domain, { registrationStatus: 'REGISTERED' });
        const names = [...new Set(types.map((tp) => tp.name))].sort();
        const items: Item<{ name: string; version?: string }>[] = [
          ...names.map((name) => ({ label: name, description: vscode.l10n.t('any version'), value: { name } })),
          ...types.map((tp) => ({ label: `${tp.name} ${tp.version}`, description: tp.description, value: { name: tp.name, version: tp.version } })),
        ];
        return { items };
      } catch (error) {
        const info = describeSwfError(error);
        this.ctx.log.warn(`Listing workflow types failed: ${errorMessage(info)}`);
        return { items: [], placeholder: vscode.l10n.t('Could not list workflow types ({0}): type a name', info.title) };
      }
    };
    const picked = await pickOrType<Item<{ name: string; version?: string }>>({
      title,
      placeholder: vscode.l10n.t('Pick a workflow type (any version, or one), or type its name'),
      items: load(),
      typedItem: (text) => ({ label: text, description: vscode.l10n.t('use this name'), value: { name: text } }),
      validate: (text) => problemOf(validateWorkflowTypeName(text)),
    });
    return picked?.value;
  }

  private async pickRange(title: string, draft: string | undefined, keep: (v: string) => void): Promise<ExecutionSearchSpec['range'] | undefined> {
    const t = vscode.l10n.t;
    const picked = await vscode.window.showQuickPick<Item<TimePreset | 'typed'>>(
      [
        { label: t('Last hour'), value: 'hour' },
        { label: t('Last day'), value: 'day' },
        { label: t('Last week'), value: 'week' },
        { label: `$(edit) ${t('A range…')}`, value: 'typed', description: draft },
      ],
      { title: t('{0}: started in', title), ignoreFocusOut: true },
    );
    if (!picked) return undefined;
    if (picked.value !== 'typed') return { preset: picked.value };
    const typed = await vscode.window.showInputBox({
      title: t('{0}: range (ISO 8601)', title),
      prompt: t('A start, or start .. end: 2026-12-01T08:00Z .. 2026-12-01T12:00Z'),
      value: draft,
      ignoreFocusOut: true,
      validateInput: (v) => {
        keep(v);
        const parsed = parseTypedRange(v);
        return parsed.ok ? undefined : parsed.message;
      },
    });
    if (typed === undefined) return undefined;
    const parsed = parseTypedRange(typed);
    return parsed.ok ? parsed.range : undefined;
  }
}
