/**
 * `npm run bench`: how fast and how cheap the extension's hot paths are.
 * Numbers, not assertions: the tests never time anything.
 *
 * 1. Bundles and activation: the size of each bundle, and loading
 *    dist/extension.js plus running `activate()` with VS Code's API stubbed
 *    (test/bench/activation.ts, in fresh processes; median of 9).
 * 2. Large domains (test/bench/domains.ts): this extension's refresh against
 *    a naive baseline on the same seeded sandbox domains (100, 1,000 and 5,000
 *    open executions, 10 to 5,000 events each), SWF's quotas on, 20 ms per
 *    call, a decider reading histories alongside.
 * 3. Folding histories into open tasks and into the execution timeline (pure CPU).
 * 4. Answers: the answer journal's cost per answer (an append with its
 *    fsync, bytes per line; reading and pruning a large journal), and the
 *    schema validator's (loading its bundle on first use, compiling a schema,
 *    checking a result). `--answers` runs only this part.
 *
 * 5. The execution panel at SWF's maximum history (test/bench/panel.ts): a
 *    25,000-event history's model, the bytes posted for the first render and
 *    for a 2-event delta, and the real page bundle's render times in headless
 *    Chromium. `--panel` runs only this part.
 *
 * `--quick`: bundles, activation and the 100-execution domain (under a minute).
 * `--executions N[,N...]` picks the domain sizes, `--latency MS` the latency,
 * `--first-load` runs only the first load of each.
 * The last line printed is one JSON object with the headline figures.
 */
import type { HistoryEvent } from '@aws-sdk/client-swf';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { resolveCallTarget, SANDBOX } from '../../src/connection/connection';
import { generateLargeDomain, SwfSandbox } from '../../src/sandbox';
import { createSwfGateway } from '../../src/swf/gateway';
import { openTasksFromHistory } from '../../src/history/openTasks';
import { OpenTaskLister } from '../../src/swf/taskLister';
import { applyEvents, buildTimeline, createTimeline } from '../../src/history/timelineFold';
import * as os from 'node:os';
import { AnswerJournal, describeText, type JournalEntry } from '../../src/answers/journal';
import { benchDomain, type CaseResult, markdownTable } from './domains';
import { benchFilteredRoot, filteredTable } from './filteredRoot';
import { benchPanel } from './panel';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const QUICK = process.argv.includes('--quick');
const EXECUTIONS = arg('executions', 2000);
const EVENTS = arg('events', 60);
const LATENCY_MS = arg('latency', 20);
const ANSWERS = process.argv.includes('--answers');
/** `--watched N`: only the watched-root comparison (a filtered root against the unfiltered one) on N open executions. */
const WATCHED_ONLY = process.argv.includes('--watched');
const WATCHED = arg('watched', 5000);
const PANEL = process.argv.includes('--panel');
const SIZES = (() => {
  const i = process.argv.indexOf('--executions');
  if (i > 0) return process.argv[i + 1].split(',').map(Number);
  return QUICK ? [100] : [100, 1000, 5000];
})();
/** A busy production decider: half the account's 60/s refill of history reads. */
const DECIDER_READS_PER_SECOND = arg('decider', 30);
const DIST = path.resolve(__dirname, '../../../dist');

function ms(start: number): string {
  return `${(performance.now() - start).toFixed(1)} ms`;
}

function syntheticHistory(events: number): HistoryEvent[] {
  const history: HistoryEvent[] = [];
  let id = 0;
  let step = 0;
  const add = (e: Partial<HistoryEvent>) => history.push({ eventId: ++id, eventTimestamp: new Date(), ...e } as HistoryEvent);
  while (id + 3 <= events) {
    const scheduled = id + 1;
    step++;
    add({ eventType: 'ActivityTaskScheduled', activityTaskScheduledEventAttributes: { activityId: `a${scheduled}`, activityType: { name: 'T', version: '1' }, taskList: { name: 'l' }, decisionTaskCompletedEventId: 0 } });
    add({ eventType: 'ActivityTaskStarted', activityTaskStartedEventAttributes: { scheduledEventId: scheduled } });
    // Close two of three, so the open set stays realistic.
    if (step % 3 !== 0) add({ eventType: 'ActivityTaskCompleted', activityTaskCompletedEventAttributes: { scheduledEventId: scheduled, startedEventId: scheduled + 1 } });
    else add({ eventType: 'DecisionTaskScheduled' });
  }
  return history;
}

