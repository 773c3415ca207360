/**
 * `npm run bench`, part 2: this extension's refresh against a naive baseline
 * on the same seeded sandbox domain, with SWF's quotas on, 20 ms per call,
 * and a decider reading histories alongside (whose throttled calls are the
 * ones that matter: a tool for operators must never throttle production).
 *
 * Naive: list every open execution, read every history in full, same
 * concurrency, no budget. Ours: OpenTaskLister through a gateway with the
 * default read budget (TokenBucket at swfTasks.historyReadsPerSecond).
 *
 * Phases: first load; refresh with nothing changed; refresh after 1% of the
 * executions changed (a signal each: two new events). Each phase runs ours,
 * then the naive baseline on the same state, with SWF's buckets refilled
 * before each, so neither pays for the other's calls.
 */
import type { HistoryEvent } from '@aws-sdk/client-swf';
import { performance } from 'node:perf_hooks';
import { resolveCallTarget, SANDBOX } from '../../src/connection/connection';
import { Settings } from '../../src/ids';
import { generateLargeDomain, SwfSandbox } from '../../src/sandbox';
import { createSwfGateway, type ExecutionSummary, type SwfGateway } from '../../src/swf/gateway';
import { type OpenActivityTask, openTasksFromHistory } from '../../src/history/openTasks';
import { TokenBucket } from '../../src/swf/readBudget';
import { mapWithConcurrency, OpenTaskLister } from '../../src/swf/taskLister';

export interface DomainCase {
  executions: number;
  latencyMs: number;
  /** The decider's history reads per second (SWF refills 60/s for the whole account). */
  deciderReadsPerSecond: number;
  /** Only the first load (for its first-row time on a domain that lists in several pages). */
  firstLoadOnly?: boolean;
}

export interface PhaseResult {
  system: 'ours' | 'naive';
  phase: 'first load' | 'refresh, nothing changed' | 'refresh, 1% changed';
  calls: Record<string, number>;
  totalCalls: number;
  historyCalls: number;
  bytes: number;
  wallMs: number;
  firstRowMs: number;
  peakHeapBytes: number;
  throttledOwn: number;
  throttledDecider: number;
  deciderCalls: number;
  /** TCP connections this system's client opened during the phase (counted by the sandbox; the unsigned decider's are not). */
  tcpConnections: number;
  tasks: number;
  identical?: boolean;
}

export interface CaseResult {
  executions: number;
  events: number;
  phases: PhaseResult[];
  retainedBytesPerExecution: number;
  budgetPerSecond: number;
}

const CONCURRENCY = 8;
const PHASES = ['first load', 'refresh, nothing changed', 'refresh, 1% changed'] as const;

/** A realistic mix of history lengths, 10 to 5,000 events: most short, some long, a few very long (deterministic). */
export function eventsOf(i: number): number {
  const r = ((i * 2654435761) >>> 0) / 2 ** 32;
  if (r < 0.7) return 10 + Math.floor((r / 0.7) * 50);
  if (r < 0.95) return 60 + Math.floor(((r - 0.7) / 0.25) * 440);
  return 500 + Math.floor(((r - 0.95) / 0.05) * 4500);
}

/** A decider on the same account: polls for decision tasks and reads histories at a steady rate, over plain HTTP, counting what it gets. */
class Decider {
  calls = 0;
  throttled = 0;
  bytes = 0;
  private stopped = false;
  private readonly loops: Promise<void>[] = [];

  constructor(
    private readonly endpoint: string,
    private readonly domain: string,
    private readonly executions: readonly ExecutionSummary[],
    private readonly readsPerSecond: number,
  ) {}

  start(): void {
    this.loops.push(this.readLoop(), this.pollLoop());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.loops);
  }

  snapshot(): { calls: number; throttled: number; bytes: number } {
    return { calls: this.calls, throttled: this.throttled, bytes: this.bytes };
  }

  private async call(operation: string, input: unknown): Promise<void> {
    const response = await fetch(this.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `SimpleWorkflowService.${operation}` },
      body: JSON.stringify(input),
    });
    const text = await response.text();
    this.calls++;
    this.bytes += Buffer.byteLength(text);
    if (response.status === 400 && text.includes('ThrottlingException')) this.throttled++;
  }

  private async readLoop(): Promise<void> {
    const interval = 1000 / this.readsPerSecond;
    let next = performance.now();
    let i = 0;
    while (!this.stopped) {
      const execution = this.executions[(i++ * 7919) % this.executions.length];
      await this.call('GetWorkflowExecutionHistory', { domain: this.domain, execution: { workflowId: execution.workflowId, runId: execution.runId }, maximumPageSize: 100, reverseOrder: true });
      next += interval;
      const wait = next - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  }

  private async pollLoop(): Promise<void> {
    while (!this.stopped) await this.call('PollForDecisionTask', { domain: this.domain, taskList: { name: 'bench-decider-idle' }, identity: 'bench-decider' });
  }
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function heapUsed(): number {
  gc();
  return process.memoryUsage().heapUsed;
}

/** Samples the heap while `run` runs, for the peak above where it started. */
async function withPeak<T>(run: () => Promise<T>): Promise<{ value: T; peak: number }> {
  const base = heapUsed();
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
  try {
    const value = await run();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    return { value, peak: peak - base };
  } finally {
    clearInterval(timer);
  }
}

function diffCounts(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [op, n] of Object.entries(after)) if (n - (before[op] ?? 0) > 0) out[op] = n - (before[op] ?? 0);
  return out;
}

