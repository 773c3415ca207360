// The one test command (`npm test`): builds the extension, compiles the tests,
// starts a moto SWF server, runs the unit + conformance suites in plain Node,
// the integration suite inside VS Code, then the UI scenarios that click
// through the workbench, and ends with the line `N passed, N failed[, N skipped]`.
//
//   node scripts/test.mjs                      everything
//   node scripts/test.mjs --unit               unit + conformance only
//   node scripts/test.mjs --integration        integration only
//   node scripts/test.mjs --ui                 UI scenarios only (code-server)
//   node scripts/test.mjs --host electron      integration in VS Code desktop (needs internet)
//
// Environment: SWF_TEST_GREP (run matching tests only), SWF_TEST_TIMEOUT_MS
// (integration deadline, default 15 min). Exits non-zero if a test failed or a
// stage crashed or timed out.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(import.meta.dirname, '..');
const RUNNERS = path.join(ROOT, 'out', 'test', 'runner');
const HOSTS = { 'code-server': 'codeServerHost.js', electron: 'electronHost.js' };
const MOTO_START_TIMEOUT_MS = 30_000;
/** Beyond the runner's own deadline: only a runner that ignores it meets this one. */
const STAGE_GRACE_MS = 120_000;

const { values: flags } = parseArgs({
  options: { unit: { type: 'boolean' }, integration: { type: 'boolean' }, ui: { type: 'boolean' }, host: { type: 'string', default: 'code-server' } },
});
if (!(flags.host in HOSTS)) fail(`--host must be one of ${Object.keys(HOSTS).join(', ')}, not ${flags.host}`);
const runAll = !flags.unit && !flags.integration && !flags.ui;
const wanted = { unit: runAll || flags.unit, integration: runAll || flags.integration, ui: runAll || flags.ui };

const startedAt = Date.now();
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
/** Prints a step header and runs it, then its duration. */
async function step(name, body) {
  const started = Date.now();
  console.log(`\n=== ${name}`);
  try {
    return await body();
  } finally {
    console.log(`=== ${name}: ${seconds(started)}`);
  }
}

function fail(message) {
  console.error(`test: ${message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

/** Build and compile fail fast: without them there is nothing to test. */
function runBuildTool(name, args) {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) fail(`${name} failed (exit code ${result.status ?? result.signal})`);
}

await step('build', () => runBuildTool('build', ['scripts/esbuild.mjs']));
await step('compile tests', () => {
  // A test deleted from test/ must not keep running from a stale out/.
  fs.rmSync(path.join(ROOT, 'out'), { recursive: true, force: true });
  runBuildTool('tsc -p test', [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'test']);
});

// Compiled just now from test/runner: the parser and process helpers the runners use.
const require = createRequire(import.meta.url);
const { ResultLineScanner, NO_TESTS, addCounts, formatSummary } = require(path.join(RUNNERS, 'results.js'));
const { LOOPBACK, getFreePort, killProcessGroup, waitForHttp } = require(path.join(RUNNERS, 'processes.js'));

/** What to stop on the way out, also after Ctrl+C: a running stage, moto. */
const running = new Set();
let interrupted = false;
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.on(signal, async () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`test: ${signal}, stopping`);
    await Promise.all([...running].map((child) => killProcessGroup(child, 30_000)));
    process.exit(code);
  });
}

// Last resort for paths that skip the orderly stops (an uncaught error): no
// child's process group outlives this process.
process.on('exit', () => {
  for (const child of running) {
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
  }
});

/** Starts a child in its own process group and remembers it until it exits. */
function spawnOwned(command, args, options) {
  const child = spawn(command, args, { cwd: ROOT, detached: true, ...options });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/**
 * moto_server, a local SWF API the conformance and integration tests can call
 * (SWF_TEST_MOTO_ENDPOINT). Without moto installed, those tests decide
 * themselves whether to skip.
 */
async function startMoto() {
  if (spawnSync('moto_server', ['--help'], { stdio: 'ignore' }).error) {
    console.warn('test: moto_server is not installed (pip install "moto[server]"); SWF_TEST_MOTO_ENDPOINT stays unset');
    return undefined;
  }
  const port = await getFreePort();
  const logFile = path.join(ROOT, 'test-results', 'moto.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.openSync(logFile, 'w');
  const child = spawnOwned('moto_server', ['-H', LOOPBACK, '-p', String(port)], { stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const endpoint = `http://${LOOPBACK}:${port}`;
  const stop = () => killProcessGroup(child);
  await waitForHttp(`${endpoint}/`, MOTO_START_TIMEOUT_MS, child).catch(async (error) => {
    await stop();
    throw error;
  });
  console.log(`moto_server: ${endpoint} (log: ${path.relative(ROOT, logFile)})`);
  return { endpoint, stop };
}

/**
 * A standalone sandbox process (dist/sandbox.js, empty), a second SWF peer
 * outside the extension host (SWF_TEST_SANDBOX_ENDPOINT): it outlives the
 * window reload the integration suites make, which one started inside the
 * extension host would not.
 */
async function startSandboxProcess() {
  const logFile = path.join(ROOT, 'test-results', 'sandbox.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const child = spawnOwned(process.execPath, [path.join(ROOT, 'dist', 'sandbox.js'), '--port', '0', '--no-seed'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const log = fs.createWriteStream(logFile);
  child.stderr.pipe(log);
  const stop = () => killProcessGroup(child);
  const endpoint = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the sandbox did not say where it listens within 30 s')), 30_000);
    let seen = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      log.write(chunk);
      seen += chunk;
      const match = /SWF sandbox listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`the sandbox exited (code ${code}) before it listened; see ${path.relative(ROOT, logFile)}`)));
  }).catch(async (error) => {
    await stop();
    throw error;
  });
  console.log(`sandbox: ${endpoint} (log: ${path.relative(ROOT, logFile)})`);
  return { endpoint, stop };
}