function benchFold(): void {
  const history = syntheticHistory(25_000);
  openTasksFromHistory('w', 'r', history); // warm up
  const runs = 20;
  const start = performance.now();
  let open = 0;
  for (let i = 0; i < runs; i++) open = openTasksFromHistory('w', 'r', history).length;
  const per = (performance.now() - start) / runs;
  console.log(`fold: 25,000-event history -> ${open} open tasks in ${per.toFixed(2)} ms (mean of ${runs})`);
}

function meanMs(runs: number, run: () => void): number {
  run(); // warm up
  const start = performance.now();
  for (let i = 0; i < runs; i++) run();
  return (performance.now() - start) / runs;
}

/**
 * A live timeline receives the history a page at a time. Naive: rebuild the
 * whole model from every event so far on each page (quadratic in pages);
 * ours: fold just the new page into the model.
 */
function benchTimeline(): void {
  const history = syntheticHistory(25_000);
  let lanes = 0;
  const whole = meanMs(20, () => (lanes = buildTimeline('w', 'r', history).lanes.size));
  console.log(`timeline: 25,000-event history -> ${lanes} lanes in ${whole.toFixed(2)} ms (buildTimeline, mean of 20)`);
  for (const pageSize of [100, 1000]) {
    const pageCount = Math.ceil(history.length / pageSize);
    const naive = meanMs(3, () => {
      for (let end = pageSize; end < history.length + pageSize; end += pageSize) buildTimeline('w', 'r', history.slice(0, end));
    });
    const ours = meanMs(20, () => {
      const model = createTimeline('w', 'r');
      for (let from = 0; from < history.length; from += pageSize) applyEvents(model, history.slice(from, from + pageSize));
    });
    console.log(
      `timeline: ${pageCount} pages of ${pageSize} events, live: rebuild per page ${naive.toFixed(1)} ms (mean of 3) vs incremental ${ours.toFixed(2)} ms (mean of 20), ` +
        `${(naive / ours).toFixed(0)}x`,
    );
  }
}

async function benchRefresh(latencyMs: number): Promise<void> {
  const sandbox = new SwfSandbox({ port: 0, pageSize: 1000 });
  const { endpoint } = await sandbox.start();
  try {
    const built = performance.now();
    const { domain, openExecutions } = generateLargeDomain(sandbox, { executions: EXECUTIONS, eventsPerExecution: EVENTS, taskLists: ['payments', 'shipping', 'email'] });
    console.log(`\nrefresh: ${openExecutions} open executions x ~${EVENTS} events, ${latencyMs} ms latency per call (domain built in ${ms(built)})`);
    sandbox.configure({ latencyMs });
    const gateway = await createSwfGateway(resolveCallTarget(SANDBOX, endpoint), { pollTimeoutMs: 75_000 });
    const lister = new OpenTaskLister(gateway, domain, { maxExecutions: EXECUTIONS });
    for (const label of ['first (full histories)', 'second (nothing changed)']) {
      sandbox.resetStats();
      const start = performance.now();
      const listing = await lister.refresh();
      const elapsed = ms(start);
      const { totals, operations } = sandbox.stats();
      const calls = Object.entries(operations).map(([op, s]) => `${op} ${s.calls}`).join(', ');
      console.log(
        `  ${label}: ${elapsed}; ${listing.tasks.length} open tasks; ${totals.calls} calls (${calls}); ` +
          `${(totals.responseBytes / 1024).toFixed(0)} KiB received; ${listing.stats.eventsRead} events read`,
      );
    }
    gateway.dispose();
  } finally {
    await sandbox.stop();
  }
}

/** In a fresh process: this one already has the SDK loaded (the sandbox's seed driver uses it). */
function benchSdkLoad(): void {
  const script = "const { performance } = require('node:perf_hooks'); const t = performance.now(); require('@aws-sdk/client-swf'); console.log((performance.now() - t).toFixed(1));";
  const out = execFileSync(process.execPath, ['--no-warnings', '-e', script], { cwd: path.resolve(__dirname, '../../..'), encoding: 'utf8' });
  console.log(`activation: loading @aws-sdk/client-swf on first use takes ${out.trim()} ms (fresh process)`);
}

