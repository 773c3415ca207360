/**
 * `npm run bench`: how fast and how cheap the extension's hot paths are.
 * Numbers, not assertions: the tests never time anything.
 *
 * 1. Folding histories into open tasks, and into the execution timeline
 *    whole and page by page (pure CPU). `--quick` runs only this part.
 * 2. Refreshing a large domain in the local sandbox over HTTP: the first
 *    refresh reads every history, the second only what changed. Reports wall
 *    time, SWF calls and bytes (the sandbox counts them), with and without a
 *    simulated network latency.
 * 3. Activation cost: loading the bundle, then loading the SDK on first use.
 */
import type { HistoryEvent } from '@aws-sdk/client-swf';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { resolveCallTarget, SANDBOX } from '../../src/connection/connection';
import { generateLargeDomain, SwfSandbox } from '../../src/sandbox';
import { createSwfGateway } from '../../src/swf/gateway';
import { openTasksFromHistory } from '../../src/swf/openTasks';
import { OpenTaskLister } from '../../src/swf/taskLister';
import { applyEvents, buildTimeline, createTimeline } from '../../src/swf/timeline';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const EXECUTIONS = arg('executions', 2000);
const EVENTS = arg('events', 60);
const LATENCY_MS = arg('latency', 20);
const QUICK = process.argv.includes('--quick');

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

function benchActivation(): void {
  const bundle = path.resolve(__dirname, '../../../dist/extension.js');
  // The bundle requires 'vscode', which only the extension host has: hand it a stand-in whose every member is a no-op class, to measure loading alone.
  const standIn = Object.fromEntries(['ThemeIcon', 'ThemeColor', 'EventEmitter', 'TreeItem', 'MarkdownString', 'Disposable'].map((name) => [name, class {}]));
  const load = createRequire(__filename);
  const loader = load('node:module') as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  loader._load = (request, ...rest) => (request === 'vscode' ? standIn : original(request, ...rest));
  try {
    const start = performance.now();
    load(bundle);
    console.log(`\nactivation: loading dist/extension.js takes ${ms(start)} (the SDK is not loaded yet)`);
  } finally {
    loader._load = original;
  }
}

/** In a fresh process: this one already has the SDK loaded (the sandbox's seed driver uses it). */
function benchSdkLoad(): void {
  const script = "const { performance } = require('node:perf_hooks'); const t = performance.now(); require('@aws-sdk/client-swf'); console.log((performance.now() - t).toFixed(1));";
  const out = execFileSync(process.execPath, ['--no-warnings', '-e', script], { cwd: path.resolve(__dirname, '../../..'), encoding: 'utf8' });
  console.log(`activation: loading @aws-sdk/client-swf on first use takes ${out.trim()} ms (fresh process)`);
}

async function main(): Promise<void> {
  if (QUICK) {
    benchFold();
    benchTimeline();
    return;
  }
  benchActivation();
  benchSdkLoad();
  benchFold();
  benchTimeline();
  await benchRefresh(0);
  if (LATENCY_MS > 0) await benchRefresh(LATENCY_MS);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
