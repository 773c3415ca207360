/**
 * The tests module VS Code loads in its extension host (`extensionTestsPath`),
 * under code-server (test/runner/codeServerHost.ts) and VS Code desktop
 * (test/runner/electronHost.ts) alike. VS Code calls run() once and ends the
 * session when its promise settles: resolved means passed.
 *
 * A window reload is part of what the suites test (claims and roots must
 * survive it), so a run has two phases. Phase one runs every suite but the
 * `*.afterReload.test.js` ones, the `*.beforeReload.test.js` ones last; it
 * then saves its counts in the file SWF_TEST_RELOAD_STATE names and reloads
 * the window. VS Code starts a new extension host and calls run() again:
 * phase two finds the file, runs the after-reload suites and reports the
 * counts of both phases. A host that sets no SWF_TEST_RELOAD_STATE (VS Code
 * desktop) runs the after-reload suites at once, in the same extension host.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findTestFiles, runMocha } from '../../runner/mocha';
import { addCounts, formatResultLine, type TestCounts } from '../../runner/results';

const TEST_TIMEOUT_MS = 60_000;

/**
 * activation.test.js checks that nothing has activated the extension yet, so
 * it must run before any file that opens the view or runs a command.
 */
const RUNS_FIRST = 'activation.test.js';
const BEFORE_RELOAD = '.beforeReload.test.js';
const AFTER_RELOAD = '.afterReload.test.js';

interface ReloadState {
  countsBeforeReload: TestCounts;
}

export async function run(): Promise<void> {
  const files = orderFiles(findTestFiles(path.resolve(__dirname, '..')));
  if (files.length === 0) throw new Error(`no *.test.js files below ${path.resolve(__dirname, '..')}: were the tests compiled?`);
  const afterReload = files.filter((file) => file.endsWith(AFTER_RELOAD));
  const stateFile = process.env.SWF_TEST_RELOAD_STATE;
  const options = { timeoutMs: TEST_TIMEOUT_MS, grep: process.env.SWF_TEST_GREP };

  const resumed = stateFile ? takeState(stateFile) : undefined;
  let counts: TestCounts;
  if (resumed) {
    console.log('--- after the window reload ---');
    counts = addCounts(resumed.countsBeforeReload, await runMocha(afterReload, options));
  } else {
    counts = await runMocha(files.filter((file) => !afterReload.includes(file)), options);
    if (afterReload.length > 0 && stateFile) {
      fs.writeFileSync(stateFile, JSON.stringify({ countsBeforeReload: counts } satisfies ReloadState));
      console.log('--- reloading the window: a new extension host runs the after-reload suites ---');
      await vscode.commands.executeCommand('workbench.action.reloadWindow');
      return new Promise<void>(() => undefined); // this extension host ends with the window
    }
    if (afterReload.length > 0) counts = addCounts(counts, await runMocha(afterReload, options));
  }
  console.log(formatResultLine(counts));
  if (counts.failed > 0) throw new Error(`${counts.failed} integration test(s) failed`);
}

/** Reads and removes the state phase one left, so a second reload cannot loop. */
function takeState(stateFile: string): ReloadState | undefined {
  if (!fs.existsSync(stateFile)) return undefined;
  const state = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as ReloadState;
  fs.rmSync(stateFile);
  return state;
}

function orderFiles(files: string[]): string[] {
  const rank = (file: string): number => (path.basename(file) === RUNS_FIRST ? 0 : file.endsWith(BEFORE_RELOAD) ? 2 : file.endsWith(AFTER_RELOAD) ? 3 : 1);
  return [...files].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
