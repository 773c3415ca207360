/**
 * Installs and starts code-server, the VS Code (1.100, for the web) that these
 * machines can run without downloading VS Code desktop. Used by the
 * integration runner and by `npm start`. Recipe: shared notes,
 * vscode-test-host.md.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LOOPBACK, killProcessGroup, waitForHttp } from './processes';

const VERSION = process.env.CODE_SERVER_VERSION ?? '4.100.3';
const HEALTHZ_TIMEOUT_MS = 60_000;

/** Mirrors the folder scripts/install-code-server.sh installs into. */
function installDir(): string {
  const cache = process.env.SWF_TASKS_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'swf-activity-tasks');
  return path.join(cache, `code-server-${VERSION}`);
}

/**
 * The path of code-server's entry.js, installing it first when missing (about
 * 2 minutes, once). Asynchronous so that deadlines and Ctrl+C still work meanwhile.
 */
export async function ensureCodeServer(repoRoot: string): Promise<string> {
  const dir = installDir();
  const entry = path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (fs.existsSync(path.join(dir, '.installed'))) return entry;

  console.log(`code-server ${VERSION} is not installed in ${dir}; installing it (about 2 minutes)...`);
  const installer = spawn('bash', [path.join(repoRoot, 'scripts', 'install-code-server.sh')], { stdio: 'inherit' });
  const code = await new Promise<number | null>((resolve, reject) => {
    installer.once('error', reject);
    installer.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`scripts/install-code-server.sh failed (exit code ${code})`);
  return entry;
}

export interface CodeServerOptions {
  entry: string;
  port: number;
  /** Folder to open in the workbench. */
  workspace: string;
  /** Throwaway folder for the user data, extensions and XDG folders. */
  stateDir: string;
  /** Where its output goes: a log file path, or 'inherit' for the terminal. */
  output: string | 'inherit';
  env?: NodeJS.ProcessEnv;
}

export interface CodeServer {
  readonly process: ChildProcess;
  readonly origin: string;
  readonly userDataDir: string;
  /** The workbench page that opens the workspace with the given payload entries. */
  workbenchUrl(payload: ReadonlyArray<readonly [string, string]>): string;
  /** A vscode-remote URI for a path on this machine, as the workbench payload wants it. */
  remoteUri(absolutePath: string): string;
  stop(): Promise<void>;
}

export function codeServerDirs(stateDir: string): { userDataDir: string; extensionsDir: string; xdgDir: string } {
  return {
    userDataDir: path.join(stateDir, 'user-data'),
    extensionsDir: path.join(stateDir, 'extensions'),
    xdgDir: path.join(stateDir, 'xdg'),
  };
}

/** Starts code-server in its own process group and resolves once /healthz answers. */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const { userDataDir, extensionsDir, xdgDir } = codeServerDirs(options.stateDir);
  const configFile = path.join(options.stateDir, 'config.yaml');
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(configFile, '');

  const args = [
    options.entry,
    '--config', configFile,
    '--auth', 'none',
    '--bind-addr', `${LOOPBACK}:${options.port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    options.workspace,
  ];
  const logFd = options.output === 'inherit' ? undefined : fs.openSync(options.output, 'a');
  const child = spawn(process.execPath, args, {
    // Its own process group, so stop() ends its extension host and watchers too.
    detached: true,
    stdio: ['ignore', logFd ?? 'inherit', logFd ?? 'inherit'],
    env: { ...(options.env ?? process.env), ...isolatedEnv(xdgDir) },
  });
  if (logFd !== undefined) fs.closeSync(logFd);
  const origin = `http://${LOOPBACK}:${options.port}`;
  const server: CodeServer = {
    process: child,
    origin,
    userDataDir,
    remoteUri: (absolutePath) => `vscode-remote://${LOOPBACK}:${options.port}${absolutePath}`,
    workbenchUrl: (payload) => `${origin}/?folder=${encodeURIComponent(options.workspace)}` +
      (payload.length > 0 ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : ''),
    stop: () => killProcessGroup(child),
  };
  try {
    await waitForHttp(`${origin}/healthz`, HEALTHZ_TIMEOUT_MS, child);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/** Keeps code-server away from the marketplace and from files under the home folder. */
function isolatedEnv(xdgDir: string): NodeJS.ProcessEnv {
  return {
    EXTENSIONS_GALLERY: '{}',
    XDG_DATA_HOME: path.join(xdgDir, 'data'),
    XDG_CONFIG_HOME: path.join(xdgDir, 'config'),
    XDG_CACHE_HOME: path.join(xdgDir, 'cache'),
  };
}
