/**
 * `npm run bench`, part 3: a watched root with a server-side filter against the
 * same root unfiltered. One domain (5,000 open executions by default) where
 * 5% carry the tag `watched`; SWF's quotas on, 20 ms per call, the default
 * read budget (swfTasks.historyReadsPerSecond). A full round is a first load:
 * every listed execution's history read once. The filter goes to
 * ListOpenWorkflowExecutions (tagFilter), so the budget goes only to matches.
 */
import { performance } from 'node:perf_hooks';
import { resolveCallTarget, SANDBOX } from '../../src/connection/connection';
import type { WatchFilter } from '../../src/executions/executionQuery';
import { Settings } from '../../src/ids';
import { generateLargeDomain, SwfSandbox } from '../../src/sandbox';
import { createSwfGateway } from '../../src/swf/gateway';
import { TokenBucket } from '../../src/swf/readBudget';
import { OpenTaskLister } from '../../src/swf/taskLister';
import { eventsOf } from './domains';

export interface FilteredRound {
  root: 'unfiltered' | 'tag filter';
  executionsListed: number;
  calls: Record<string, number>;
  totalCalls: number;
  wallMs: number;
  tasks: number;
}

export async function benchFilteredRoot(executions: number, latencyMs: number, log: (line: string) => void): Promise<FilteredRound[]> {
  const sandbox = new SwfSandbox({ port: 0, pageSize: 1000, maxPollWaitMs: 1000 });
  const { endpoint } = await sandbox.start();
  const rounds: FilteredRound[] = [];
  try {
    // Every 20th execution is watched: 5%.
    const { domain } = generateLargeDomain(sandbox, { executions, eventsPerExecution: 60, eventsOf, taskLists: ['payments', 'shipping', 'email'], tagsOf: (i) => (i % 20 === 0 ? ['watched'] : []) });
    sandbox.configure({ latencyMs, throttling: true });
    log(`\nwatched root: ${executions} open executions, 5% tagged "watched"; ${latencyMs} ms per call; SWF quotas on; read budget ${Settings.historyReadsPerSecond.default}/s`);
    for (const [root, filter] of [['tag filter', { kind: 'tag', tag: 'watched' }], ['unfiltered', undefined]] as const satisfies readonly (readonly [FilteredRound['root'], WatchFilter | undefined])[]) {
      sandbox.configure({ throttleQuotas: {} }); // refills every bucket
      const gateway = await createSwfGateway(resolveCallTarget(SANDBOX, endpoint), { pollTimeoutMs: 75_000, historyBudget: new TokenBucket({ ratePerSecond: Settings.historyReadsPerSecond.default }) });
      const lister = new OpenTaskLister(gateway, domain, { maxExecutions: executions, ...(filter && { filter }) });
      const start = performance.now();
      const listing = await lister.refresh();
      const wallMs = performance.now() - start;
      const calls = gateway.callCounts();
      const round: FilteredRound = { root, executionsListed: listing.stats.executionsListed, calls, totalCalls: Object.values(calls).reduce((a, b) => a + b, 0), wallMs, tasks: listing.tasks.length };
      rounds.push(round);
      log(`  ${root.padEnd(10)} full round ${(wallMs / 1000).toFixed(1)} s; ${round.executionsListed} executions listed; ${round.totalCalls} calls (${Object.entries(calls).map(([op, n]) => `${op} ${n}`).join(', ')}); ${round.tasks} open tasks`);
      gateway.dispose();
    }
    return rounds;
  } finally {
    await sandbox.stop();
  }
}

/** The README's table row pair. */
export function filteredTable(executions: number, rounds: readonly FilteredRound[]): string {
  const lines = ['| root | executions listed | full round s | calls | GetWorkflowExecutionHistory | open tasks |', '| --- | ---: | ---: | ---: | ---: | ---: |'];
  for (const r of rounds) lines.push(`| ${r.root} (${executions.toLocaleString('en')} open) | ${r.executionsListed} | ${(r.wallMs / 1000).toFixed(1)} | ${r.totalCalls} | ${r.calls.GetWorkflowExecutionHistory ?? 0} | ${r.tasks} |`);
  return lines.join('\n');
}
