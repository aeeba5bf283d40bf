import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, hasChromium, launchBrowser, newPage, signInAsAdmin } from './support/browser';

const base = inject('baseUrl');
const REF = `e2e-owner-${Date.now()}`;

let browser: Browser;
let page: Page;
let errors: string[];

async function openTab(name: string) {
  await page.getByRole('navigation', { name: 'Ledger' }).getByRole('link', { name }).click();
}

/** The trial balance in USD: its totals, which must agree. */
async function usdTotals() {
  await openTab('Trial balance');
  await page.getByTestId('balanced-USD').waitFor();
  return {
    debits: await page.getByTestId('total-debits-USD').textContent(),
    credits: await page.getByTestId('total-credits-USD').textContent(),
  };
}

describe.skipIf(!hasChromium)('ledger page, end to end in Chromium', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    ({ page, errors } = await newPage(browser));
    await signInAsAdmin(page, base);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('posts a balanced entry through the form, sees it in the journal and the trial balance, and reverses it', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Ledger' })
      .click();
    await page.getByRole('heading', { name: 'Ledger' }).waitFor();
    await page.getByTestId('accounts-table').getByText('Cash and bank').waitFor();

    // Post an owner contribution of 1,234.56 USD: cash debit, equity credit.
    await openTab('Journal entries');
    await page.getByRole('button', { name: 'New entry' }).click();
    const form = page.getByTestId('new-entry-dialog');
    await form.getByLabel('Reference').fill(REF);
    await form.getByLabel('Memo').fill('Owner contribution');
    await form.getByLabel('Line 1 account').selectOption('1000');
    await form.getByLabel('Line 1 debit').fill('1,234.56');
    await form.getByLabel('Line 2 account').selectOption('3000');
    await form.getByLabel('Line 2 credit').fill('1234.5');
    await form.getByText('Out of balance by 0.06 USD').waitFor();
    await form.getByLabel('Line 2 credit').fill('1234.56');
    await form.getByText('Balanced', { exact: true }).waitFor();
    await form.screenshot({ path: join(ARTIFACTS, 'ledger-new-entry.png') });
    await form.getByRole('button', { name: 'Post entry' }).click();
    await form.waitFor({ state: 'detached' });

    const row = page.getByTestId(`journal-row-${REF}`);
    await expect(row.textContent()).resolves.toMatch(/Owner contribution.*USD1,234\.56/);

    // The trial balance shows the entry, and its totals agree.
    const after = await usdTotals();
    expect(after.debits).toBe(after.credits);
    const equity = page.getByTestId('trial-balance-USD').getByRole('row', { name: /3000/ });
    await expect(equity.textContent()).resolves.toContain('1,234.56');

    // Reverse it, after confirming.
    await openTab('Journal entries');
    await row.getByRole('button', { name: /Open entry/ }).click();
    const dialog = page.getByTestId('entry-dialog');
    await dialog.getByTestId('entry-detail').getByText('Owner contribution').waitFor();
    await dialog.getByRole('button', { name: 'Reverse…' }).click();
    await dialog.getByRole('heading', { name: /Reverse entry #\d+\?/ }).waitFor();
    await dialog.getByRole('button', { name: 'Reverse entry' }).click();
    await dialog
      .getByTestId('entry-status')
      .getByRole('button', { name: 'its reversal' })
      .waitFor();
    await expect(dialog.getByRole('button', { name: 'Reverse…' }).count()).resolves.toBe(0);
    await dialog.getByRole('button', { name: 'Close' }).click();

    await row.getByRole('button', { name: /reversed by #\d+/ }).waitFor();
    await page
      .getByRole('button', { name: /^reverses #\d+$/ })
      .first()
      .waitFor();
    await page.locator('.page').screenshot({ path: join(ARTIFACTS, 'ledger.png') });

    // Reversed, equity is back where it was; the totals still agree. The tab may first show the
    // balances it had cached, then the refetched ones: read the totals once equity is refetched,
    // so that they do not come from two different renders.
    await openTab('Trial balance');
    await expect
      .poll(() => equity.textContent(), { timeout: 10_000 })
      .toMatch(/equity1,234\.561,234\.560\.00$/);
    const reversed = await usdTotals();
    expect(reversed.debits).toBe(reversed.credits);
    await page.locator('.page').screenshot({ path: join(ARTIFACTS, 'ledger-trial-balance.png') });
    expect(errors).toEqual([]);
  });
});
