/**
 * The default integration runner: hosts the extension and its mocha suite in
 * code-server's extension host, with the workbench open in headless Chromium.
 *
 *   node out/test/runner/codeServerHost.js [--workspace DIR] [--settings JSON]
 *
 * Exits 0 when every test passed. SWF_TEST_TIMEOUT_MS (default 15 minutes)
 * bounds the whole run. The environment reaches the extension host, so tests
 * read settings such as SWF_TEST_MOTO_ENDPOINT and SWF_TEST_GREP from it.
 * The suite may reload the window once (its after-reload phase): the page's
 * exposed functions survive the reload, and code-server keeps SecretStorage
 * in the page's localStorage, encrypted with a key from its /mint-key.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import type { Page } from 'playwright-core';
import { closeBrowser, launchChromium, newLoopbackPage } from './browser';
import { CodeServer, codeServerDirs, ensureCodeServer, startCodeServer } from './codeServer';
import { getFreePort } from './processes';
import { ResultLineScanner, TestCounts, formatSummary } from './results';
import { Cleanup, REPO_ROOT, RunnerOptions, SUITE_MODULE, makeTempDir, parseRunnerOptions, runSession, writeUserSettings } from './session';

const NAME = 'code-server host';
/** Kept on failure so CI can show why code-server or the workbench broke. */
const FAILURE_LOG_DIR = path.join(REPO_ROOT, 'test-results');

const startedAt = Date.now();
const elapsed = (): string => `${((Date.now() - startedAt) / 1000).toFixed(1)} s`;
const note = (message: string): void => console.log(`[${NAME} ${elapsed()}] ${message}`);

async function runIntegrationTests(options: RunnerOptions, cleanup: Cleanup): Promise<number> {
  requireBuilt(path.join(REPO_ROOT, 'dist', 'extension.js'), 'npm run build');
  requireBuilt(`${SUITE_MODULE}.js`, 'npm run compile-tests');
  const entry = await ensureCodeServer(REPO_ROOT);

  const stateDir = makeTempDir(cleanup, 'code-server');
  const workspace = options.workspace ?? makeTempDir(cleanup, 'workspace');
  writeUserSettings(codeServerDirs(stateDir).userDataDir, options.settings);
  const logFile = path.join(stateDir, 'code-server.log');
  cleanup.add('keep the code-server log of a failed run', (exitCode) => keepLogOnFailure(logFile, exitCode));

  // The suite saves its counts here before it reloads the window (see test/integration/suite/index.ts).
  const env = { ...process.env, SWF_TEST_RELOAD_STATE: path.join(stateDir, 'reload-state.json') };
  const launchedAt = Date.now();
  const server = await startCodeServer({ entry, port: await getFreePort(), workspace, stateDir, output: logFile, env });
  cleanup.add('stop code-server', () => server.stop());
  note(`code-server answered /healthz at ${server.origin} ${Date.now() - launchedAt} ms after launch`);

  const browser = await launchChromium(stateDir);
  cleanup.add('close the browser', () => closeBrowser(browser));
  const page = await newLoopbackPage(browser, note);

  const scanner = new ResultLineScanner();
  const exitCode = await runSuiteInPage(page, server, (line) => {
    console.log(line);
    scanner.push(`${line}\n`);
  });
  note(`tests finished with exit code ${exitCode}`);
  return verdict(exitCode, scanner.result());
}

function requireBuilt(file: string, command: string): void {
  if (!fs.existsSync(file)) throw new Error(`${path.relative(REPO_ROOT, file)} is missing: run \`${command}\` first`);
}

/**
 * Opens the workbench with the extension under development and the suite as
 * its tests module; the workbench reports the extension host's console through
 * codeAutomationLog and the suite's outcome through codeAutomationExit.
 */
async function runSuiteInPage(page: Page, server: CodeServer, onLine: (line: string) => void): Promise<number> {
  await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown) => {
    onLine(format(...(Array.isArray(args) ? args : [args])).replace(/\n$/, ''));
  });
  let reportExit: (code: number) => void = () => undefined;
  const finished = new Promise<number>((resolve, reject) => {
    reportExit = resolve;
    page.once('crash', () => reject(new Error('the workbench page crashed')));
    server.process.once('exit', (code) => reject(new Error(`code-server exited (code ${code}) before the tests finished`)));
  });
  // Marked handled: cleanup stops code-server, which rejects a run cut short by the deadline.
  finished.catch(() => undefined);
  await page.exposeFunction('codeAutomationExit', (code: number) => reportExit(code));
  page.on('pageerror', (error) => note(`workbench error: ${error.message}`));

  await page.goto(server.workbenchUrl([
    ['extensionDevelopmentPath', server.remoteUri(REPO_ROOT)],
    ['extensionTestsPath', server.remoteUri(SUITE_MODULE)],
  ]));
  note('workbench page loaded');
  return finished;
}

/** Passed only if the suite said so both ways: exit code 0 and a result line with no failures. */
function verdict(exitCode: number, counts: TestCounts | undefined): number {
  if (!counts) {
    console.error(`${NAME}: the suite printed no result line; it did not run to the end`);
    return 1;
  }
  note(formatSummary(counts));
  return exitCode === 0 && counts.failed === 0 ? 0 : 1;
}

function keepLogOnFailure(logFile: string, exitCode: number): void {
  if (exitCode === 0 || !fs.existsSync(logFile)) return;
  fs.mkdirSync(FAILURE_LOG_DIR, { recursive: true });
  const kept = path.join(FAILURE_LOG_DIR, 'code-server.log');
  fs.copyFileSync(logFile, kept);
  console.error(`${NAME}: code-server's log is in ${path.relative(process.cwd(), kept)}`);
}

const options = parseRunnerOptions(process.argv.slice(2));
runSession(NAME, options.timeoutMs, (cleanup) => runIntegrationTests(options, cleanup));
