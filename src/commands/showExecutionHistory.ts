/**
 * Show Execution History: logs every event of an execution to the output
 * channel, page by page (long histories have up to 25,000 events), under a
 * cancellable progress notification. It reads through the connection of the
 * node it was run on: a claimed task's own, even when no root watches it.
 */
import * as vscode from 'vscode';
import { formatHistoryEvent } from '../history/historyFormat';
import type { CommandContext } from './commandContext';
import { resolveExecution } from './resolveExecution';

export async function showExecutionHistory(ctx: CommandContext, arg?: unknown): Promise<number | undefined> {
  const target = await resolveExecution(ctx, arg, vscode.l10n.t('Show Execution History'));
  if (!target?.workflowId) return undefined;
  const { domain, connection } = target.root;
  const execution = { workflowId: target.workflowId, runId: target.runId };

  const gateway = await ctx.connections.gateway(connection);
  ctx.log.show(true);
  ctx.log.info(`History of ${execution.workflowId} (run ${execution.runId}) in ${domain} on ${gateway.description}:`);
  let count = 0;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading the history of {0}', execution.workflowId), cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      for await (const page of gateway.historyPages(domain, execution, { reverseOrder: false, signal: abort.signal })) {
        for (const event of page) ctx.log.info(`  ${formatHistoryEvent(event)}`);
        count += page.length;
        progress.report({ message: vscode.l10n.t('{0} events', count.toLocaleString()) });
      }
    },
  );
  ctx.log.info(`${count} events in the history of ${execution.workflowId}.`);
  return count;
}
