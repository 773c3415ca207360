// `npm start`: runs the extension in a real VS Code (code-server, in the
// browser) without packaging it. Builds the extension, installs code-server
// into ~/.cache on first use, starts it on 127.0.0.1 (port $PORT, else 8080,
// else any free one) and prints the address that loads this folder as a
// development extension. Ctrl+C stops it.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadRunnerModules } from './runnerModules.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
/** Kept between runs (gitignored), so settings and open editors survive a restart; SWF_START_STATE_DIR moves it (the CI check of this script starts clean). */
const STATE_DIR = process.env.SWF_START_STATE_DIR ?? path.join(ROOT, '.vscode-test', 'dev');
const WORKSPACE = path.join(STATE_DIR, 'workspace');
const PREFERRED_PORT = Number(process.env.PORT) || 8080;
/** Written on first run only: after that the settings are the user's. */
const FIRST_RUN_SETTINGS = { 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'git.openRepositoryInParentFolders': 'never' };

function buildExtension() {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'esbuild.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('start: the build failed; fix the errors above and run npm start again');
    process.exit(1);
  }
}

/** The code-server helpers and process helpers of test/runner (see runnerModules.mjs). */
function loadCodeServerHelpers() {
  return loadRunnerModules("export * from './test/runner/codeServer'; export * from './test/runner/processes';", 'codeServer');
}

buildExtension();
const { codeServerDirs, ensureCodeServer, startCodeServer, getFreePort, isPortFree } = await loadCodeServerHelpers();
const entry = await ensureCodeServer(ROOT);
fs.mkdirSync(WORKSPACE, { recursive: true });
const settingsFile = path.join(codeServerDirs(STATE_DIR).userDataDir, 'User', 'settings.json');
if (!fs.existsSync(settingsFile)) {
  fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
  fs.writeFileSync(settingsFile, JSON.stringify(FIRST_RUN_SETTINGS, null, 2));
}

const port = (await isPortFree(PREFERRED_PORT)) ? PREFERRED_PORT : await getFreePort();
if (port !== PREFERRED_PORT) console.log(`start: port ${PREFERRED_PORT} is busy; using ${port}`);
const logFile = path.join(STATE_DIR, 'code-server.log');
const server = await startCodeServer({ entry, port, workspace: WORKSPACE, stateDir: STATE_DIR, output: logFile });

// The payload in the address is what loads this folder as a development extension.
const url = server.workbenchUrl([['extensionDevelopmentPath', server.remoteUri(ROOT)]]);
console.log(`
SWF Activity Tasks is running in code-server. Open this address in a browser:

  ${url}

Then click the SWF icon in the activity bar, and "Start Local Sandbox" to try it
without an AWS account. After changing src/, run \`npm run build\` and reload the
page. code-server's log: ${path.relative(ROOT, logFile)}. Ctrl+C stops it.
`);

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  await server.stop();
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
server.process.once('exit', (code) => {
  if (stopping) return;
  console.error(`start: code-server exited unexpectedly (code ${code}); see ${logFile}`);
  void stop(1);
});
