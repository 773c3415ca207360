/**
 * Checks the packaged extension as a user gets it: installs the .vsix into a
 * fresh code-server with `--install-extension`, opens the workbench (no
 * development path), clicks the SWF icon, checks the welcome view, starts the
 * local sandbox from it and waits for the sample domain's task lists; then
 * opens the extension's details page (the user README, its images loaded, the
 * icon).
 *
 *   node out/test/runner/vsixSmoke.js swf-activity-tasks.vsix
 *
 * Leaves screenshots in test-results/vsix-smoke.png and vsix-details.png.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { closeBrowser, launchChromium, newLoopbackPage } from './browser';
import { checkDetailsPage } from './detailsPage';
import { codeServerDirs, ensureCodeServer, startCodeServer } from './codeServer';
import { walkNewcomerPath } from './newcomerPath';
import { getFreePort } from './processes';
import { makeTempDir, REPO_ROOT, runSession } from './session';

const NAME = 'vsix smoke';
const TIMEOUT_MS = 5 * 60_000;
const note = (message: string): void => console.log(`[${NAME}] ${message}`);

runSession(NAME, TIMEOUT_MS, async (cleanup) => {
  const vsix = path.resolve(process.argv[2] ?? 'swf-activity-tasks.vsix');
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing: run \`npm run package\` first`);
  const entry = await ensureCodeServer(REPO_ROOT);
  const stateDir = makeTempDir(cleanup, 'vsix-smoke');
  const { extensionsDir, userDataDir } = codeServerDirs(stateDir);

  const install = await promisify(execFile)(process.execPath, [entry, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix], {
    env: { ...process.env, EXTENSIONS_GALLERY: '{}' },
  });
  note(install.stdout.trim().split('\n').pop() ?? '');
  const installed = fs.readdirSync(extensionsDir).filter((name) => name.startsWith('swf-activity-tasks.swf-activity-tasks-'));
  if (installed.length !== 1) throw new Error(`expected the extension in ${extensionsDir}, found: ${fs.readdirSync(extensionsDir).join(', ')}`);
  note(`installed as ${installed[0]}`);

  const server = await startCodeServer({ entry, port: await getFreePort(), workspace: makeTempDir(cleanup, 'workspace'), stateDir, output: path.join(stateDir, 'code-server.log') });
  cleanup.add('stop code-server', () => server.stop());
  const browser = await launchChromium(stateDir);
  cleanup.add('close the browser', () => closeBrowser(browser));
  const page = await newLoopbackPage(browser, note, { width: 1280, height: 800 });
  const screenshot = async (): Promise<void> => {
    fs.mkdirSync(path.join(REPO_ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'vsix-smoke.png') });
  };
  cleanup.add('screenshot', () => screenshot().catch(() => undefined));

  await page.goto(server.workbenchUrl([]));
  await walkNewcomerPath(page, note);
  note('the packaged bundle works');
  await screenshot();
  await checkDetailsPage(page, 'SWF Activity Tasks', note);
  await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'vsix-details.png') });
  note('the details page shows the user page with its images and icon');
  return 0;
});
