// `npm run code-server -- ARGS`: runs the code-server that `npm run setup`
// installed (into ~/.cache, not on PATH) with ARGS, so the README's commands
// (`--install-extension swf-activity-tasks.vsix`, or serving the workbench)
// work as written on a fresh machine. Installs code-server first if missing.
// Exits with code-server's exit code.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { loadRunnerModules } from './runnerModules.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');

/** The install location is decided in one place (test/runner/codeServer.ts), loaded as runnerModules.mjs does. */
const loadCodeServerHelpers = () => loadRunnerModules("export { ensureCodeServer } from './test/runner/codeServer';", 'codeServerEntry');

const { ensureCodeServer } = await loadCodeServerHelpers();
const entry = await ensureCodeServer(ROOT);
// No gallery: this code-server installs from files only, and must not reach the internet.
const child = spawn(process.execPath, [entry, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { EXTENSIONS_GALLERY: '{}', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.once('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
