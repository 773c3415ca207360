/**
 * `npm run bench`: how fast and how cheap the extension's hot paths are.
 * Numbers, not assertions: the tests never time anything.
 *
 * 1. Folding histories into open tasks (pure CPU).
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
import type { ConnectionSettings } from '../../src/connection/settings';
import { generateLargeDomain, SwfSandbox } from '../../src/sandbox';
import { createSwfGateway } from '../../src/swf/gateway';
import { openTasksFromHistory } from '../../src/swf/openTasks';
import { OpenTaskLister } from '../../src/swf/taskLister';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const EXECUTIONS = arg('executions', 2000);
const EVENTS = arg('events', 60);
const LATENCY_MS = arg('latency', 20);

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

async function benchRefresh(latencyMs: number): Promise<void> {
  const sandbox = new SwfSandbox({ port: 0, pageSize: 1000 });
  const { endpoint } = await sandbox.start();
  try {
    const built = performance.now();
    const { domain, openExecutions } = generateLargeDomain(sandbox, { executions: EXECUTIONS, eventsPerExecution: EVENTS, taskLists: ['payments', 'shipping', 'email'] });
    console.log(`\nrefresh: ${openExecutions} open executions x ~${EVENTS} events, ${latencyMs} ms latency per call (domain built in ${ms(built)})`);
    sandbox.configure({ latencyMs });
    const settings: ConnectionSettings = { profile: '', region: 'us-east-1', regionSource: 'default', endpoint, sandbox: true };
    const gateway = await createSwfGateway(settings, { pollTimeoutMs: 75_000 });
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
  benchActivation();
  benchSdkLoad();
  benchFold();
  await benchRefresh(0);
  if (LATENCY_MS > 0) await benchRefresh(LATENCY_MS);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
