/** Debian's Chromium, driven by playwright-core, for the code-server runners. */
import * as path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

const CHROMIUM = process.env.SWF_TEST_CHROMIUM ?? '/usr/bin/chromium';
/** Headless, with nothing that phones home. */
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Chromium writes caches under XDG folders whatever its profile; keep them in the run's temp folder. */
export function launchChromium(stateDir: string): Promise<Browser> {
  const env = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const xdg = path.join(stateDir, 'chromium-xdg');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    env: { ...env, XDG_CACHE_HOME: path.join(xdg, 'cache'), XDG_CONFIG_HOME: path.join(xdg, 'config'), XDG_DATA_HOME: path.join(xdg, 'data') },
  });
}

/** A page that may only reach loopback: a request elsewhere would hang or leak, so it fails at once. */
export async function newLoopbackPage(browser: Browser, note: (message: string) => void, viewport?: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage(viewport ? { viewport } : {});
  const reported = new Set<string>();
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (!url.protocol.startsWith('http') || LOOPBACK_HOSTS.has(url.hostname)) return route.continue();
    if (!reported.has(url.host)) {
      reported.add(url.host);
      note(`blocked a request to ${url.host}`);
    }
    return route.abort('blockedbyclient');
  });
  return page;
}

export async function closeBrowser(browser: Browser): Promise<void> {
  // close() waits on the page; a wedged page must not stall cleanup (playwright kills the rest at exit).
  await Promise.race([browser.close(), new Promise((resolve) => setTimeout(resolve, 10_000))]);
}
