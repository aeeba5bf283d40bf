import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';

/** Debian's Chromium; the tests skip (and say so) where it is not installed. */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** Where screenshots go: kept as test artifacts, ignored by git. */
export const ARTIFACTS = fileURLToPath(new URL('../test-results/', import.meta.url));

/** Starts headless Chromium without any network of its own beyond the test's runtime. */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** A 1280x800 page (the size the editor promises to work in) that fails on page errors. */
export async function newPage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('dialog', (dialog) => void dialog.accept());
  page.setDefaultTimeout(15_000);
  return { page, errors };
}

/** Drags from one element to another with real mouse moves (React Flow connections). */
export async function mouseDrag(page: Page, from: string, to: string): Promise<void> {
  const a = await page.locator(from).boundingBox();
  const b = await page.locator(to).boundingBox();
  if (!a || !b) throw new Error(`cannot drag ${from} -> ${to}: not visible`);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}

/**
 * Signs in through the sign-in form as the admin the global setup created, as a user would,
 * and waits for the Flows page. Answers the session's CSRF token for the test's own API calls.
 */
export async function signInAsAdmin(page: Page, base: string): Promise<string> {
  await page.goto(base);
  await page.getByLabel('Email').fill(inject('adminEmail'));
  await page.getByLabel('Password').fill(inject('adminPassword'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Flows' }).waitFor();
  const me = (await (await page.request.get(`${base}/api/auth/me`)).json()) as {
    csrfToken: string;
  };
  return me.csrfToken;
}
