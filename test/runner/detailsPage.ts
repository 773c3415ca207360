/**
 * The installed extension's details page as a user opens it: the Extensions
 * view, the extension's row, its editor. Checks that the page shows the
 * user README (not the developer one), that every image in it loaded (the
 * page's webview allows only https: and data: images, so a relative link
 * stays broken), and that the extension has its own icon. Used by the .vsix
 * smoke check, which installs the packaged extension.
 */
import type { Frame, Page } from 'playwright-core';

const UI_WAIT_MS = 60_000;
/** A heading only the user page has, and one only the development guide has. */
const USER_PAGE_HEADING = 'Get started';
const DEVELOPER_HEADING = 'Dependencies and why';

interface ImageState { src: string; complete: boolean; width: number }

export async function checkDetailsPage(page: Page, displayName: string, note: (message: string) => void): Promise<void> {
  await page.keyboard.press('Control+Shift+X');
  const search = page.locator('.extensions-viewlet .suggest-input-container textarea, .extensions-viewlet .monaco-inputbox textarea').first();
  await search.waitFor({ timeout: UI_WAIT_MS });
  await search.fill(`@installed ${displayName}`);
  const row = page.locator('.extensions-list .monaco-list-row', { hasText: displayName }).first();
  await row.waitFor({ timeout: UI_WAIT_MS });
  const rowIcon = await row.locator('img.icon').first().evaluate((img: HTMLImageElement) => ({ src: img.src, width: img.naturalWidth }));
  if (rowIcon.width === 0 || /defaultIcon/i.test(rowIcon.src)) throw new Error(`the extension's row shows no icon of its own (${rowIcon.src})`);
  note(`the Extensions view shows the extension's icon (${rowIcon.width} px wide)`);
  await row.click();

  const frame = await readmeFrame(page);
  const text = await frame.evaluate(() => document.body.innerText);
  if (!text.includes(USER_PAGE_HEADING)) throw new Error(`the details page lacks the user page's "${USER_PAGE_HEADING}"`);
  if (text.includes(DEVELOPER_HEADING)) throw new Error(`the details page shows the development guide ("${DEVELOPER_HEADING}")`);
  note('the details page is the user page');
  // An image that the page's content policy blocks ends complete with no width.
  const images: ImageState[] = await frame.waitForFunction(() => {
    const all = [...document.querySelectorAll('img')].map((img) => ({ src: img.currentSrc || img.src, complete: img.complete, width: img.naturalWidth }));
    return all.every((image) => image.complete) ? all : undefined;
  }, undefined, { timeout: UI_WAIT_MS }).then((handle) => handle.jsonValue() as Promise<ImageState[]>);
  if (images.length === 0) throw new Error('the details page shows no image');
  const broken = images.filter((image) => image.width === 0);
  if (broken.length > 0) throw new Error(`the details page could not load ${broken.length} of ${images.length} images: ${broken.map((image) => image.src.slice(0, 60)).join(', ')}`);
  note(`the details page loaded ${images.length} of ${images.length} images (${images.map((image) => `${image.width} px`).join(', ')} wide)`);
  const headerIcon = await page.locator('.extension-editor .header img.icon').first().evaluate((img: HTMLImageElement) => img.naturalWidth);
  if (headerIcon === 0) throw new Error('the details page\'s header shows no icon');
}

/** The README is rendered in a webview: an iframe inside an iframe. Wait for the frame that holds its text. */
async function readmeFrame(page: Page): Promise<Frame> {
  const deadline = Date.now() + UI_WAIT_MS;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const found = await frame.evaluate((heading) => document.body?.innerText.includes(heading) ?? false, USER_PAGE_HEADING).catch(() => false);
      if (found) return frame;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const texts = await Promise.all(page.frames().map((frame) => frame.evaluate(() => document.body?.innerText.slice(0, 80) ?? '').catch(() => '?')));
  throw new Error(`no frame of the details page shows "${USER_PAGE_HEADING}" (frames: ${texts.map((text) => JSON.stringify(text)).join(', ')})`);
}
