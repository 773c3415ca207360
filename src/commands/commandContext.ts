/** What every command handler gets: the models of the running extension, never a view. */
import type * as vscode from 'vscode';
import type { ClaimKeeper } from '../model/claimKeeper';
import type { Connections } from '../model/connections';
import type { ExecutionsViewModel } from '../model/executionsView';
import type { RegistryModel } from '../model/registryModel';
import type { RootsModel } from '../model/roots';
import type { ClaimStore } from '../claims/claims';
import type { TaskRow } from '../inbox/taskGroups';
import type { LoadMoreNode } from '../tree/treeItems';

/** The one thing a command asks of the view: its own paging of long task lists. */
export interface RowPaging {
  showMoreRows(node: LoadMoreNode): void;
}

/** What Reveal Task asks of the view: to show a task row. */
export interface RowReveal {
  /** A row, or a row's id (`taskRowId`), as the claims status bar passes it. */
  revealTask(row: TaskRow | string): Promise<void>;
}

export interface CommandContext {
  readonly roots: RootsModel;
  readonly claims: ClaimStore;
  readonly keeper: ClaimKeeper;
  readonly connections: Connections;
  readonly paging: RowPaging;
  readonly rows: RowReveal;
  readonly log: vscode.LogOutputChannel;
  readonly extension: vscode.ExtensionContext;
  /** The Executions view's searches and saved searches. */
  readonly executions: ExecutionsViewModel;
  /** The registry (domains and types) of each root. */
  readonly registry: RegistryModel;
}
