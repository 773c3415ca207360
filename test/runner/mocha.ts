/**
 * Runs compiled mocha test files through mocha's API and returns the counts.
 * Shared by the unit runner (plain Node) and the integration suite (inside
 * VS Code's extension host), so both count and filter tests the same way.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { TestCounts } from './results';

export interface MochaRunOptions {
  timeoutMs: number;
  /** Runs only the tests whose full title contains this text (env SWF_TEST_GREP). */
  grep?: string | undefined;
}

const TEST_FILE_SUFFIX = '.test.js';

/** Every `*.test.js` below `root`, sorted for a stable order; none if `root` is missing. */
export function findTestFiles(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  const found: string[] = [];
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) found.push(...findTestFiles(full));
    else if (entry.isFile() && entry.name.endsWith(TEST_FILE_SUFFIX)) found.push(full);
  }
  return found.sort();
}

export function runMocha(files: readonly string[], options: MochaRunOptions): Promise<TestCounts> {
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    // The output ends up in log files and browser consoles, not terminals.
    color: false,
    timeout: options.timeoutMs,
  });
  if (options.grep) mocha.grep(options.grep);
  files.forEach((file) => mocha.addFile(file));

  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run(() => {
        const stats = runner.stats;
        resolve({ passed: stats?.passes ?? 0, failed: stats?.failures ?? 0, pending: stats?.pending ?? 0 });
      });
    } catch (error) {
      // A test file that throws while loading ends here, before any test runs.
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
