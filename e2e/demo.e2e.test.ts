import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, hasChromium, launchBrowser, newPage, signInAsAdmin } from './support/browser';

const base = inject('baseUrl');

let browser: Browser;
let page: Page;
let errors: string[];

describe.skipIf(!hasChromium)('the guided sandbox demo, start to finish in Chromium', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    ({ page, errors } = await newPage(browser));
    await signInAsAdmin(page, base);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('offers the demo on the home page of a sandbox start', async () => {
    const cta = page.getByTestId('demo-cta');
    await cta.waitFor();
    await expect(cta.textContent()).resolves.toMatch(/simulators/);
    await page.screenshot({ path: join(ARTIFACTS, 'demo-start.png') });
  });

  it('places an order and shows it go through the order flow node by node', async () => {
    await page.getByRole('button', { name: 'Try the demo' }).click();
    await page.getByRole('list', { name: 'Demo progress' }).waitFor();
    await page.waitForURL(/\/flows\/[0-9a-f-]{36}\?run=/, { timeout: 60_000 });
    const notice = page.getByTestId('template-notice');
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toMatch(/Shopify order/);
    // The run is followed live: nodes light up as their steps are checkpointed, until it ends.
    await page.getByText('Run succeeded').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('demo-status').textContent()).resolves.toMatch(/\(succeeded\)/);
    await expect(page.locator('[data-testid^="run-status-"]').count()).resolves.toBeGreaterThan(3);
    await page.locator('.workspace').screenshot({ path: join(ARTIFACTS, 'demo-run.png') });
  });

  it('shows the results in the three systems: Shopify paid, the PayTrace sale, invoice and payment', async () => {
    const results = page.getByTestId('demo-results');
    await results.getByTestId('shopify-status').filter({ hasText: 'paid' }).waitFor();
    await expect(results.getByTestId('results-paytrace').textContent()).resolves.toMatch(
      /approved .* transaction \d+/,
    );
    const ledger = (await results.getByTestId('results-ledger').textContent()) ?? '';
    expect(ledger).toMatch(/Invoice shopify-order-\d+/);
    expect(ledger).toMatch(/Payment /);
    expect(ledger).toMatch(/balanced, equal to captured minus refunded/);
    // The Shopify column links to the order as the simulator holds it.
    const href = (await results
      .getByRole('link', { name: /^Shopify order/ })
      .getAttribute('href'))!;
    const { order } = (await (await page.request.get(`${base}${href}`)).json()) as {
      order: { financial_status: string };
    };
    expect(order.financial_status).toBe('paid');
    await page.locator('.workspace').screenshot({ path: join(ARTIFACTS, 'demo-results.png') });
  });

  it('places an order for a new shopper, who pays on the pay page in a new tab', async () => {
    const [shopper] = await Promise.all([
      page.waitForEvent('popup'),
      page.getByRole('button', { name: 'Place an order for a new shopper' }).click(),
    ]);
    await shopper.waitForURL(/\/pay\//, { timeout: 60_000 });
    const shopperErrors: string[] = [];
    shopper.on('pageerror', (err) => shopperErrors.push(err.message));
    await page
      .getByTestId('demo-status')
      .filter({ hasText: 'waiting for payment' })
      .waitFor({ timeout: 60_000 });
    const fields = shopper.frameLocator('#pt_hpf_form iframe');
    await fields.getByLabel('Card number').fill('4012000098765439');
    await fields.getByLabel('Expiry month').fill('12');
    await fields.getByLabel('Expiry year').fill('2030');
    await fields.getByLabel('CSC').fill('999');
    await shopper.screenshot({ path: join(ARTIFACTS, 'demo-pay-page.png'), fullPage: true });
    await shopper.getByRole('button', { name: /^Pay / }).click();
    await shopper.getByTestId('receipt').waitFor();
    expect(shopperErrors).toEqual([]);
    await shopper.close();

    // The editor followed the run live: from waiting for payment to paid.
    await page
      .getByTestId('demo-status')
      .filter({ hasText: 'paid (succeeded)' })
      .waitFor({ timeout: 60_000 });
    const results = page.getByTestId('demo-results');
    await results.getByTestId('shopify-status').filter({ hasText: 'paid' }).waitFor();
    await expect(results.getByTestId('results-shopify').textContent()).resolves.toMatch(
      /paytrace\.customer_vault_id/,
    );
  });

  it('refunds it and follows the refund on the refund flow, down to the credit memo', async () => {
    const orderFlow = new URL(page.url()).pathname;
    await page.getByRole('button', { name: /^Refund it/ }).click();
    await page.waitForURL((url) => url.pathname !== orderFlow && url.search.startsWith('?run='));
    await page
      .getByTestId('demo-status')
      .filter({ hasText: 'refunded (succeeded)' })
      .waitFor({ timeout: 60_000 });
    const results = page.getByTestId('demo-results');
    await results.getByText('Credit memo').waitFor();
    // The sale has not settled yet and the refund is the whole order: PayTrace voids it.
    await expect(results.getByTestId('results-paytrace').textContent()).resolves.toMatch(
      /sale voided/,
    );
    await expect(results.getByTestId('trial-balance-check').textContent()).resolves.toMatch(
      /balanced, equal to captured minus refunded/,
    );
    await page.locator('.workspace').screenshot({ path: join(ARTIFACTS, 'demo-refund.png') });
  });

  it('raised no page errors', () => {
    expect(errors).toEqual([]);
  });
});
