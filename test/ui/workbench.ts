/**
 * What the UI scenarios share: the session the runner (test/runner/uiHost.ts)
 * hands them, the workbench as a person sees and uses it (rows, menus, input
 * boxes, notifications), numbered screenshots of every step, and the
 * scenarios' own view of SWF (the sandbox's histories, read with the SDK).
 *
 * Locators name what a person sees (labels, menu entries, button tooltips),
 * never the extension's internals, so a scenario fails when the UI is wrong.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ListOpenWorkflowExecutionsCommand, type EventType, type HistoryEvent, type SWFClient, type WorkflowExecution } from '@aws-sdk/client-swf';
import type { Locator, Page } from 'playwright-core';
import { eventsOfActivity, readHistory, scheduledEventIdOf } from '../integration/helpers/swf';

/** Long enough for the first activation (several seconds) on a loaded machine. */
export const UI_WAIT_MS = 20_000;
/** See chooseMenuItem. */
const MENU_ARMING_MS = 150;

export interface UiSession {
  page: Page;
  /** An SDK client of the sandbox the extension talks to: what SWF recorded, not what the UI says. */
  swf: SWFClient;
  /** The sandbox's address, which a person types when adding its domain. */
  endpoint: string;
  domain: string;
  /** Where the step screenshots go (test-results). */
  screenshotDir: string;
  /** The workspace folder code-server opened: where a team's `.swf/` files live. */
  workspace: string;
}

/** A task this person claimed, as the claim notification names it. */
export interface ClaimedTask {
  activityId: string;
  workflowId: string;
}

let current: UiSession | undefined;

/** Called by the runner before mocha loads the scenarios. */
export function setUiSession(session: UiSession): void {
  current = session;
}

export function uiSession(): UiSession {
  if (!current) throw new Error('no UI session: run the scenarios through out/test/runner/uiHost.js');
  return current;
}

/**
 * Runs a scenario's steps in order, with a screenshot after each one
 * (`ui-<scenario>-<n>-<step>.png`) and one of the screen as it was when a step
 * failed (`…-FAILED.png`), so a red run can be understood from the pictures.
 */
export function stepper(scenario: string): <T>(name: string, body: () => Promise<T>) => Promise<T> {
  let count = 0;
  return async (name, body) => {
    count += 1;
    const file = `ui-${slug(scenario)}-${count}-${slug(name)}`;
    try {
      const value = await body();
      await screenshot(file);
      return value;
    } catch (error) {
      await screenshot(`${file}-FAILED`);
      throw error;
    }
  };
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

async function screenshot(name: string): Promise<void> {
  const { page, screenshotDir } = uiSession();
  fs.mkdirSync(screenshotDir, { recursive: true });
  // A picture is evidence, not the test: a page too wedged to paint must not hide the real error.
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) }).catch(() => undefined);
}

/** The workbench of the session's page, seen as a person sees it. */
export class Workbench {
  constructor(readonly page: Page = uiSession().page) {}

  /** The SWF view's rows; quick picks are lists too, so only the side bar counts. */
  treeRow(text: string | RegExp): Locator {
    return this.page.locator('.part.sidebar .monaco-list-row', { hasText: text }).first();
  }

  /** The side bar's SWF view, opened from its activity-bar icon when it is not open already. */
  async openSwfView(): Promise<void> {
    const icon = this.activityBarIcon();
    await icon.waitFor({ timeout: UI_WAIT_MS });
    if (await this.page.locator('.part.sidebar .pane-header', { hasText: 'Open Tasks' }).first().isVisible()) return;
    // The badge, once shown, lies over the icon and takes the click; the click still reaches the icon's item.
    if ((await icon.getAttribute('aria-expanded')) !== 'true') await icon.click({ force: true });
  }

  private activityBarIcon(): Locator {
    // With a badge the label grows ("SWF - 8 open activity tasks"): match its start.
    return this.page.locator('.activitybar a.action-label[aria-label^="SWF"]');
  }

  /** The number on the SWF icon: how many open tasks the view counts. */
  async badgeCount(): Promise<number> {
    // With a badge the icon's label grows ("SWF - 8 open activity tasks"): match its start.
    const item = this.page.locator('.activitybar .action-item', { has: this.page.locator('a.action-label[aria-label^="SWF"]') });
    const badge = item.locator('.badge-content');
    await badge.waitFor({ timeout: UI_WAIT_MS });
    return Number(await badge.textContent());
  }

  /** The row of a task this person claimed, once the tree shows it so. */
  claimedRow(activityId: string): Locator {
    return this.treeRow(activityId).filter({ hasText: 'claimed by you' });
  }