const sum = (r: Record<string, number> | undefined): number => Object.values(r ?? {}).reduce((a, b) => a + b, 0);

function taskKeys(tasks: readonly OpenActivityTask[]): string[] {
  return tasks.map((t) => `${t.workflowId}\u0000${t.runId}\u0000${t.scheduledEventId}\u0000${t.state}`).sort();
}

/** The naive baseline: every open execution listed, every history read in full, 8 in flight, no budget; rows only at the end. */
async function naiveLoad(gateway: SwfGateway, domain: string): Promise<OpenActivityTask[]> {
  const executions: ExecutionSummary[] = [];
  let token: string | undefined;
  do {
    const page = await gateway.listOpenExecutions(domain, token);
    executions.push(...page.executions);
    token = page.nextPageToken;
  } while (token);
  const perExecution = await mapWithConcurrency(executions, CONCURRENCY, async (execution) => {
    const events: HistoryEvent[] = [];
    for await (const page of gateway.historyPages(domain, execution, { reverseOrder: false })) events.push(...page);
    return openTasksFromHistory(execution.workflowId, execution.runId, events);
  });
  return perExecution.flat();
}

export async function benchDomain(c: DomainCase, log: (line: string) => void): Promise<CaseResult> {
  const sandbox = new SwfSandbox({ port: 0, pageSize: 1000, maxPollWaitMs: 1000 });
  const { endpoint } = await sandbox.start();
  const budgetPerSecond = Settings.historyReadsPerSecond.default;
  const phases: PhaseResult[] = [];
  try {
    const built = performance.now();
    const { domain } = generateLargeDomain(sandbox, { executions: c.executions, eventsPerExecution: 60, eventsOf, taskLists: ['payments', 'shipping', 'email'] });
    const events = Array.from({ length: c.executions }, (_, i) => eventsOf(i)).reduce((a, b) => a + b, 0);
    log(`\ndomain: ${c.executions} open executions, ${events.toLocaleString('en')} events (10..5,000 each), built in ${(performance.now() - built).toFixed(0)} ms; ${c.latencyMs} ms per call; SWF quotas on; decider reading ${c.deciderReadsPerSecond}/s`);
    sandbox.configure({ latencyMs: c.latencyMs, throttling: true });

    const target = resolveCallTarget(SANDBOX, endpoint);
    const ours = await createSwfGateway(target, { pollTimeoutMs: 75_000, historyBudget: new TokenBucket({ ratePerSecond: budgetPerSecond }) });
    const naive = await createSwfGateway(target, { pollTimeoutMs: 75_000, maxAttempts: 10 });
    let lister: OpenTaskLister | undefined = new OpenTaskLister(ours, domain, { maxExecutions: c.executions });

    const listed = await naive.listOpenExecutions(domain);
    const decider = new Decider(endpoint, domain, listed.executions, c.deciderReadsPerSecond);
    decider.start();

    let changeRound = 0;
    for (const phase of c.firstLoadOnly ? PHASES.slice(0, 1) : PHASES) {
      if (phase === 'refresh, 1% changed') {
        // 1% of the executions get a signal: two new events each (WorkflowExecutionSignaled, DecisionTaskScheduled).
        const step = 100;
        const client = await createSwfGateway(target, { pollTimeoutMs: 75_000, maxAttempts: 10 });
        for (let i = changeRound; i < listed.executions.length; i += step) await client.signalWorkflow(domain, listed.executions[i], 'bench-change', '{}');
        client.dispose();
        changeRound++;
      }
      let oursTasks: string[] = [];
      for (const system of ['ours', 'naive'] as const) {
        sandbox.configure({ throttleQuotas: {} }); // refills every bucket
        const gateway = system === 'ours' ? ours : naive;
        const calls0 = gateway.callCounts();
        const throttled0 = gateway.throttledCounts?.() ?? {};
        const decider0 = decider.snapshot();
        sandbox.resetStats();
        const start = performance.now();
        let firstRowMs = Number.NaN;
        const { value: tasks, peak } = await withPeak(async () => {
          if (system === 'naive') return naiveLoad(gateway, domain);
          const listing = await lister!.refresh(undefined, {
            onProgress: (partial) => {
              if (Number.isNaN(firstRowMs) && partial.tasks.length > 0) firstRowMs = performance.now() - start;
            },
          });
          return listing.tasks;
        });
        const wallMs = performance.now() - start;
        if (Number.isNaN(firstRowMs)) firstRowMs = wallMs; // no rows before the end
        const decider1 = decider.snapshot();
        const calls = diffCounts(calls0, gateway.callCounts());
        const stats = sandbox.stats();
        const totalBytes = stats.totals.responseBytes;
        const keys = taskKeys(tasks);
        const result: PhaseResult = {
          system,
          phase,
          calls,
          totalCalls: sum(calls),
          historyCalls: calls.GetWorkflowExecutionHistory ?? 0,
          bytes: totalBytes - (decider1.bytes - decider0.bytes),
          wallMs,
          firstRowMs,
          peakHeapBytes: peak,
          throttledOwn: sum(diffCounts(throttled0, gateway.throttledCounts?.() ?? {})),
          throttledDecider: decider1.throttled - decider0.throttled,
          deciderCalls: decider1.calls - decider0.calls,
          tcpConnections: Object.entries(stats.connections).reduce((n, [signer, count]) => (signer ? n + count : n), 0),
          tasks: tasks.length,
        };
        if (system === 'ours') oursTasks = keys;
        else {
          result.identical = keys.length === oursTasks.length && keys.every((k, i) => k === oursTasks[i]);
          const mine = phases[phases.length - 1];
          mine.identical = result.identical;
        }
        phases.push(result);
        log(formatPhase(result));
      }
    }
    await decider.stop();

    // Retained: the heap the lister keeps between refreshes (its derived state per execution), measured by dropping it.
    const withLister = heapUsed();
    lister = undefined;
    const without = heapUsed();
    const retainedBytesPerExecution = Math.max(0, (withLister - without) / c.executions);
    log(`  retained between refreshes: ${(retainedBytesPerExecution / 1024).toFixed(2)} KiB per open execution`);
    ours.dispose();
    naive.dispose();
    return { executions: c.executions, events, phases, retainedBytesPerExecution, budgetPerSecond };
  } finally {
    await sandbox.stop();
  }
}

