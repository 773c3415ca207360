/**
 * The integration runner for machines that can download VS Code desktop:
 * @vscode/test-electron downloads it (into .vscode-test/) and runs the same
 * suite module in its extension host.
 *
 *   node out/test/runner/electronHost.js [--workspace DIR] [--settings JSON]
 *
 * SWF_TEST_VSCODE_VERSION picks the VS Code version (default: the oldest one
 * package.json's engines.vscode allows, so tests catch use of newer APIs).
 */
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { ResultLineScanner, formatSummary } from './results';
import { Cleanup, REPO_ROOT, RunnerOptions, SUITE_MODULE, makeTempDir, parseRunnerOptions, runSession, writeUserSettings } from './session';

const NAME = 'electron host';
const VSCODE_VERSION = process.env.SWF_TEST_VSCODE_VERSION ?? '1.100.3';

async function runIntegrationTests(options: RunnerOptions, cleanup: Cleanup): Promise<number> {
  const userDataDir = path.join(makeTempDir(cleanup, 'vscode'), 'user-data');
  writeUserSettings(userDataDir, options.settings);
  const workspace = options.workspace ?? makeTempDir(cleanup, 'workspace');

  // test-electron copies VS Code's output to our stdout; read the result line from it on the way.
  const scanner = new ResultLineScanner();
  const stopScanning = teeStdout((chunk) => scanner.push(chunk));
  cleanup.add('stop reading stdout', stopScanning);

  const exitCode = await runTests({
    version: VSCODE_VERSION,
    extensionDevelopmentPath: REPO_ROOT,
    extensionTestsPath: SUITE_MODULE,
    launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${userDataDir}`],
  });
  const counts = scanner.result();
  if (!counts) {
    console.error(`${NAME}: the suite printed no result line; it did not run to the end`);
    return 1;
  }
  console.log(`[${NAME}] ${formatSummary(counts)}`);
  return exitCode === 0 && counts.failed === 0 ? 0 : 1;
}

/** Calls `onChunk` with everything written to stdout until the returned function is called. */
function teeStdout(onChunk: (chunk: string) => void): () => void {
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]): boolean => {
    onChunk(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return write(chunk, ...rest);
  }) as typeof process.stdout.write;
  return () => {
    process.stdout.write = write;
  };
}

const options = parseRunnerOptions(process.argv.slice(2));
runSession(NAME, options.timeoutMs, (cleanup) => runIntegrationTests(options, cleanup));
