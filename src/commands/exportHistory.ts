/**
 * Export History: the whole history of an execution as JSON in an untitled
 * editor, to read, search or save. Read page by page (up to 25,000 events)
 * under a cancellable progress notification, through the execution's own
 * root connection. Histories hold no task token.
 */
import * as vscode from 'vscode';
import type { HistoryEvent } from '@aws-sdk/client-swf';
import type { CommandContext } from './commandContext';
import { resolveExecution } from './resolveExecution';

export async function exportHistory(ctx: CommandContext, arg?: unknown): Promise<vscode.TextDocument | undefined> {
  const target = await resolveExecution(ctx, arg, vscode.l10n.t('Export History'));
  if (!target?.workflowId) return undefined;
  const { domain, connection } = target.root;
  const execution = { workflowId: target.workflowId, runId: target.runId };
  const gateway = await ctx.connections.gateway(connection);
  const events: HistoryEvent[] = [];
  const complete = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading the history of {0}', execution.workflowId), cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      for await (const page of gateway.historyPages(domain, execution, { reverseOrder: false, pageSize: 1000, signal: abort.signal })) {
        events.push(...page);
        progress.report({ message: vscode.l10n.t('{0} events', events.length.toLocaleString()) });
      }
      return !token.isCancellationRequested;
    },
  );
  if (!complete) return undefined;
  const content = JSON.stringify({ domain, workflowId: execution.workflowId, runId: execution.runId, events }, null, 2);
  const document = await vscode.workspace.openTextDocument({ language: 'json', content });
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}
