/**
 * What a newcomer does first, checked in a real workbench page: click the SWF
 * icon, see the welcome view, click Start Local Sandbox, and see the sample
 * domain's task lists. Shared by the checks of `npm start` and of the .vsix.
 */
import type { Page } from 'playwright-core';

const UI_WAIT_MS = 60_000;
const SAMPLE_TASK_LISTS = ['notifications', 'payments', 'shipping'];

export async function walkNewcomerPath(page: Page, note: (message: string) => void): Promise<void> {
  await page.locator('.activitybar a.action-label[aria-label="SWF"]').click({ timeout: UI_WAIT_MS });
  note('the SWF icon is in the activity bar');
  await page.getByRole('button', { name: 'Add Domain', exact: true }).waitFor({ timeout: UI_WAIT_MS });
  note('the view shows its welcome content');
  await page.getByRole('button', { name: 'Start Local Sandbox', exact: true }).click();
  for (const taskList of SAMPLE_TASK_LISTS) {
    await page.locator('.monaco-list-row', { hasText: taskList }).first().waitFor({ timeout: UI_WAIT_MS });
  }
  note(`Start Local Sandbox listed the sample task lists (${SAMPLE_TASK_LISTS.join(', ')})`);
}
