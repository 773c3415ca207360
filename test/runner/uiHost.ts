/**
 * The UI runner: uses the extension as a person would. It starts the local
 * SWF sandbox (seeded with the sample domain) in this process, code-server
 * with the repository as a development extension pointed at the sandbox, and
 * the workbench in headless Chromium; then mocha runs the scenarios in
 * `test/ui/*.ui.ts` here, in plain Node, driving the page with playwright and
 * reading what SWF recorded with the SDK.
 *
 *   node out/test/runner/uiHost.js [--workspace DIR] [--settings JSON]
 *
 * Expects dist/ and out/ built (scripts/test.mjs does both). Prints the
 * result line, exits 0 when every scenario passed. SWF_TEST_TIMEOUT_MS bounds
 * the whole run; SWF_TEST_GREP picks scenarios. Screenshots of every step go
 * to test-results/ui-*.png, code-server's log to test-results/ui-code-server.log.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { SAMPLE_DOMAIN, seedSampleDomain, SwfSandbox } from '../../src/sandbox';
import { testClient } from '../integration/helpers/swf';
import { setUiSession } from '../ui/workbench';
import { closeBrowser, launchChromium, newLoopbackPage } from './browser';
import { CodeServer, codeServerDirs, ensureCodeServer, startCodeServer } from './codeServer';
import { runMocha } from './mocha';
import { getFreePort } from './processes';
import { formatResultLine } from './results';
import { Cleanup, REPO_ROOT, RunnerOptions, makeTempDir, parseRunnerOptions, runSession, writeUserSettings } from './session';

const NAME = 'ui host';
const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');
/** Compiled scenarios: out/test/ui/*.ui.js, run in file-name order (they build on each other). */
const SCENARIO_DIR = path.resolve(__dirname, '..', 'ui');
const SCENARIO_SUFFIX = '.ui.js';
const SCENARIO_TIMEOUT_MS = 60_000;
const VIEWPORT = { width: 1400, height: 900 };

const startedAt = Date.now();
const note = (message: string): void => console.log(`[${NAME} ${((Date.now() - startedAt) / 1000).toFixed(1)} s] ${message}`);

async function runUiTests(options: RunnerOptions, cleanup: Cleanup): Promise<number> {
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `npm run build` first');
  const scenarios = findScenarios();
  if (scenarios.length === 0) throw new Error(`no *${SCENARIO_SUFFIX} files in ${SCENARIO_DIR}: run \`npm run compile-tests\` first`);
  clearOldScreenshots();
  const entry = await ensureCodeServer(REPO_ROOT);
  const endpoint = await startSandbox(cleanup);

  const stateDir = makeTempDir(cleanup, 'ui');
  writeUserSettings(codeServerDirs(stateDir).userDataDir, { ...uiSettings(), ...options.settings });
  const logFile = path.join(RESULTS_DIR, 'ui-code-server.log');
  fs.writeFileSync(logFile, '');
  const workspace = options.workspace ?? makeTempDir(cleanup, 'workspace');
  const server = await startCodeServer({ entry, port: await getFreePort(), workspace, stateDir, output: logFile });
  cleanup.add('stop code-server', () => server.stop());
  note(`code-server is up at ${server.origin}`);

  const browser = await launchChromium(stateDir);
  cleanup.add('close the browser', () => closeBrowser(browser));
  const page = await newLoopbackPage(browser, note, VIEWPORT);
  await openWorkbench(page, server);

  setUiSession({ page, swf: testClient(endpoint), endpoint, domain: SAMPLE_DOMAIN, screenshotDir: RESULTS_DIR, workspace });
  const counts = await runMocha(scenarios, { timeoutMs: SCENARIO_TIMEOUT_MS, grep: process.env.SWF_TEST_GREP });
  console.log(formatResultLine(counts));
  return counts.failed > 0 ? 1 : 0;
}

/** The scenarios add the sandbox's domain themselves (a loopback endpoint: dummy credentials); the rest keeps them deterministic. */
function uiSettings(): Record<string, unknown> {
  return {
    // Refreshes happen when a scenario acts, never in the middle of a right-click.
    'swfTasks.autoRefreshSeconds': 0,
    'git.openRepositoryInParentFolders': 'never',
    // What a scenario types is what it sends: the editor's typing aids (closing brackets,
    // indenting after Enter, accepting a suggestion on Enter) would rewrite multi-line answers.
    'editor.autoClosingBrackets': 'never',
    'editor.autoIndent': 'none',
    'editor.acceptSuggestionOnEnter': 'off',
  };
}

function findScenarios(): string[] {
  if (!fs.existsSync(SCENARIO_DIR)) return [];
  return fs.readdirSync(SCENARIO_DIR).filter((name) => name.endsWith(SCENARIO_SUFFIX)).sort().map((name) => path.join(SCENARIO_DIR, name));
}

/** Pictures of an earlier run would pass for this run's. */
function clearOldScreenshots(): void {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  for (const name of fs.readdirSync(RESULTS_DIR)) {
    if (/^ui-.*\.png$/.test(name)) fs.rmSync(path.join(RESULTS_DIR, name));
  }
}

/**
 * The sandbox runs in this process, seeded with the sample domain: the
 * scenarios read its histories through the same SDK a worker would use.
 */
async function startSandbox(cleanup: Cleanup): Promise<string> {
  const sandbox = new SwfSandbox({ port: 0 });
  const { endpoint } = await sandbox.start();
  cleanup.add('stop the sandbox', () => sandbox.stop());
  await seedSampleDomain(sandbox);
  note(`sandbox seeded at ${endpoint}`);
  return endpoint;
}

/** The workbench with this folder loaded as a development extension, as `npm start` opens it. */
async function openWorkbench(page: Page, server: CodeServer): Promise<void> {
  page.on('pageerror', (error) => note(`workbench error: ${error.message}`));
  await page.goto(server.workbenchUrl([['extensionDevelopmentPath', server.remoteUri(REPO_ROOT)]]));
  note('workbench page loaded');
}

const options = parseRunnerOptions(process.argv.slice(2));
runSession(NAME, options.timeoutMs, (cleanup) => runUiTests(options, cleanup));
