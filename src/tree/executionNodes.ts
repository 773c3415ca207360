/**
 * The Executions view's nodes as plain data, and the text of an execution
 * row (label, description, icon name, context value), built by pure
 * functions so they are unit-tested without VS Code. An execution row is
 * also an ExecutionTarget (kind 'execution', its root, workflow ID, run ID):
 * the workflow actions and Open Execution take it as it is.
 * No vscode import.
 */
import { t } from '@vscode/l10n';
import type { RootSpec } from '../connection/connection';
import type { ExecutionTarget } from '../inbox/taskGroups';
import type { ExecutionRow } from '../swf/gateway';
import { formatLocalTime } from './format';
import type { RegistryNode } from './registryNodes';

export interface ExecRootNode {
  kind: 'execRoot';
  rootId: string;
  root: RootSpec;
}

/** "Search…" under a root: what the root shows now, and a click asks for a new search. */
export interface ExecSearchNode {
  kind: 'execSearch';
  rootId: string;
  root: RootSpec;
}

export interface SavedSearchNode {
  kind: 'savedSearch';
  rootId: string;
  root: RootSpec;
  name: string;
}

export interface ExecutionNode extends ExecutionTarget {
  rootId: string;
  row: ExecutionRow;
}

export interface ExecLoadMoreNode {
  kind: 'execLoadMore';
  rootId: string;
  root: RootSpec;
}

/** The registry's nodes (Types, its kinds and their types) sit under each root too (issue 18). */
export type ExecutionsNode = ExecRootNode | ExecSearchNode | SavedSearchNode | ExecutionNode | ExecLoadMoreNode | RegistryNode;

export function executionNode(rootId: string, root: RootSpec, row: ExecutionRow): ExecutionNode {
  return { kind: 'execution', rootId, root, workflowId: row.workflowId, runId: row.runId, row };
}

/** `ChargeCard 1.0`, or the workflow ID when the peer named no type. */
export function executionLabel(row: ExecutionRow): string {
  return row.workflowType ? `${row.workflowType.name} ${row.workflowType.version}` : row.workflowId;
}

/** What the row's status says: `open`, `open · cancel requested`, or the close status. */
export function executionStatusText(row: ExecutionRow): string {
  if (row.status === 'OPEN') return row.cancelRequested ? t('open · cancel requested') : t('open');
  return row.closeStatus ?? t('closed');
}

/** `order-7 · COMPLETED · 12/7/2026, 01:02 → 01:05 · urgent, eu`. */
export function executionDescription(row: ExecutionRow): string {
  const started = formatLocalTime(row.startedAt);
  const closed = formatLocalTime(row.closedAt);
  const times = started ? (closed ? `${started} → ${closed}` : started) : undefined;
  return [row.workflowId, executionStatusText(row), times, row.tags.length ? row.tags.join(', ') : undefined].filter(Boolean).join(' · ');
}

/** A codicon per status, in SWF's words. */
export function executionIcon(row: ExecutionRow): { id: string; color?: string } {
  if (row.status === 'OPEN') return row.cancelRequested ? { id: 'warning', color: 'list.warningForeground' } : { id: 'sync', color: 'charts.blue' };
  switch (row.closeStatus) {
    case 'COMPLETED':
      return { id: 'pass', color: 'testing.iconPassed' };
    case 'FAILED':
      return { id: 'error', color: 'testing.iconFailed' };
    case 'TIMED_OUT':
      return { id: 'watch', color: 'list.warningForeground' };
    case 'CANCELED':
      return { id: 'circle-slash' };
    case 'TERMINATED':
      return { id: 'stop-circle', color: 'testing.iconFailed' };
    case 'CONTINUED_AS_NEW':
      return { id: 'debug-restart' };
    default:
      return { id: 'circle-outline' };
  }
}

/** `execution` (open: the workflow actions apply) or `closedExecution`. */
export function executionContextValue(row: ExecutionRow): 'execution' | 'closedExecution' {
  return row.status === 'OPEN' ? 'execution' : 'closedExecution';
}

export function isExecutionsNode(value: unknown, kind: ExecutionsNode['kind']): boolean {
  const node = value as { kind?: unknown; rootId?: unknown } | null;
  return typeof node === 'object' && node !== null && node.kind === kind && typeof node.rootId === 'string';
}
