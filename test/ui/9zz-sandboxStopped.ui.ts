/**
 * Scenario 9zz (last: it reloads the window, which restarts the extension
 * host): the in-host local sandbox across a reload, as a newcomer meets it.
 * Start Local Sandbox from the palette adds its root; the person claims a
 * task there and opens its execution; then reloads the window. The sandbox
 * lived in the old extension host and is gone: its root reads "not running"
 * (not "failed") and offers Start Local Sandbox (not Refresh), the claim is
 * shown as gone and the status bar no longer counts it, and the restored
 * execution panel says in words that the execution is gone, with no Retry.
 */
import * as assert from 'node:assert/strict';
import type { FrameLocator, Locator } from 'playwright-core';
import { stepper, UI_WAIT_MS, uiSession, type Workbench as WorkbenchType, Workbench } from './workbench';

const ROOT = 'sample-orders · local sandbox';

describe('Local sandbox after a reload (as a person)', () => {
  it('sandboxStopped: after a reload the sandbox root reads "not running" and offers Start, the status bar counts only live claims, the restored panel says the execution is gone', async function () {
    this.timeout(180_000);
    const step = stepper('sandbox-stopped');
    const workbench = new Workbench();
    const { page } = uiSession();

    await step('open the SWF view and run SWF: Start Local Sandbox from the palette', async () => {
      await workbench.openSwfView();
      await workbench.runCommand('SWF: Start Local Sandbox');
      await workbench.treeRow(ROOT).filter({ hasText: /open/ }).waitFor({ timeout: UI_WAIT_MS });
      // Earlier scenarios watch the runner's sandbox, seeded with the same samples: fold those roots, so the rows below are the local sandbox's.
      await foldRootsBut(workbench, ROOT);
    });

    const claimed = await step('claim the next payments task on the local sandbox', async () => {
      await workbench.clickInlineAction(workbench.treeRow('payments'), 'Claim Next Task');
      return workbench.claimedTask();
    });

    const before = await step('open its execution from the claimed row: the panel draws it; the status bar counts the claim', async () => {
      await workbench.contextMenuOf(workbench.claimedRow(claimed.activityId));
      await workbench.chooseMenuItem('Open Execution');
      await page.locator('.tab', { hasText: claimed.workflowId }).first().waitFor({ timeout: UI_WAIT_MS });
      await panelPage(workbench).locator('.event-list .event').first().waitFor({ timeout: UI_WAIT_MS });
      const count = await claimedCount(workbench);
      assert.ok(count !== undefined && count >= 1, 'the status bar counts the claim');
      return count;
    });

    await step('reload the window: the sandbox root reads "not running" and offers Start Local Sandbox, not Refresh', async () => {
      // Developer: Reload Window, not the browser's reload: it saves the open editors first (a browser reload
      // keeps only what the workbench last flushed to its storage, so a panel opened just before may be lost).
      const reloaded = page.waitForEvent('load', { timeout: UI_WAIT_MS * 2 });
      await workbench.runCommand('Developer: Reload Window');
      await reloaded;
      await workbench.openSwfView();
      const root = workbench.treeRow(ROOT);
      // The reloaded views expand the other roots again as their rows load: fold them (again, while
      // they load) until the sandbox root's row is in view, as a person would.
      await workbench.treeRow('notifications').waitFor({ timeout: UI_WAIT_MS });
      for (let attempt = 0; attempt < 4; attempt++) {
        await foldRootsBut(workbench, ROOT);
        if (await root.filter({ hasText: 'not running' }).isVisible()) break;
        await page.waitForTimeout(1_000);
      }
      await root.filter({ hasText: 'not running' }).waitFor({ timeout: UI_WAIT_MS });
      assert.doesNotMatch(await root.innerText(), /failed/, 'the root does not read "failed"');
      await workbench.treeRow('The local SWF sandbox is not running').waitFor({ timeout: UI_WAIT_MS });
      await root.hover();
      await root.locator('.actions a.action-label[aria-label="Start Local Sandbox"]').waitFor({ timeout: UI_WAIT_MS });
      assert.equal(await root.locator('.actions a.action-label[aria-label="Refresh"]').count(), 0, 'no Refresh that cannot help');
    });

    await step('the claim is shown as gone, and the status bar counts only the live claims', async () => {
      await workbench.treeRow(`${claimed.activityId} · gone with its sandbox · ${claimed.workflowId}`).waitFor({ timeout: UI_WAIT_MS });
      const deadline = Date.now() + UI_WAIT_MS;
      let count = await claimedCount(workbench);
      while (count !== (before > 1 ? before - 1 : undefined) && Date.now() < deadline) {
        await page.waitForTimeout(250);
        count = await claimedCount(workbench);
      }
      assert.equal(count, before > 1 ? before - 1 : undefined, `the status bar counted ${before} claims before the reload; after it: ${String(count)} (hidden when none is left)`);
    });

    await step('show the restored execution panel: it says in words that the execution is gone, with no Retry', async () => {
      await page.locator('.tab', { hasText: claimed.workflowId }).first().click();
      const view = panelPage(workbench);
      const gone = view.locator('body', { hasText: /no longer running/ });
      await gone.waitFor({ timeout: UI_WAIT_MS });
      assert.match(await view.locator('body').innerText(), /this execution and its history are gone/);
      assert.equal(await view.getByRole('button', { name: /Retry/ }).count(), 0, 'no Retry that can never succeed');
    });
  });
});

/** Collapses every expanded root row but the one labelled `keep`. */
async function foldRootsBut(workbench: WorkbenchType, keep: string): Promise<void> {
  const roots: Locator = workbench.page.locator('.part.sidebar .monaco-list-row[aria-level="1"][aria-expanded="true"]');
  for (let i = 0; i < 10; i++) {
    const labels = await roots.allInnerTexts();
    const other = labels.findIndex((text) => !text.includes(keep));
    if (other < 0) return;
    await roots.nth(other).locator('.monaco-tl-twistie').click();
  }
}

/** How many claims the status bar counts ("$(account) 2 claimed · 3m"); undefined while it is hidden. */
async function claimedCount(workbench: WorkbenchType): Promise<number | undefined> {
  const item = workbench.page.locator('.part.statusbar .statusbar-item', { hasText: /\d+ claimed/ });
  if ((await item.count()) === 0) return undefined;
  const match = /(\d+) claimed/.exec(await item.first().innerText());
  return match ? Number(match[1]) : undefined;
}

/** The page inside the panel's webview: VS Code nests it in two iframes. */
function panelPage(workbench: WorkbenchType): FrameLocator {
  return workbench.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}
