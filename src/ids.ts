/**
 * Every identifier the extension shares with its manifest (`package.json`),
 * declared once: command ids, context keys, view ids and setting keys with
 * their defaults. A unit test (test/unit/ids.test.ts) checks the manifest
 * against this module, so the two cannot drift apart.
 *
 * No `vscode` import: the pure layers and plain-Node tests read it too.
 */

export const CONFIG_SECTION = 'swfTasks';

export const Views = {
  container: 'swfActivityTasks',
  tasks: 'swfTasks',
  executions: 'swfTasks.executions',
} as const;

/** Webview panel types: the `onWebviewPanel:` activation event and the serializer that restores them after a reload. */
export const Webviews = {
  execution: 'swfTasks.execution',
} as const;

export const Commands = {
  addRoot: 'swfTasks.addRoot',
  removeRoot: 'swfTasks.removeRoot',
  moveRootUp: 'swfTasks.moveRootUp',
  moveRootDown: 'swfTasks.moveRootDown',
  refresh: 'swfTasks.refresh',
  filter: 'swfTasks.filter',
  clearFilter: 'swfTasks.clearFilter',
  loadMore: 'swfTasks.loadMore',
  claimNextTask: 'swfTasks.claimNextTask',
  completeTask: 'swfTasks.completeTask',
  failTask: 'swfTasks.failTask',
  cancelTask: 'swfTasks.cancelTask',
  submitAnswerEditor: 'swfTasks.submitAnswerEditor',
  showExecutionHistory: 'swfTasks.showExecutionHistory',
  startSandbox: 'swfTasks.startSandbox',
  stopSandbox: 'swfTasks.stopSandbox',
  showLog: 'swfTasks.showLog',
  signalWorkflow: 'swfTasks.signalWorkflow',
  requestCancelWorkflow: 'swfTasks.requestCancelWorkflow',
  terminateWorkflow: 'swfTasks.terminateWorkflow',
  revealTask: 'swfTasks.revealTask',
  openExecution: 'swfTasks.openExecution',
  exportHistory: 'swfTasks.exportHistory',
  createResultSchema: 'swfTasks.createResultSchema',
  saveAsTemplate: 'swfTasks.saveAsTemplate',
  showAnswerJournal: 'swfTasks.showAnswerJournal',
  // The Executions view (issue 17).
  searchExecutions: 'swfTasks.searchExecutions',
  runSavedSearch: 'swfTasks.runSavedSearch',
  saveSearch: 'swfTasks.saveSearch',
  deleteSavedSearch: 'swfTasks.deleteSavedSearch',
  loadMoreExecutions: 'swfTasks.loadMoreExecutions',
  refreshExecutions: 'swfTasks.refreshExecutions',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];

/**
 * Commands contributed to the manifest but kept out of the Command Palette
 * (`"when": "false"`): they only make sense on the row that carries them.
 */
export const ROW_ONLY_COMMANDS: readonly CommandId[] = [Commands.loadMore, Commands.moveRootUp, Commands.moveRootDown, Commands.revealTask, Commands.createResultSchema, Commands.runSavedSearch, Commands.loadMoreExecutions, Commands.deleteSavedSearch];

/** Status-bar item ids (VS Code remembers per id whether a person hid the item). */
export const StatusBarItems = {
  claims: 'swfTasks.claims',
} as const;

export const ContextKeys = {
  /** At least one domain is watched; the welcome view shows while it is false. */
  hasRoots: 'swfTasks.hasRoots',
  filtered: 'swfTasks.filtered',
  sandboxRunning: 'swfTasks.sandboxRunning',
  /** URIs of the untitled editors waiting for "Submit to SWF". */
  answerEditors: 'swfTasks.answerEditors',
} as const;

/**
 * One watched domain as stored in the `swfTasks.roots` setting. An AWS
 * connection is a profile (empty: the SDK's default chain), a concrete
 * region and an optional endpoint; `sandbox: true` is the local sandbox.
 */
export interface StoredRoot {
  domain: string;
  profile?: string;
  region?: string;
  endpoint?: string;
  sandbox?: boolean;
  /** A watched root's server-side filter, in the API's words: one of typeFilter, tagFilter, workflowId. */
  filter?: { typeFilter?: { name: string; version?: string }; tagFilter?: { tag: string }; workflowId?: string };
}

/** Each setting the code reads, with the default the manifest declares. */
export const Settings = {
  roots: { key: 'roots', default: [] as StoredRoot[] },
  identity: { key: 'identity', default: '' },
  maxExecutions: { key: 'maxExecutions', default: 500 },
  pollTimeoutSeconds: { key: 'pollTimeoutSeconds', default: 75 },
  requestTimeoutSeconds: { key: 'requestTimeoutSeconds', default: 30 },
  autoRefreshSeconds: { key: 'autoRefreshSeconds', default: 60 },
  /** The read budget per account and region (src/swf/readBudget.ts): a fifth of SWF's 60/s refill. */
  historyReadsPerSecond: { key: 'historyReadsPerSecond', default: 12 },
  keepClaimedTasksAlive: { key: 'keepClaimedTasksAlive', default: true },
  /** Where result schemas are looked up, relative to each workspace folder (or absolute). */
  schemasFolder: { key: 'schemasFolder', default: '.swf/schemas' },
  /** Days an answer journal entry is kept; 0 keeps them all. */
  journalRetentionDays: { key: 'journalRetentionDays', default: 90 },
  /** Whether journal entries hold the sent text itself (by default only its length and SHA-256). */
  journalIncludeText: { key: 'journalIncludeText', default: false },
  /** Saved executions searches per root (src/executions/executionViews.ts reads them). */
  savedSearches: { key: 'savedSearches', default: [] as unknown[] },
  /** The single connection of versions before roots: read once, to migrate it into the first root. */
  legacyProfile: { key: 'profile', default: '' },
  legacyRegion: { key: 'region', default: '' },
  legacyEndpoint: { key: 'endpoint', default: '' },
} as const;

export type SettingName = keyof typeof Settings;
export type SettingValue<K extends SettingName> = K extends 'roots'
  ? StoredRoot[]
  : (typeof Settings)[K]['default'] extends readonly unknown[]
  ? unknown[]
  : (typeof Settings)[K]['default'] extends boolean
    ? boolean
    : (typeof Settings)[K]['default'] extends number
      ? number
      : string;

/** Keys in VS Code's SecretStorage: the claimed tasks with their tokens (v1: before connections were values). */
export const SecretKeys = {
  claims: 'swfTasks.claimedTasks.v2',
  legacyClaims: 'swfTasks.claimedTasks.v1',
  /** What was typed for answers not yet sent (src/model/drafts.ts): v1 held every draft in one entry; read once to migrate, then removed. */
  drafts: 'swfTasks.drafts.v1',
  /** The index of the drafts kept one per entry: each draft's id and when it was last changed. */
  draftIndex: 'swfTasks.drafts.v2',
  /** Prefix of one draft's own entry; the draft's id follows. */
  draftPrefix: 'swfTasks.draft.v2:',
} as const;

/** Workspace-state keys (not settings: per workspace, never shared). */
export const StateKeys = {
  filter: 'swfTasks.filter',
  /** The domain selected by versions before roots; migrated into the first root, then removed. */
  legacyDomain: 'swfTasks.domain',
} as const;
