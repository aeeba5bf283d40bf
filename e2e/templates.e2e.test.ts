import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, hasChromium, launchBrowser, newPage, signInAsAdmin } from './support/browser';

const base = inject('baseUrl');
const TEMPLATE = 'refund-to-credit-memo';
const STORE = 'E2E template store';

let browser: Browser;
let page: Page;
let errors: string[];

interface Need {
  slot: string;
  connectionTypes: string[];
  builtInAllowed: boolean;
}

describe.skipIf(!hasChromium)('templates: install through the dialog, in Chromium', () => {
  let title: string;
  let shopifySlot: string;
  let flowId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ page, errors } = await newPage(browser));
    await signInAsAdmin(page, base);
    const list = (await (await page.request.get(`${base}/api/templates`)).json()) as {
      templates: { id: string; title: string; connections: Need[] }[];
    };
    const template = list.templates.find((t) => t.id === TEMPLATE);
    if (!template) throw new Error(`the runtime ships no ${TEMPLATE} template`);
    title = template.title;
    const slot = template.connections.find((c) => c.connectionTypes.includes('shopify'));
    if (!slot) throw new Error(`${TEMPLATE} needs no Shopify store`);
    shopifySlot = slot.slot;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lists the templates as cards with a picture of each graph and what it needs', async () => {
    await page.getByRole('link', { name: 'Templates' }).click();
    await page.getByRole('heading', { name: 'Templates' }).waitFor();
    const card = page.getByTestId(`template-${TEMPLATE}`);
    await card.waitFor();
    await expect(
      card.getByTestId('template-outline').locator('rect').count(),
    ).resolves.toBeGreaterThan(2);
    await expect(card.textContent()).resolves.toMatch(/Connections/);
    await expect(page.getByTestId('template-order-to-cash').count()).resolves.toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'templates.png') });
  });

  it('installs with a store created inline and ends on the flow with its trigger URL', async () => {
    await page.getByRole('button', { name: `Install ${title}` }).click();
    const dialog = page.getByTestId('install-dialog');
    await dialog.waitFor();
    // Sandbox mode: the slots start on the simulator connections the start created.
    const slot = dialog.locator(`[data-slot="${shopifySlot}"]`);
    await expect(slot.locator('select').locator('option:checked').textContent()).resolves.toMatch(
      /simulator/i,
    );
    await dialog.screenshot({ path: join(ARTIFACTS, 'install-dialog.png') });

    await slot.getByRole('button', { name: 'Create one' }).click();
    await slot.getByLabel('Name *').fill(STORE);
    await slot.getByLabel(/^Shop domain/).fill('paybridge-demo.myshopify.com');
    await slot.getByLabel(/^Where/).selectOption('simulator');
    await slot.locator('#secret-accessToken-0').fill('shpat_00000000000000000000000000demo');
    await slot.locator('#secret-webhookSecret-0').fill('shpss_00000000000000000000000000demo');
    await slot.getByRole('button', { name: 'Create connection' }).click();
    await expect
      .poll(() => slot.locator('select').locator('option:checked').textContent())
      .toBe(`${STORE} (shopify)`);
    const storeId = await slot.locator('select').inputValue();

    await dialog.getByRole('button', { name: 'Install', exact: true }).click();
    await page.waitForURL(/\/flows\/[0-9a-f-]{36}$/);
    flowId = new URL(page.url()).pathname.split('/')[2] ?? '';
    const notice = page.getByTestId('template-notice');
    await notice.waitFor();
    await expect(
      notice.getByTestId('installed-trigger-url').first().textContent(),
    ).resolves.toContain(`/hooks/shopify/${storeId}`);
    await expect(
      notice.getByRole('button', { name: /^Copy trigger URL/ }).count(),
    ).resolves.toBeGreaterThan(0);
    await expect(page.locator('.react-flow__node').count()).resolves.toBeGreaterThan(2);
    await page.screenshot({ path: join(ARTIFACTS, 'template-installed.png') });
  });

  it("shows the ERP node's default mapping in the inspector as editable text", async () => {
    await page.locator('.react-flow__node[data-id="memo"]').click();
    const inspector = page.getByTestId('inspector');
    await inspector.getByTestId('default-mapping').waitFor();
    await expect(inspector.locator('#cfg-memo-mapping').textContent()).resolves.toMatch(
      /\$refund := /,
    );
    await inspector.screenshot({ path: join(ARTIFACTS, 'default-mapping.png') });
  });

  it('offers the installed flow instead of a second live copy', async () => {
    await page.getByRole('link', { name: 'Templates' }).click();
    await page.getByRole('button', { name: `Install ${title}` }).click();
    const dialog = page.getByTestId('install-dialog');
    await dialog
      .locator(`[data-slot="${shopifySlot}"] select`)
      .selectOption({ label: `${STORE} (shopify)` });
    await dialog.getByRole('button', { name: 'Install', exact: true }).click();
    await expect(dialog.getByRole('status').textContent()).resolves.toMatch(/already installed/);
    await dialog.getByRole('button', { name: 'Open the installed flow' }).click();
    await page.waitForURL(`${base}/flows/${flowId}`);
    await page.getByTestId('installed-trigger-url').first().waitFor();
  });

  it('raised no page errors', () => {
    expect(errors).toEqual([]);
  });
});
