/**
 * Runs the unit and conformance suites in plain Node (no VS Code) and prints
 * the result line. Started as a child process by scripts/test.mjs so that a
 * test that leaks a timer or calls process.exit cannot take the orchestrator
 * down with it.
 */
import * as path from 'node:path';
import { findTestFiles, runMocha } from './mocha';
import { formatResultLine } from './results';

const UNIT_TIMEOUT_MS = 10_000;
/** Compiled test folders, relative to out/test. */
const SUITE_FOLDERS = ['unit', 'conformance'];

async function main(): Promise<number> {
  const testRoot = path.resolve(__dirname, '..');
  const files = SUITE_FOLDERS.flatMap((folder) => findTestFiles(path.join(testRoot, folder)));
  const counts = await runMocha(files, { timeoutMs: UNIT_TIMEOUT_MS, grep: process.env.SWF_TEST_GREP });
  console.log(formatResultLine(counts));
  return counts.failed > 0 ? 1 : 0;
}

// Exits explicitly, as `mocha --exit` does: a timer a test forgot must not keep the run alive.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('unit tests could not run:', error);
    process.exit(2);
  },
);
