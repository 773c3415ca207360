/**
 * The execution panels' tab titles. A tab is named after its workflow ID;
 * when two open panels show runs of one workflow ID (a re-run under the same
 * ID, or an older run beside the current one), each also names its run, so
 * the tabs can be told apart. No vscode import: unit-tested alone.
 */
import { t } from '@vscode/l10n';

export interface TitledRun {
  workflowId: string;
  runId: string;
}

/** How much of a run ID a title shows: SWF's run IDs differ within their first characters. */
const RUN_PREFIX = 6;

/** Each run's title, in the order given: `order-7`, or `order-7 · run Ab12Cd` when another panel shows a run of order-7 too (on any root: the tabs share one window). */
export function panelTitles(runs: readonly TitledRun[]): string[] {
  const count = new Map<string, number>();
  for (const run of runs) count.set(run.workflowId, (count.get(run.workflowId) ?? 0) + 1);
  return runs.map((run) => ((count.get(run.workflowId) ?? 0) > 1 ? t('{0} · run {1}', run.workflowId, run.runId.slice(0, RUN_PREFIX)) : run.workflowId));
}