/** One line per answer, as the extension writes it (text as length and SHA-256). */
async function benchJournal(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-journal-'));
  try {
    const file = path.join(dir, 'answer-journal.jsonl');
    const journal = new AnswerJournal(file, () => 90);
    const result = JSON.stringify({ orderId: 'order-1001', amount: 129.9, approved: true, items: Array.from({ length: 20 }, (_, i) => ({ sku: `SKU-${i}`, qty: 1 })) });
    const entry = (i: number): JournalEntry => ({
      time: new Date().toISOString(),
      action: 'complete',
      outcome: 'recorded',
      connection: 'prod (eu-west-1)',
      domain: 'orders',
      workflowId: `order-${1000 + i}`,
      runId: '22cU9kzlMgSJ0e9FVmO7QozLrm6X5Ivr6GQVzZMMiYdxU=',
      activityId: `charge-order-${1000 + i}`,
      activityType: { name: 'ChargeCard', version: '1.0' },
      identity: 'vscode:ada@workstation-17',
      eventId: 12,
      ...describeText(result, false),
    });
    await journal.append(entry(0)); // first append of a session also checks the retention
    const runs = 200;
    let bytes = 0;
    const start = performance.now();
    for (let i = 1; i <= runs; i++) bytes += await journal.append(entry(i));
    const perAppend = (performance.now() - start) / runs;
    const withText = Buffer.byteLength(`${JSON.stringify({ ...entry(0), ...describeText(result, true) })}\n`);
    console.log(`\njournal: one answer costs ${perAppend.toFixed(2)} ms (append + fdatasync, mean of ${runs}) and ${(bytes / runs).toFixed(0)} bytes per line (${withText} with the ${result.length}-character result kept)`);
    const lines = Array.from({ length: 10_000 }, (_, i) => JSON.stringify(entry(i))).join('\n') + '\n';
    fs.writeFileSync(file, lines);
    const read = performance.now();
    const { entries } = await journal.read();
    console.log(`journal: reading ${entries.length.toLocaleString('en-US')} lines (${(lines.length / 1024 / 1024).toFixed(1)} MiB) takes ${ms(read)}`);
    const old = lines.replace(/"time":"[^"]+"/g, '"time":"2020-01-01T00:00:00.000Z"');
    fs.writeFileSync(file, old);
    const prune = performance.now();
    const dropped = await journal.prune();
    console.log(`journal: pruning ${dropped.toLocaleString('en-US')} expired lines takes ${ms(prune)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** In a fresh process, as the extension meets it: require the bundle, compile a schema, check a result. */
function benchSchemaValidator(): void {
  const bundle = path.resolve(__dirname, '../../../dist/schemaValidator.js');
  const size = fs.statSync(bundle).size;
  const script = `
    const { performance } = require('node:perf_hooks');
    let t = performance.now();
    const { compileSchema } = require(${JSON.stringify(bundle)});
    const load = performance.now() - t;
    const schema = { type: 'object', required: ['orderId', 'amount'], properties: { orderId: { type: 'string' }, amount: { type: 'number', minimum: 0 }, chargedAt: { type: 'string', format: 'date-time' },
      items: { type: 'array', items: { type: 'object', required: ['sku', 'qty'], properties: { sku: { type: 'string' }, qty: { type: 'integer' } } } } } };
    t = performance.now();
    const check = compileSchema(schema);
    const compile = performance.now() - t;
    const value = { orderId: 'o-1', amount: 12, chargedAt: '2026-12-02T10:00:00Z', items: Array.from({ length: 500 }, (_, i) => ({ sku: 'SKU-' + i, qty: 1 })) };
    const text = JSON.stringify(value);
    check(JSON.parse(text));
    const runs = 200;
    t = performance.now();
    for (let i = 0; i < runs; i++) check(JSON.parse(text));
    console.log([load, compile, (performance.now() - t) / runs, text.length].map((n) => n.toFixed(2)).join(' '));`;
  const out = execFileSync(process.execPath, ['--no-warnings', '-e', script], { encoding: 'utf8' }).trim().split(' ').map(Number);
  console.log(
    `schemas: dist/schemaValidator.js (${(size / 1024).toFixed(0)} KiB) loads in ${out[0].toFixed(1)} ms on first use; compiling a schema ${out[1].toFixed(1)} ms; ` +
      `checking a ${out[3].toLocaleString('en-US')}-character result ${out[2].toFixed(2)} ms (parse + validate, mean of 200)`,
  );
}

/** Bytes of every bundle in dist/ (what the .vsix ships), the main one first. */
function bundleSizes(): Record<string, number> {
  const files = fs.readdirSync(DIST).filter((f) => f.endsWith('.js'));
  const sizes: Record<string, number> = {};
  for (const f of ['extension.js', ...files.filter((f) => f !== 'extension.js')]) if (fs.existsSync(path.join(DIST, f))) sizes[f] = fs.statSync(path.join(DIST, f)).size;
  return sizes;
}

/** Load + activate() of dist/extension.js in fresh processes (VS Code's API stubbed): the median of `runs`. */
function activation(runs = 9): { activateMs: number; loadMs: number; bundles: string[] } {
  const samples: { loadMs: number; activateMs: number; totalMs: number; bundles: string[] }[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, ['--no-warnings', path.join(__dirname, 'activation.js')], { encoding: 'utf8' });
    samples.push(JSON.parse(out.trim().split('\n').pop() ?? '{}'));
  }
  samples.sort((a, b) => a.totalMs - b.totalMs);
  const median = samples[Math.floor(samples.length / 2)];
  return { activateMs: median.totalMs, loadMs: median.loadMs, bundles: median.bundles };
}

async function watchedRoot(): Promise<void> {
  const rounds = await benchFilteredRoot(WATCHED, LATENCY_MS, (line) => console.log(line));
  console.log(`\n${filteredTable(WATCHED, rounds)}\n`);
}

async function main(): Promise<void> {
  if (WATCHED_ONLY) return watchedRoot();
  if (PANEL) {
    console.log(JSON.stringify(await benchPanel(console.log)));
    return;
  }
  if (ANSWERS) {
    await benchJournal();
    benchSchemaValidator();
    return;
  }
  const sizes = bundleSizes();
  console.log(`bundles (production, minified): ${Object.entries(sizes).map(([f, b]) => `${f} ${(b / 1024).toFixed(0)} KiB`).join(', ')}`);
  const act = activation();
  console.log(`activation: load dist/extension.js + activate() ${act.activateMs.toFixed(1)} ms (load ${act.loadMs.toFixed(1)} ms; median of 9 fresh processes, VS Code's API stubbed); bundles loaded by then: ${act.bundles.join(', ')}`);
  if (!QUICK) {
    benchSdkLoad();
    benchFold();
    benchTimeline();
  }
  if (!QUICK) {
    await benchJournal();
    benchSchemaValidator();
  }
  const results: CaseResult[] = [];
  const firstLoadOnly = process.argv.includes('--first-load');
  for (const executions of SIZES) results.push(await benchDomain({ executions, latencyMs: LATENCY_MS, deciderReadsPerSecond: DECIDER_READS_PER_SECOND, firstLoadOnly }, console.log));
  console.log(`\n${markdownTable(results)}\n`);
  if (!QUICK) await watchedRoot();
  if (!QUICK && process.argv.includes('--legacy')) {
    await benchRefresh(0);
    if (LATENCY_MS > 0) await benchRefresh(LATENCY_MS);
  }

  // The headline figures, from the largest case run.
  const last = results[results.length - 1];
  const find = (system: string, phase: string) => last.phases.find((p) => p.system === system && p.phase === phase);
  const first = find('ours', 'first load');
  const refresh = find('ours', 'refresh, nothing changed');
  const naiveRefresh = find('naive', 'refresh, nothing changed');
  const refreshPhases = last.phases.filter((p) => p.system === 'ours' && p.phase !== 'first load');
  const summary = {
    executions: last.executions,
    budgetPerSecond: last.budgetPerSecond,
    firstLoadCalls: first?.totalCalls,
    naiveFirstLoadCalls: find('naive', 'first load')?.totalCalls,
    refreshCalls: refresh?.totalCalls,
    // New TCP connections our client opened in both refresh phases, and the calls they carried (a client that reuses connections opens a handful).
    tcpConnections: refreshPhases.reduce((n, p) => n + p.tcpConnections, 0),
    tcpConnectionsCalls: refreshPhases.reduce((n, p) => n + p.totalCalls, 0),
    naiveRefreshCalls: naiveRefresh?.totalCalls,
    refreshBytes: refresh?.bytes,
    naiveRefreshBytes: naiveRefresh?.bytes,
    refreshBytesShare: refresh && naiveRefresh ? Number((refresh.bytes / naiveRefresh.bytes).toFixed(4)) : undefined,
    changedRefreshCalls: find('ours', 'refresh, 1% changed')?.totalCalls,
    firstRowMs: first && Math.round(first.firstRowMs),
    naiveFirstRowMs: Math.round(find('naive', 'first load')?.firstRowMs ?? 0),
    retainedBytesPerExecution: Math.round(last.retainedBytesPerExecution),
    deciderThrottled: results.reduce((n, r) => n + r.phases.filter((p) => p.system === 'ours').reduce((m, p) => m + p.throttledDecider, 0), 0),
    naiveDeciderThrottled: results.reduce((n, r) => n + r.phases.filter((p) => p.system === 'naive').reduce((m, p) => m + p.throttledDecider, 0), 0),
    ownThrottled: results.reduce((n, r) => n + r.phases.filter((p) => p.system === 'ours').reduce((m, p) => m + p.throttledOwn, 0), 0),
    bundleBytes: sizes['extension.js'],
    bundles: sizes,
    activateMs: Number(act.activateMs.toFixed(2)),
    identical: results.every((r) => r.phases.every((p) => p.identical !== false)),
  };
  console.log(JSON.stringify(summary));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
