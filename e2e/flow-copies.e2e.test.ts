import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, hasChromium, launchBrowser, newPage, signInAsAdmin } from './support/browser';

const base = inject('baseUrl');
const NAME = 'E2E charge orders';

let browser: Browser;
let page: Page;
let errors: string[];
let csrf: string;

/** A state-changing API call in the signed-in browser session, as the editor makes it. */
async function api(method: 'POST', path: string, data: unknown): Promise<any> {
  const res = await page.request.fetch(`${base}${path}`, {
    method,
    data: data as Record<string, unknown>,
    headers: { 'x-csrf-token': csrf },
  });
  const body = (await res.json()) as unknown;
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${JSON.stringify(body)}`);
  return body;
}

/** Shopify orders/create -> PayTrace sale; `declined` wired only when asked. */
function orderFlow(store: string, paytrace: string, wireDeclined: boolean) {
  return {
    nodes: [
      {
        id: 'trigger',
        type: 'trigger.shopify',
        typeVersion: 1,
        config: { connectionId: store, topics: ['orders/create'] },
        position: { x: 0, y: 0 },
      },
      {
        id: 'charge',
        type: 'paytrace.sale',
        typeVersion: 1,
        config: {
          connectionId: paytrace,
          source: { kind: 'vault', customerId: 'cust-e2e' },
          amount: 1000,
          currency: 'USD',
        },
        position: { x: 280, y: 0 },
      },
      {
        id: 'note',
        type: 'map',
        typeVersion: 1,
        config: { expression: '$' },
        position: { x: 560, y: 0 },
      },
    ],
    edges: [
      { from: { node: 'trigger', port: 'out' }, to: { node: 'charge', port: 'in' } },
      { from: { node: 'charge', port: 'error' }, to: { node: 'note', port: 'in' } },
      ...(wireDeclined
        ? [{ from: { node: 'charge', port: 'declined' }, to: { node: 'note', port: 'in' } }]
        : []),
    ],
  };
}

describe.skipIf(!hasChromium)('imported copies of payment flows, in Chromium', () => {
  let store: string;
  let paytrace: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ page, errors } = await newPage(browser));
    csrf = await signInAsAdmin(page, base);
    store = (
      await api('POST', '/api/connections', {
        type: 'shopify',
        name: 'E2E store',
        values: {
          shopDomain: 'e2e-copies.myshopify.com',
          accessToken: 'shpat_e2e',
          webhookSecret: 'whsec-e2e',
        },
      })
    ).id;
    paytrace = (
      await api('POST', '/api/connections', {
        type: 'paytrace',
        name: 'E2E PayTrace',
        values: { username: 'e2e', password: 'e2e-password', environment: 'sandbox' },
      })
    ).id;
    // The original, live and charging orders.
    await api('POST', '/api/flows', {
      name: NAME,
      graph: orderFlow(store, paytrace, true),
      activate: true,
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('imports the exported flow inactive, as a copy, with the unhandled decline marked', async () => {
    const file = join(ARTIFACTS, 'charge-orders.flow.json');
    writeFileSync(
      file,
      JSON.stringify({
        paybridge: 'flow',
        name: NAME,
        description: 'exported from another runtime',
        graph: orderFlow(store, paytrace, false),
      }),
    );
    await page.reload();
    await page.getByLabel('Import flow file').setInputFiles(file);
    await page.getByText(`Imported as “${NAME} (copy)”, inactive`).waitFor();
    await page.locator('.react-flow__pane').waitFor();
    await expect.poll(() => page.locator('#flow-name').inputValue()).toBe(`${NAME} (copy)`);
    await expect(page.getByTestId('flow-status').textContent()).resolves.toContain('inactive');
    // Before activation: the payment node says its declines go nowhere.
    const nodeWarning = page.getByTestId('node-warning-charge');
    await nodeWarning.waitFor();
    await expect(nodeWarning.textContent()).resolves.toContain('"declined" port');
  });

  it('warns after Activate, naming the other active flow on the same store and topic', async () => {
    await page.getByRole('button', { name: 'Activate' }).click();
    await page.getByText('Version 1 is live').waitFor();
    const toast = page.getByTestId('toast-warning');
    await toast.waitFor();
    await expect(toast.textContent()).resolves.toContain(`Flow "${NAME}" is also active`);
    await expect(toast.textContent()).resolves.toContain('orders/create');
    // The flow panel keeps the warning after the message is dismissed.
    await toast.getByRole('button', { name: 'Dismiss' }).click();
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    const panel = page.getByRole('region', { name: 'Warnings' });
    await expect(panel.textContent()).resolves.toContain(`Flow "${NAME}" is also active`);
    await expect(panel.textContent()).resolves.toContain('"declined" port');
    await page.locator('.workspace').screenshot({ path: join(ARTIFACTS, 'activate-overlap.png') });
  });

  it('duplicates from the flow list as another inactive copy', async () => {
    await page.getByRole('link', { name: 'Flows' }).click();
    await page.getByRole('button', { name: `Duplicate ${NAME}`, exact: true }).click();
    await page.getByText(`Copied as “${NAME} (copy 2)”, inactive`).waitFor();
    const row = page.getByRole('row').filter({ hasText: `${NAME} (copy 2)` });
    await expect.poll(() => row.count()).toBe(1);
    await expect(row.textContent()).resolves.toContain('inactive');
  });

  it('raised no page errors', () => {
    expect(errors).toEqual([]);
  });
});
