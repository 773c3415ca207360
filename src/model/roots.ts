/**
 * The watched domains ("roots"), each a domain on a connection, in the order
 * the person chose. They live in the `swfTasks.roots` setting, so a team can
 * share them in a workspace's settings.json, and a change there (by hand, or
 * in another window) shows at once. Each root has its own RootModel.
 *
 * Also here: the text filter over all roots (per workspace), and the one-off
 * migration of the single connection and domain of earlier versions.
 */
import * as vscode from 'vscode';
import { awsConnection, parseRootEntry, parseRoots, type RootSpec, rootId, settingEntries, storedRoot } from '../connection/connection';
import { resolveRegion } from '../connection/profiles';
import { ContextKeys, StateKeys, type StoredRoot } from '../ids';
import type { ClaimStore } from '../claims/claims';
import { affectsSetting, inspectSetting, readSetting, writeSetting } from './config';
import type { Connections } from './connections';
import { RootModel } from './rootModel';

export class RootsModel implements vscode.Disposable {
  private models: RootModel[] = [];
  private readonly rootsChanged = new vscode.EventEmitter<void>();
  /** Fires when roots were added, removed or reordered. */
  readonly onDidChangeRoots = this.rootsChanged.event;
  private readonly rootChanged = new vscode.EventEmitter<RootModel>();
  /** Fires when one root's state changed. */
  readonly onDidChangeRoot = this.rootChanged.event;
  private readonly filterChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeFilter = this.filterChanged.event;
  private readonly perRoot = new Map<RootModel, vscode.Disposable>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** How many views show the roots now: auto-refresh runs while any does. */
  private watchers = 0;
  private problemsShown = '';

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly connections: Connections,
    private readonly claims: ClaimStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsSetting(e, 'roots')) this.reconcile();
        if (affectsSetting(e, 'autoRefreshSeconds')) this.applyAutoRefresh();
        if (affectsSetting(e, 'maxExecutions')) for (const model of this.models) void model.refresh();
      }),
    );
    this.reconcile();
  }

  get roots(): readonly RootModel[] {
    return this.models;
  }

  get(id: string): RootModel | undefined {
    return this.models.find((m) => m.id === id);
  }

  /** The root watching this domain on this connection, if any. */
  find(spec: RootSpec): RootModel | undefined {
    return this.get(rootId(spec));
  }

  /** Adds a root at the end (or returns the one already watching it), and loads it. */
  async add(spec: RootSpec): Promise<RootModel> {
    const existing = this.find(spec);
    if (existing) return existing;
    await this.write([...this.entries(), storedRoot(spec)]);
    const added = this.find(spec);
    if (!added) throw new Error(`The root ${rootId(spec)} was written to the settings but did not appear.`);
    return added;
  }

  /** Stops watching a root. Its claims stay in the claim store: the caller decides about them. */
  async remove(id: string): Promise<void> {
    await this.write(this.entries().filter((entry) => entryId(entry) !== id));
  }

  /** Moves a root up (-1) or down (+1), past the next root shown; entries the view skips stay where they are. */
  async move(id: string, delta: -1 | 1): Promise<void> {
    const entries = this.entries();
    const shown = this.models.map((m) => entries.findIndex((entry) => entryId(entry) === m.id));
    const from = this.models.findIndex((m) => m.id === id);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= shown.length) return;
    [entries[shown[from]], entries[shown[to]]] = [entries[shown[to]], entries[shown[from]]];
    await this.write(entries);
  }

  refreshAll(): Promise<void> {
    return Promise.all(this.models.map((m) => m.refresh())).then(() => undefined);
  }

  /**
   * A view (the tree, a status bar, an executions view) says it shows the
   * roots; auto-refresh runs while at least one does. Dispose to stop watching.
   */
  watch(): vscode.Disposable {
    this.watchers++;
    this.applyAutoRefresh();
    let done = false;
    return new vscode.Disposable(() => {
      if (done) return;
      done = true;
      this.watchers--;
      this.applyAutoRefresh();
    });
  }

  /** The text the tree is filtered by, remembered per workspace; empty for none. */
  get filter(): string {
    return this.context.workspaceState.get<string>(StateKeys.filter, '');
  }

  async setFilter(query: string): Promise<void> {
    await this.context.workspaceState.update(StateKeys.filter, query || undefined);
    this.filterChanged.fire();
  }

  /**
   * First start after the upgrade to roots: the single connection (profile,
   * region and endpoint settings) and the domain selected in this workspace
   * become the first root, so nothing is lost. Runs once: the old domain is
   * removed from the workspace state afterwards.
   */
  async migrateLegacySelection(): Promise<void> {
    const domain = this.context.workspaceState.get<string>(StateKeys.legacyDomain);
    if (!domain) return;
    // Added even when other roots exist (another workspace migrated first): each workspace's domain is kept.
    const connection = await legacyConnection();
    this.log.info(`Migrated the selected domain "${domain}" on ${connection.kind === 'aws' ? connection.region : 'sandbox'} into the watched roots.`);
    await this.add({ connection, domain });
    await this.context.workspaceState.update(StateKeys.legacyDomain, undefined);
  }

  /**
   * Writes the roots where they are kept: the workspace's settings when the
   * workspace already lists roots (a team sharing them), else the user's
   * settings, so adding a production domain never edits a project's files
   * unasked.
   */
  private async write(entries: readonly unknown[]): Promise<void> {
    const target = inspectSetting('roots')?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await writeSetting('roots', entries as StoredRoot[], target);
    this.reconcile();
  }

  /**
   * The setting's entries as written, the ones the view skips (not a root, or
   * a root listed twice) included: an add, remove or move must not delete
   * what a person wrote by hand and has yet to correct.
   */
  private entries(): unknown[] {
    return [...settingEntries(readSetting('roots'))];
  }

  /** Makes the models match the setting: keeps the ones still listed (with their state), adds and loads new ones, disposes the rest. */
  private reconcile(): void {
    const { roots, problems } = parseRoots(readSetting('roots'));
    this.reportProblems(problems);
    const before = this.models;
    const next = roots.map((spec) => before.find((m) => m.id === rootId(spec)) ?? this.create(spec));
    const same = next.length === before.length && next.every((m, i) => m === before[i]);
    for (const model of before) if (!next.includes(model)) this.release(model);
    this.models = next;
    this.applyAutoRefresh();
    void vscode.commands.executeCommand('setContext', ContextKeys.hasRoots, next.length > 0);
    if (!same) this.rootsChanged.fire();
  }

  private create(spec: RootSpec): RootModel {
    const model = new RootModel(spec, this.connections, this.claims, this.log);
    this.perRoot.set(model, model.onDidChange(() => this.rootChanged.fire(model)));
    void model.refresh();
    return model;
  }

  private release(model: RootModel): void {
    this.perRoot.get(model)?.dispose();
    this.perRoot.delete(model);
    model.dispose();
  }

  private applyAutoRefresh(): void {
    const seconds = readSetting('autoRefreshSeconds');
    for (const model of this.models) model.setAutoRefresh(seconds, this.watchers > 0);
  }

  private reportProblems(problems: readonly string[]): void {
    const text = problems.join(' ');
    if (text && text !== this.problemsShown) {
      this.log.warn(`Some watched domains in the settings were skipped: ${text}`);
      const openSettings = vscode.l10n.t('Open Settings');
      void vscode.window.showWarningMessage(vscode.l10n.t('Some watched domains in the settings were skipped: {0}', text), openSettings).then(
        (choice) => choice === openSettings && vscode.commands.executeCommand('workbench.action.openSettingsJson'),
      );
    }
    this.problemsShown = text;
  }

  dispose(): void {
    for (const model of this.models) this.release(model);
    this.models = [];
    this.rootsChanged.dispose();
    this.rootChanged.dispose();
    this.filterChanged.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

/** The root an entry of the setting names, or undefined for an entry the view skips. */
function entryId(entry: unknown): string | undefined {
  const parsed = parseRootEntry(entry);
  return typeof parsed === 'string' ? undefined : rootId(parsed);
}

/** The connection earlier versions kept in three settings; an empty region resolves as it did then. */
export async function legacyConnection(): Promise<ReturnType<typeof awsConnection>> {
  const profile = readSetting('legacyProfile').trim();
  const { region } = await resolveRegion(readSetting('legacyRegion'), profile);
  return awsConnection(profile, region, readSetting('legacyEndpoint'));
}