/**
 * Runs one runner script and reads its result line. A runner that exits
 * non-zero without failed tests crashed, and one that timed out left a test
 * hanging: each counts as one more failure.
 */
function runStage(name, script, env) {
  return step(name, () => new Promise((resolve) => {
    const scanner = new ResultLineScanner();
    const child = spawnOwned(process.execPath, [path.join(RUNNERS, script)], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      scanner.push(chunk);
    });
    const backstop = setTimeout(() => {
      console.error(`test: ${name} outlived its deadline; stopping it`);
      void killProcessGroup(child, 30_000);
    }, integrationTimeoutMs(env) + STAGE_GRACE_MS);
    child.once('close', (code, signal) => {
      clearTimeout(backstop);
      const counts = scanner.result();
      if (code === 0 && counts) return resolve(counts);
      // A deadline (124) always counts once more: the test that hung never reported.
      const timedOut = code === TIMED_OUT;
      const why = !timedOut && counts && counts.failed > 0 ? undefined : `${name} ${describeExit(code, signal)}${timedOut ? '' : ' before reporting any failed test'}`;
      if (why) console.error(`test: ${why}; counted as 1 failure`);
      resolve(why ? addCounts(counts ?? NO_TESTS, { passed: 0, failed: 1, pending: 0 }) : counts);
    });
  }));
}

/** The runners exit 124 when their deadline passes (as timeout(1) does). */
const TIMED_OUT = 124;

function describeExit(code, signal) {
  if (signal) return `was killed by ${signal}`;
  return code === TIMED_OUT ? 'timed out (SWF_TEST_TIMEOUT_MS)' : `exited with code ${code}`;
}

/**
 * The tests never see the developer's AWS identity: the SDK reads the test
 * fixtures instead of ~/.aws, no key or profile comes from the environment,
 * and the credential chain never falls through to the instance metadata
 * service (an address off this machine).
 */
function hermeticAwsEnv(env) {
  const clean = { ...env };
  for (const name of ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION']) delete clean[name];
  return {
    ...clean,
    AWS_CONFIG_FILE: path.join(ROOT, 'test', 'fixtures', 'aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(ROOT, 'test', 'fixtures', 'aws', 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    // The SDK is pinned (see README); its notice that later releases need Node 22 would repeat in every test process.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

function integrationTimeoutMs(env) {
  return Number(env.SWF_TEST_TIMEOUT_MS) || 15 * 60_000;
}

let total = NO_TESTS;
let moto;
let sandbox;
try {
  moto = await step('start moto_server', startMoto);
  if (wanted.integration) sandbox = await step('start the sandbox', startSandboxProcess);
  const env = {
    ...hermeticAwsEnv(process.env),
    ...(moto ? { SWF_TEST_MOTO_ENDPOINT: moto.endpoint } : {}),
    ...(sandbox ? { SWF_TEST_SANDBOX_ENDPOINT: sandbox.endpoint } : {}),
  };
  if (wanted.unit) total = addCounts(total, await runStage('unit + conformance tests', 'unitHost.js', env));
  if (wanted.integration) total = addCounts(total, await runStage(`integration tests (${flags.host})`, HOSTS[flags.host], env));
  if (wanted.ui) total = addCounts(total, await runStage('ui tests (code-server)', 'uiHost.js', env));
} catch (error) {
  console.error(`test: ${error instanceof Error ? error.message : error}`);
  total = addCounts(total, { passed: 0, failed: 1, pending: 0 });
} finally {
  await moto?.stop();
  await sandbox?.stop();
}
console.log(`\ntest: done in ${seconds(startedAt)}`);
console.log(formatSummary(total));
process.exit(total.failed > 0 ? 1 : 0);
