/**
 * The tests module VS Code loads in its extension host (`extensionTestsPath`),
 * under code-server (test/runner/codeServerHost.ts) and VS Code desktop
 * (test/runner/electronHost.ts) alike. VS Code calls run() once and ends the
 * session when its promise settles: resolved means passed.
 */
import * as path from 'node:path';
import { findTestFiles, runMocha } from '../../runner/mocha';
import { formatResultLine } from '../../runner/results';

const TEST_TIMEOUT_MS = 60_000;

/**
 * activation.test.js checks that nothing has activated the extension yet, so
 * it must run before any file that opens the view or runs a command.
 */
const RUNS_FIRST = 'activation.test.js';

export async function run(): Promise<void> {
  const files = orderFiles(findTestFiles(path.resolve(__dirname, '..')));
  if (files.length === 0) throw new Error(`no *.test.js files below ${path.resolve(__dirname, '..')}: were the tests compiled?`);

  const counts = await runMocha(files, { timeoutMs: TEST_TIMEOUT_MS, grep: process.env.SWF_TEST_GREP });
  console.log(formatResultLine(counts));
  if (counts.failed > 0) throw new Error(`${counts.failed} integration test(s) failed`);
}

function orderFiles(files: string[]): string[] {
  const first = files.filter((file) => path.basename(file) === RUNS_FIRST);
  return [...first, ...files.filter((file) => !first.includes(file))];
}