  /** After a Claim Next Task: the task the notification names, once its row shows it claimed. */
  async claimedTask(): Promise<ClaimedTask> {
    const task = parseClaimMessage(await this.notification(/^Claimed /));
    await this.claimedRow(task.activityId).waitFor({ timeout: UI_WAIT_MS });
    return task;
  }

  /** Right-clicks `row` and returns the entries of its context menu, as shown. */
  async contextMenuOf(row: Locator): Promise<string[]> {
    await row.click({ button: 'right' });
    const items = this.menu().getByRole('menuitem');
    await items.first().waitFor({ timeout: UI_WAIT_MS });
    return (await items.allInnerTexts()).map((text) => text.split('\n')[0].trim()).filter((text) => text !== '');
  }

  /** Clicks an entry of the open menu and waits for the menu to close, which shows the click was taken. */
  async chooseMenuItem(name: string): Promise<void> {
    const item = this.menu().getByRole('menuitem', { name, exact: true });
    await item.waitFor({ timeout: UI_WAIT_MS });
    // VS Code's menu entries start listening for clicks 100 ms after the menu renders (so the
    // click that opened it cannot pick an entry); a faster click is silently ignored.
    await this.page.waitForTimeout(MENU_ARMING_MS);
    await item.click();
    await this.menu().waitFor({ state: 'detached', timeout: UI_WAIT_MS });
  }

  async closeMenu(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.menu().waitFor({ state: 'detached', timeout: UI_WAIT_MS });
  }

  private menu(): Locator {
    return this.page.locator('.context-view .monaco-menu');
  }

  /** Hovers `row` and clicks the inline action shown on it. */
  async clickInlineAction(row: Locator, name: string): Promise<void> {
    await row.hover();
    await row.locator(`.actions a.action-label[aria-label="${name}"]`).click({ timeout: UI_WAIT_MS });
  }

  quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /**
   * Picks an entry of the open quick pick once it is listed (lists may load
   * asynchronously), as a person does with the keyboard: type its label to
   * narrow the list, make sure the highlighted entry is that one, press Enter.
   * Not a click: the workbench recycles list rows, and a row found by its
   * text can show another entry by the time a click lands (seen when one
   * quick pick follows another under load).
   */
  async pickQuickItem(label: string): Promise<void> {
    await this.quickInput().locator('.monaco-list-row', { hasText: label }).first().waitFor({ timeout: UI_WAIT_MS });
    await this.typeIntoQuickInput(label);
    await this.enterHighlighted(label);
  }

  /** Presses Enter once the quick pick highlights the entry labelled `label`, moving down to it if need be. */
  private async enterHighlighted(label: string): Promise<void> {
    const input = this.quickInput().locator('input.input');
    const focused = this.quickInput().locator('.monaco-list-row.focused');
    for (let moves = 0; moves < 10; moves++) {
      await focused.first().waitFor({ timeout: UI_WAIT_MS });
      if ((await focused.first().innerText()).includes(label)) {
        await input.press('Enter');
        return;
      }
      await input.press('ArrowDown');
    }
    throw new Error(`The quick pick never highlighted "${label}"`);
  }

