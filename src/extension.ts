/**
 * Entry point: wires the models, the view and the commands together.
 * Nothing here decides anything; see src/swf for the rules, src/model for
 * state and SWF reads, src/tree for the view, src/commands for what each
 * command does.
 */
import * as vscode from 'vscode';
import { showClaimAlerts } from './commands/claimAlerts';
import { disposeCommands, registerCommands, runWorkflowAction } from './commands/registerCommands';
import { ContextKeys, Views } from './ids';
import { shareL10nBundle } from './l10nBundle';
import { ClaimKeeper } from './model/claimKeeper';
import { Connections } from './model/connections';
import { legacyConnection, RootsModel } from './model/roots';
import { ClaimStore } from './claims/claims';
import { TasksTreeProvider } from './tree/tasksTreeProvider';
import type { TasksNode } from './tree/treeItems';
import { ClaimsStatusBar } from './views/claimsStatusBar';
import { ExecutionsViewModel } from './model/executionsView';
import { RegistryModel } from './model/registryModel';
import { ExecutionsTreeProvider } from './tree/executionsTreeProvider';
import type { ExecutionsNode } from './tree/executionNodes';
import { ExecutionPanels } from './views/executionPanels';

/** What tests (and other extensions) get from `activate`. */
export interface SwfTasksApi {
  readonly roots: RootsModel;
  readonly claims: ClaimStore;
  readonly keeper: ClaimKeeper;
  readonly connections: Connections;
  readonly tasksProvider: TasksTreeProvider;
  readonly treeView: vscode.TreeView<TasksNode>;
  readonly claimsStatusBar: ClaimsStatusBar;
  /** The open execution panels (Open Execution), and what they post to their pages. */
  readonly executionPanels: ExecutionPanels;
  /** The Executions view: its model, provider and tree view. */
  readonly executions: ExecutionsViewModel;
  readonly executionsProvider: ExecutionsTreeProvider;
  readonly executionsView: vscode.TreeView<ExecutionsNode>;
  /** The registry (domains and types) of each root, shown under its Types node in the Executions view. */
  readonly registry: RegistryModel;
  /** Folder of the output channel's log file, so tests can read what was logged. */
  readonly logUri: vscode.Uri;
  /**
   * Everything else the extension may write besides SecretStorage (which holds
   * tokens by design): its storage folders and its mementos. For the secrets
   * scan (test/integration/secretsScan.test.ts).
   */
  readonly storage: Pick<vscode.ExtensionContext, 'globalStorageUri' | 'storageUri' | 'globalState' | 'workspaceState'>;
}

export function activate(context: vscode.ExtensionContext): SwfTasksApi {
  shareL10nBundle();
  const log = vscode.window.createOutputChannel('SWF Activity Tasks', { log: true });
  const connections = new Connections(log);
  const claims = new ClaimStore(context.secrets, { legacyConnection });
  const roots = new RootsModel(context, connections, claims, log);
  const keeper = new ClaimKeeper(claims, connections, log);
  const tasksProvider = new TasksTreeProvider(roots, claims, keeper);
  const treeView = vscode.window.createTreeView(Views.tasks, { treeDataProvider: tasksProvider, showCollapseAll: true });
  const claimsStatusBar = new ClaimsStatusBar(roots, claims, keeper);
  const executions = new ExecutionsViewModel(roots, connections, log);
  const registry = new RegistryModel(roots, connections);
  const executionsProvider = new ExecutionsTreeProvider(roots, executions, registry);
  const executionsView = vscode.window.createTreeView(Views.executions, { treeDataProvider: executionsProvider, showCollapseAll: true });
  const executionPanels = new ExecutionPanels({ extensionUri: context.extensionUri, connections, roots, log, onAction: runWorkflowAction });

  context.subscriptions.push(
    log,
    connections,
    roots,
    keeper,
    tasksProvider,
    treeView,
    executionPanels,
    executions,
    registry,
    executionsProvider,
    executionsView,
    executionsProvider.attach(executionsView),
    tasksProvider.attach(treeView),
    claimsStatusBar,
    showClaimAlerts(keeper),
    // What a heartbeat learnt shows in the root that watches the claim, if any.
    keeper.onDidRequestCancel((claim) => void roots.find(claim)?.refresh()),
    keeper.onDidClose((claim) => void roots.find(claim)?.refresh()),
    ...registerCommands({ roots, claims, keeper, connections, paging: tasksProvider, rows: tasksProvider, log, extension: context, executions, registry }, executionPanels),
  );
  void vscode.commands.executeCommand('setContext', ContextKeys.filtered, roots.filter !== '');
  void roots.migrateLegacySelection().catch((error: unknown) => log.error(`Could not migrate the selected domain: ${String(error)}`));
  const storage = { globalStorageUri: context.globalStorageUri, storageUri: context.storageUri, globalState: context.globalState, workspaceState: context.workspaceState };
  return { roots, claims, keeper, connections, tasksProvider, treeView, claimsStatusBar, executionPanels, executions, executionsProvider, executionsView, registry, logUri: context.logUri, storage };
}

export function deactivate(): Promise<void> {
  return disposeCommands();
}