function formatPhase(r: PhaseResult): string {
  const ops = Object.entries(r.calls)
    .map(([op, n]) => `${op} ${n}`)
    .join(', ');
  return (
    `  ${r.system.padEnd(5)} ${r.phase.padEnd(26)} ${(r.wallMs / 1000).toFixed(1).padStart(6)} s; first row ${(r.firstRowMs / 1000).toFixed(2)} s; ${r.totalCalls} calls (${ops}); ` +
    `${(r.bytes / 1024).toFixed(0)} KiB; peak heap +${(r.peakHeapBytes / 1024 / 1024).toFixed(1)} MiB; throttled: own ${r.throttledOwn}, decider ${r.throttledDecider} of ${r.deciderCalls}; ${r.tcpConnections} TCP connections; ` +
    `${r.tasks} open tasks${r.identical === undefined ? '' : r.identical ? ' (identical)' : ' (DIFFERENT)'}`
  );
}

/** The README's table: one row per case and phase, ours beside naive. */
export function markdownTable(results: readonly CaseResult[]): string {
  const lines = [
    '| executions | phase | calls (ours / naive) | KiB received (ours / naive) | wall s (ours / naive) | first row s (ours / naive) | decider throttled (ours / naive) | identical |',
    '| ---: | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of results) {
    for (const phase of PHASES) {
      const o = r.phases.find((p) => p.system === 'ours' && p.phase === phase);
      const n = r.phases.find((p) => p.system === 'naive' && p.phase === phase);
      if (!o || !n) continue;
      const kib = (b: number) => (b / 1024).toFixed(0);
      lines.push(
        `| ${r.executions.toLocaleString('en')} | ${phase} | ${o.totalCalls} / ${n.totalCalls} | ${kib(o.bytes)} / ${kib(n.bytes)} (${((100 * o.bytes) / Math.max(1, n.bytes)).toFixed(1)}%) | ` +
          `${(o.wallMs / 1000).toFixed(1)} / ${(n.wallMs / 1000).toFixed(1)} | ${(o.firstRowMs / 1000).toFixed(2)} / ${(n.firstRowMs / 1000).toFixed(2)} | ${o.throttledDecider} / ${n.throttledDecider} | ${o.identical ? 'yes' : 'NO'} |`,
      );
    }
  }
  return lines.join('\n');
}
