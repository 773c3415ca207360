/**
 * What both integration runners (code-server and VS Code desktop) share:
 * command-line options, throwaway folders, a user settings file, an overall
 * deadline and cleanup that also runs on Ctrl+C.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
/** The compiled tests module, without `.js`, as VS Code expects it. */
export const SUITE_MODULE = path.join(REPO_ROOT, 'out', 'test', 'integration', 'suite', 'index');

const DEFAULT_TIMEOUT_MS = 15 * 60_000;

/** Settings that keep a test VS Code quiet, offline and deterministic. */
const TEST_SETTINGS: Readonly<Record<string, unknown>> = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
};

export interface RunnerOptions {
  /** Folder to open; undefined opens a fresh empty one. */
  workspace: string | undefined;
  /** User settings added to (and overriding) TEST_SETTINGS. */
  settings: Record<string, unknown>;
  timeoutMs: number;
}

export function parseRunnerOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): RunnerOptions {
  const { values } = parseArgs({
    args: argv,
    options: { workspace: { type: 'string' }, settings: { type: 'string' } },
  });
  return {
    workspace: values.workspace === undefined ? undefined : path.resolve(values.workspace),
    settings: values.settings === undefined ? {} : parseSettings(values.settings),
    timeoutMs: parseTimeout(env.SWF_TEST_TIMEOUT_MS),
  };
}

function parseSettings(json: string): Record<string, unknown> {
  const value: unknown = JSON.parse(json);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`--settings wants a JSON object, got ${json}`);
  }
  return value as Record<string, unknown>;
}

function parseTimeout(text: string | undefined): number {
  if (text === undefined || text === '') return DEFAULT_TIMEOUT_MS;
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms <= 0) throw new Error(`SWF_TEST_TIMEOUT_MS must be a positive number of milliseconds, got ${text}`);
  return ms;
}

/** A cleanup step; `exitCode` lets a step keep evidence (logs) of a failed run. */
type CleanupStep = (exitCode: number) => Promise<void> | void;

/** Cleanup steps run last-in first-out, each once, even when one fails. */
export class Cleanup {
  private readonly steps: Array<{ name: string; run: CleanupStep }> = [];

  add(name: string, run: CleanupStep): void {
    this.steps.push({ name, run });
  }

  async runAll(exitCode: number): Promise<void> {
    for (let step = this.steps.pop(); step; step = this.steps.pop()) {
      try {
        await step.run(exitCode);
      } catch (error) {
        console.error(`cleanup: ${step.name} failed:`, error);
      }
    }
  }
}

/** A temp folder removed at cleanup. */
export function makeTempDir(cleanup: Cleanup, prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `swf-${prefix}-`));
  cleanup.add(`remove ${dir}`, () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes `User/settings.json` below a VS Code user data folder. */
export function writeUserSettings(userDataDir: string, extra: Record<string, unknown>): void {
  const userDir = path.join(userDataDir, 'User');
  fs.mkdirSync(userDir, { recursive: true });
  fs.writeFileSync(path.join(userDir, 'settings.json'), JSON.stringify({ ...TEST_SETTINGS, ...extra }, null, 2));
}

/**
 * Runs `body`, then the cleanup, then exits with its code. The overall
 * deadline and Ctrl+C/SIGTERM end it early, cleanup included, so a hung
 * extension host fails the run instead of hanging CI.
 */
export function runSession(name: string, timeoutMs: number, body: (cleanup: Cleanup) => Promise<number>): void {
  const cleanup = new Cleanup();
  let finishing = false;
  const finish = async (code: number): Promise<void> => {
    if (finishing) return;
    finishing = true;
    clearTimeout(deadline);
    await cleanup.runAll(code);
    process.exit(code);
  };
  const deadline = setTimeout(() => {
    console.error(`${name}: timed out after ${timeoutMs / 1000} s (SWF_TEST_TIMEOUT_MS); ` +
      'the extension host is probably hung. Stopping everything.');
    void finish(124);
  }, timeoutMs);
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    // `on`, not `once`: a second Ctrl+C must not kill the process before cleanup ends.
    process.on(signal, () => {
      console.error(`${name}: ${signal}, stopping`);
      void finish(code);
    });
  }
  body(cleanup).then(finish, (error: unknown) => {
    // Once the deadline or a signal is ending the run, errors from the teardown are expected noise.
    if (finishing) return;
    console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    return finish(1);
  });
}