  /** Runs a command from the Command Palette (Ctrl+Shift+P), picking it by its full title. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('Control+Shift+P');
    await this.typeIntoQuickInput(title);
    await this.enterHighlighted(title);
  }

  /** Clears the notifications, so that the next one waited for cannot be an old one. */
  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
    await this.page.locator('.notification-toast').first().waitFor({ state: 'detached', timeout: UI_WAIT_MS });
  }

  /** Types into the open quick input, key by key, and presses Enter once the text is in. */
  async typeAndEnter(text: string): Promise<void> {
    const input = await this.typeIntoQuickInput(text);
    await input.press('Enter');
  }

  private async typeIntoQuickInput(text: string): Promise<Locator> {
    const input = this.quickInput().locator('input.input');
    await input.waitFor({ state: 'visible', timeout: UI_WAIT_MS });
    await input.pressSequentially(text);
    return input;
  }

  /** Waits for a notification whose message matches `text` and returns that message. */
  async notification(text: string | RegExp): Promise<string> {
    const message = this.page.locator('.notification-toast .notification-list-item-message', { hasText: text }).first();
    await message.waitFor({ timeout: UI_WAIT_MS });
    return (await message.innerText()).trim();
  }

  /**
   * Opens the extension's log from the Open Tasks view's "More Actions" menu: the Output panel on its channel.
   * With two views in the SWF container, the container's own title has a "More Actions" too (which views to
   * show), so the one on the Open Tasks section's header is meant; it shows while the header is hovered.
   */
  async openLog(): Promise<void> {
    const header = this.page.locator('.part.sidebar .pane-header', { hasText: 'Open Tasks' }).first();
    await header.hover();
    await header.locator('a.action-label[aria-label*="More Actions"]').click();
    await this.chooseMenuItem('Show Log');
  }

  /**
   * The Output panel's text once it contains `text`. Its lines wrap into several
   * rows whose text joins with nothing between them, so a wrapped line still
   * matches whole; spaces match any whitespace, since the editor renders them as
   * U+00A0. Only the rows scrolled into view exist in the page.
   */
  outputText(text: string): Locator {
    const pattern = new RegExp(text.split(/\s+/).map(escapeRegExp).join('\\s+'));
    return this.page.locator('.part.panel .monaco-editor .view-lines', { hasText: pattern }).first();
  }

  /** Clicks a button of the open quick input's title bar, by its tooltip. */
  async clickQuickInputButton(tooltip: string): Promise<void> {
    await this.quickInput().locator(`a.action-label[aria-label="${tooltip}"]`).click({ timeout: UI_WAIT_MS });
  }

  /** Types `lines` into the focused editor, pressing Enter between them as a person does. */
  /**
   * Replaces the text of the editor shown with `text`, as a person does: click
   * into it, select all, delete, type. Emptied first: typing over a selection
   * would surround it with the typed bracket.
   */
  async replaceEditorText(text: string): Promise<void> {
    await this.page.locator('.part.editor .monaco-editor .view-lines').first().click();
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.press('Backspace');
    await this.page.keyboard.type(text);
  }

  async typeIntoEditor(lines: readonly string[]): Promise<void> {
    await this.page.locator('.part.editor .monaco-editor.focused').waitFor({ timeout: UI_WAIT_MS });
    for (const [index, line] of lines.entries()) {
      if (index > 0) await this.page.keyboard.press('Enter');
      await this.page.keyboard.type(line);
    }
  }

  /**
   * The choice Enter would take in the question now shown: the focused
   * button of a modal dialog, or the highlighted entry of a quick pick whose
   * entries match `entries` (so a pick still closing is not taken for it).
   */
  async focusedChoice(entries?: RegExp): Promise<string> {
    const deadline = Date.now() + UI_WAIT_MS;
    for (;;) {
      const inDialog = await this.page.evaluate(() => {
        const focused = document.activeElement;
        return focused?.closest('.monaco-dialog-box') ? (focused.textContent ?? '').trim() : undefined;
      });
      if (inDialog) return inDialog;
      const row = this.quickInput().locator('.monaco-list-row.focused');
      if ((await this.quickInput().isVisible()) && (await row.count()) > 0) {
        const text = (await row.first().innerText()).split('\n')[0].trim();
        if (!entries || entries.test(text)) return text;
      }
      if (Date.now() > deadline) throw new Error('No question with a focused choice was shown');
      await this.page.waitForTimeout(100);
    }
  }

  /** The open execution with this workflow ID, as SWF lists it. */
  openRun(swf: SWFClient, domain: string, workflowId: string): Promise<WorkflowExecution & { runId: string }> {
    return openExecution(swf, domain, workflowId) as Promise<WorkflowExecution & { runId: string }>;
  }

  /** A button of an editor's title bar, such as "Submit to SWF". */
  editorTitleAction(name: string): Locator {
    return this.page.locator(`.editor-actions a.action-label[aria-label="${name}"]`);
  }
}

/** The open execution with this workflow ID (its runId is what a history read needs). */
async function openExecution(swf: SWFClient, domain: string, workflowId: string): Promise<WorkflowExecution> {
  const { executionInfos } = await swf.send(
    new ListOpenWorkflowExecutionsCommand({ domain, startTimeFilter: { oldestDate: new Date(0) }, executionFilter: { workflowId } }),
  );
  const execution = executionInfos?.[0]?.execution;
  if (!execution) throw new Error(`no open execution ${workflowId} in ${domain}`);
  return execution;
}

/**
 * The events of `type` that SWF recorded for a task (of its latest scheduling),
 * read from the sandbox's history of the task's open execution.
 */
export async function recordedEvents(task: ClaimedTask, type: EventType): Promise<HistoryEvent[]> {
  const { swf, domain } = uiSession();
  const events = await readHistory(swf, domain, await openExecution(swf, domain, task.workflowId));
  return eventsOfActivity(events, scheduledEventIdOf(events, task.activityId), type);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** What a "Claimed …" notification names: `Claimed ChargeCard 1.0 "charge-order-1005" of order-1005.` */
function parseClaimMessage(message: string): ClaimedTask {
  // The workflow ID ends at the sentence's full stop (it may hold dots itself).
  const match = /^Claimed \S+ \S+ "([^"]+)" of (.+?)\.(?: |$)/.exec(message);
  if (!match) throw new Error(`not a claim notification: ${message}`);
  return { activityId: match[1], workflowId: match[2] };
}
