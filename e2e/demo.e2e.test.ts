import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, hasChromium, launchBrowser, newPage } from './support/browser';

const base = inject('baseUrl');

let browser: Browser;
let page: Page;
let errors: string[];

describe.skipIf(!hasChromium)('the guided sandbox demo, start to finish in Chromium', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    ({ page, errors } = await newPage(browser));
    await page.goto(base);
    await page.getByLabel('Email').fill(inject('adminEmail'));
    await page.getByLabel('Password').fill(inject('adminPassword'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Flows' }).waitFor();
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

  it('links to the results in all three systems', async () => {
    const notice = page.getByTestId('template-notice');
    const order = notice.getByRole('link', { name: /^Shopify order/ });
    const href = (await order.getAttribute('href')) ?? '';
    const shopifyOrderId = decodeURIComponent(href.split('/').at(-1) ?? '');
    const shopify = await page.request.get(`${base}${href}`);
    expect(shopify.ok()).toBe(true);
    const { order: placed } = (await shopify.json()) as {
      order: { financial_status: string; metafields?: unknown };
    };
    expect(placed.financial_status).toBe('paid');
    await expect(notice.textContent()).resolves.toMatch(/the sale: transaction \S+/);
    const paytrace = notice.getByRole('link', { name: 'PayTrace transactions' });
    expect((await page.request.get(`${base}${await paytrace.getAttribute('href')}`)).ok()).toBe(
      true,
    );
    await notice.getByRole('link', { name: 'invoices' }).click();
    await page.waitForURL(`${base}/ledger/invoices`);
    await page.getByText(`shopify-order-${shopifyOrderId}`).first().waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'demo-ledger.png') });
  });

  it('raised no page errors', () => {
    expect(errors).toEqual([]);
  });
});
