/**
 * The Executions view's state: per watched root, the search it shows (the
 * default one until the person searches, or a saved one) as one
 * ExecutionSearch per status (open, closed), and the saved searches of the
 * `swfTasks.savedSearches` setting. Views render it through `onDidChange`;
 * commands call `search`, `loadMore`, `save`, `deleteSaved`.
 */
import * as vscode from 'vscode';
import { type RootSpec, rootId, storedRoot } from '../connection/connection';
import {
  countText,
  DEFAULT_SEARCH,
  type ExecutionSearchSpec,
  mergeNewestFirst,
  parseSavedSearches,
  sameSearchRoot,
  type SavedSearch,
  searchQueries,
  searchRootOf,
  storeSearch,
  type StoredSearch,
} from '../executions/executionViews';
import type { ExecutionRow } from '../swf/gateway';
import { affectsSetting, inspectSetting, readSetting, writeSetting } from './config';
import type { Connections } from './connections';
import { ExecutionSearch, type SearchState } from './executionSearch';
import type { RootsModel } from './roots';

export interface RootSearch {
  spec: ExecutionSearchSpec;
  /** The saved search it runs, if any. */
  savedName?: string;
  searches: ExecutionSearch[];
  /** Set while the gateway is made (before the searches exist), or when it could not be. */
  starting?: boolean;
  error?: unknown;
}

export interface RootSearchView {
  rows: ExecutionRow[];
  hasMore: boolean;
  busy: boolean;
  count?: string;
  error?: unknown;
  problems: string[];
}

export class ExecutionsViewModel implements vscode.Disposable {
  private readonly active = new Map<string, RootSearch>();
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  /** A root's search changed (its id), or the saved searches (undefined). */
  readonly onDidChange = this.changed.event;
  private saved: SavedSearch[] = [];
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    roots: RootsModel,
    private readonly connections: Connections,
    private readonly log: vscode.LogOutputChannel,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.readSaved();
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsSetting(e, 'savedSearches')) {
          this.readSaved();
          this.changed.fire(undefined);
        }
      }),
      roots.onDidChangeRoots(() => {
        for (const [id, search] of this.active) {
          if (roots.get(id)) continue;
          for (const s of search.searches) s.dispose();
          this.active.delete(id);
        }
        this.changed.fire(undefined);
      }),
    );
  }

  /** What a root shows now; the default search starts on first ask. */
  view(root: RootSpec): RootSearchView {
    const id = rootId(root);
    let active = this.active.get(id);
    if (!active) {
      void this.search(root, DEFAULT_SEARCH);
      active = this.active.get(id);
    }
    if (!active) return { rows: [], hasMore: false, busy: true, problems: [] };
    const states: SearchState[] = active.searches.map((s) => s.state);
    const busy = active.starting === true || states.some((s) => s.phase === 'counting' || s.phase === 'loading' || s.phase === 'more');
    return {
      rows: mergeNewestFirst(...states.map((s) => s.rows)),
      hasMore: states.some((s) => s.hasMore),
      busy,
      count: countText(states.map((s) => s.count)),
      error: active.error ?? states.find((s) => s.phase === 'error')?.error,
      problems: states.flatMap((s) => s.problems ?? []),
    };
  }

  current(root: RootSpec): RootSearch | undefined {
    return this.active.get(rootId(root));
  }

  /** Runs a search on a root, replacing what it showed (an older search in flight is aborted). */
  async search(root: RootSpec, spec: ExecutionSearchSpec, savedName?: string): Promise<void> {
    const id = rootId(root);
    for (const s of this.active.get(id)?.searches ?? []) s.dispose();
    const entry: RootSearch = { spec, savedName, searches: [], starting: true };
    this.active.set(id, entry);
    this.changed.fire(id);
    let gateway;
    try {
      gateway = await this.connections.gateway(root.connection);
    } catch (error) {
      if (this.active.get(id) !== entry) return;
      entry.starting = false;
      entry.error = error;
      this.changed.fire(id);
      return;
    }
    if (this.active.get(id) !== entry) return;
    entry.starting = false;
    entry.searches = searchQueries(spec, this.now()).map((query) => new ExecutionSearch(gateway, root.domain, query));
    for (const s of entry.searches) s.onChange(() => this.changed.fire(id));
    this.log.info(`Listing the executions of ${root.domain}${savedName ? ` (saved search "${savedName}")` : ''}.`);
    this.log.debug(`Executions of ${root.domain}: ${JSON.stringify(storeSearch(savedName ?? '', searchRootOf(storedRoot(root)), spec))}`);
    await Promise.all(entry.searches.map((s) => s.run()));
  }

  /** Reads the next page of each list that has one. */
  async loadMore(root: RootSpec): Promise<void> {
    const active = this.active.get(rootId(root));
    if (!active) return;
    await Promise.all(active.searches.map((s) => s.loadMore()));
  }

  /** The saved searches of a root, in the setting's order. */
  savedFor(root: RootSpec): SavedSearch[] {
    const mine = searchRootOf(storedRoot(root));
    return this.saved.filter((s) => sameSearchRoot(s.root, mine));
  }

  /** Saves (or replaces, by name on the same root) a search, in the same settings scope as the list was found. */
  async save(root: RootSpec, name: string, spec: ExecutionSearchSpec): Promise<void> {
    const entries = this.entries();
    const mine = searchRootOf(storedRoot(root));
    const stored = storeSearch(name, mine, spec);
    const at = entries.findIndex((e) => isSame(e, name, mine));
    if (at >= 0) entries[at] = stored;
    else entries.push(stored);
    await this.write(entries);
  }

  async deleteSaved(root: RootSpec, name: string): Promise<void> {
    const mine = searchRootOf(storedRoot(root));
    await this.write(this.entries().filter((e) => !isSame(e, name, mine)));
  }

  private entries(): unknown[] {
    const value: unknown = readSetting('savedSearches');
    return Array.isArray(value) ? [...(value as unknown[])] : [];
  }

  private async write(entries: unknown[]): Promise<void> {
    const inspected = inspectSetting('savedSearches');
    // Like the roots: a workspace that shares its saved searches keeps them there; otherwise the user's settings.
    const target = inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await writeSetting('savedSearches', entries.length ? entries : undefined, target);
    this.readSaved();
    this.changed.fire(undefined);
  }

  private readSaved(): void {
    const { searches, problems } = parseSavedSearches(readSetting('savedSearches'));
    this.saved = searches;
    for (const problem of problems) this.log.warn(`Saved search skipped: ${problem}`);
  }

  dispose(): void {
    for (const a of this.active.values()) for (const s of a.searches) s.dispose();
    this.active.clear();
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

function isSame(entry: unknown, name: string, root: StoredSearch['root']): boolean {
  const e = entry as Partial<StoredSearch> | null;
  return typeof e === 'object' && e !== null && e.name === name && typeof e.root === 'object' && e.root !== null && sameSearchRoot(e.root, root);
}
