/**
 * Checks the README's first command as a newcomer meets it: runs
 * `node scripts/start.mjs` (what `npm start` runs) with a fresh state folder,
 * opens the address it prints in Chromium, walks the newcomer path (welcome
 * view, Start Local Sandbox, sample task lists), then stops it with SIGINT as
 * Ctrl+C would and checks it exits 0 and frees its port.
 *
 *   node out/test/runner/startSmoke.js
 *
 * Leaves a screenshot in test-results/npm-start.png.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { closeBrowser, launchChromium, newLoopbackPage } from './browser';
import { walkNewcomerPath } from './newcomerPath';
import { getFreePort, isPortFree, killProcessGroup } from './processes';
import { makeTempDir, REPO_ROOT, runSession } from './session';

const NAME = 'npm start smoke';
const TIMEOUT_MS = 5 * 60_000;
const ADDRESS = /^\s+(http:\/\/127\.0\.0\.1:\d+\/\S+)$/m;
const note = (message: string): void => console.log(`[${NAME}] ${message}`);

runSession(NAME, TIMEOUT_MS, async (cleanup) => {
  const port = await getFreePort();
  const stateDir = makeTempDir(cleanup, 'npm-start');
  const start = spawn(process.execPath, [path.join(REPO_ROOT, 'scripts', 'start.mjs')], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, PORT: String(port), SWF_START_STATE_DIR: stateDir },
  });
  cleanup.add('stop npm start', () => killProcessGroup(start));
  const exited = new Promise<number | null>((resolve) => start.once('exit', resolve));

  let printed = '';
  const url = await new Promise<string>((resolve, reject) => {
    start.stdout.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      const match = ADDRESS.exec(printed);
      if (match) resolve(match[1]);
    });
    void exited.then((code) => reject(new Error(`scripts/start.mjs exited (code ${code}) before printing an address:\n${printed}`)));
  });
  note(`it printed ${url.slice(0, 40)}…`);

  const browser = await launchChromium(stateDir);
  cleanup.add('close the browser', () => closeBrowser(browser));
  const page = await newLoopbackPage(browser, note, { width: 1280, height: 800 });
  await page.goto(url);
  await walkNewcomerPath(page, note);
  fs.mkdirSync(path.join(REPO_ROOT, 'test-results'), { recursive: true });
  await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'npm-start.png') });
  await closeBrowser(browser);

  process.kill(-(start.pid ?? 0), 'SIGINT');
  const code = await exited;
  if (code !== 0) throw new Error(`Ctrl+C should stop npm start cleanly; it exited with code ${code}`);
  if (!(await isPortFree(port))) throw new Error(`port ${port} is still in use after npm start stopped`);
  note('Ctrl+C stopped it and freed its port');
  return 0;
});
