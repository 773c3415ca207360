/**
 * Mocha hooks shared by the tests of the execution panel's real page: before
 * the suite, the page is served (fixtures/panelPage.ts), opened in headless
 * Chromium on loopback and waited for until it says `ready`; after it,
 * everything is closed and removed. What the page reports as an error is
 * collected, so each suite can check that none happened.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { HostMessage, PageMessage } from '../../../src/webview/execution/protocol';
import { servePanelPage } from '../../fixtures/panelPage';
import { closeBrowser, launchChromium, newLoopbackPage } from '../../runner/browser';

export interface PageSession {
  /** The open page (inside tests and hooks that run after the session's `before`). */
  page(): Page;
  /** Page errors (and, with `consoleErrors`, console errors) seen so far. */
  readonly errors: string[];
  /** Sends host messages as the webview does (JSON text); resolves after the page's next frame with what it posted meanwhile. */
  deliver(messages: HostMessage[]): Promise<{ posted: PageMessage[] }>;
}

export function usePageSession(name: string, options: { consoleErrors?: boolean; beforeLoad?: (page: Page) => Promise<unknown> } = {}): PageSession {
  let server: Awaited<ReturnType<typeof servePanelPage>> | undefined;
  let browser: Browser | undefined;
  let current: Page | undefined;
  let stateDir: string | undefined;
  const errors: string[] = [];
  const page = (): Page => {
    if (!current) throw new Error('The page is only open inside the suite');
    return current;
  };

  before(async () => {
    server = await servePanelPage();
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
    browser = await launchChromium(stateDir);
    current = await newLoopbackPage(browser, (m) => errors.push(m), { width: 1200, height: 900 });
    current.on('pageerror', (e) => errors.push(String(e)));
    if (options.consoleErrors) {
      current.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
    }
    await options.beforeLoad?.(current);
    await current.goto(`${server.origin}/`);
    await current.waitForFunction(() => (window as unknown as { __posted: PageMessage[] }).__posted.some((m) => m.type === 'ready'));
  });

  after(async () => {
    if (browser) await closeBrowser(browser);
    await server?.close();
    if (stateDir) fs.rmSync(stateDir, { recursive: true, force: true });
  });

  return {
    page,
    errors,
    deliver: (messages) =>
      page().evaluate((texts) => (window as unknown as { __deliver(t: string[]): Promise<{ posted: PageMessage[] }> }).__deliver(texts), messages.map((m) => JSON.stringify(m))),
  };
}
