import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, hasChromium, launchBrowser, newPage, signInAsAdmin } from './support/browser';

const base = inject('baseUrl');
const HOOK = `e2e-pay-${Date.now()}`;

let browser: Browser;
let admin: Page;
let csrf: string;

async function api(method: 'GET' | 'POST', path: string, data?: unknown): Promise<any> {
  const res = await admin.request.fetch(`${base}${path}`, {
    method,
    ...(data === undefined ? {} : { data: data as Record<string, unknown> }),
    headers: { 'x-csrf-token': csrf },
  });
  const body = (await res.json()) as unknown;
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${JSON.stringify(body)}`);
  return body;
}

/** Polls a run until `done` holds. */
async function runWhen(runId: string, done: (run: any) => boolean): Promise<any> {
  const until = Date.now() + 30_000;
  for (;;) {
    const run = await api('GET', `/api/runs/${runId}`);
    if (done(run)) return run;
    if (Date.now() > until) throw new Error(`run ${runId}: ${JSON.stringify(run.status)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.skipIf(!hasChromium)('hosted pay page, in Chromium', () => {
  let paytrace: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ page: admin } = await newPage(browser));
    csrf = await signInAsAdmin(admin, base);
    // The sandbox's own PayTrace connection (environment "simulator").
    const { connections: items } = (await api('GET', '/api/connections?type=paytrace')) as {
      connections: any[];
    };
    paytrace = items.find((c) => c.type === 'paytrace' && c.values.environment === 'simulator').id;
    await api('POST', '/api/flows', {
      name: 'E2E pay by link',
      activate: true,
      graph: {
        nodes: [
          {
            id: 'trigger',
            type: 'trigger.rest',
            typeVersion: 1,
            config: { path: HOOK },
            position: { x: 0, y: 0 },
          },
          {
            id: 'link',
            type: 'paytrace.pay-link',
            typeVersion: 1,
            config: {
              connectionId: paytrace,
              orderRef: '=body.order',
              amount: 2599,
              currency: 'USD',
              shopName: 'E2E Gadgets',
              lines: [{ title: 'Difference engine', quantity: 1, amount: 2599 }],
            },
            position: { x: 280, y: 0 },
          },
          {
            id: 'wait',
            type: 'paytrace.await-payment',
            typeVersion: 1,
            config: {
              connectionId: paytrace,
              linkId: '=$node("link").linkId',
              vaultCustomerId: '=$trigger.body.customer',
            },
            position: { x: 560, y: 0 },
          },
        ],
        edges: [
          { from: { node: 'trigger', port: 'out' }, to: { node: 'link', port: 'in' } },
          { from: { node: 'link', port: 'out' }, to: { node: 'wait', port: 'in' } },
        ],
      },
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the order, takes a test card in the Protect.js fields and shows the receipt', async () => {
    const order = String(Date.now());
    const placed = await fetch(`${base}/hooks/${HOOK}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ order, customer: `e2e-${order}` }),
    });
    expect(placed.status).toBe(202);
    const { runId } = (await placed.json()) as { runId: string };
    const waiting = await runWhen(runId, (r) => r.status === 'waiting');
    const url = waiting.steps.find((s: any) => s.nodeId === 'link').output.url as string;

    // The shopper: a fresh browser without the admin's session.
    const { page: shopper, errors } = await newPage(browser);
    await shopper.goto(url);
    await shopper.getByRole('heading', { name: 'E2E Gadgets' }).waitFor();
    await expect(shopper.getByTestId('amount').textContent()).resolves.toBe('$25.99');
    const fields = shopper.frameLocator('#pt_hpf_form iframe');
    await fields.getByLabel('Card number').fill('4012000098765439');
    await fields.getByLabel('Expiry month').fill('12');
    await fields.getByLabel('Expiry year').fill('2030');
    await fields.getByLabel('CSC').fill('999');
    await shopper.getByRole('button', { name: 'Pay $25.99' }).click();
    await shopper.getByTestId('receipt').waitFor();
    await expect(shopper.getByTestId('receipt').textContent()).resolves.toContain(
      'Card ending in 5439',
    );
    await shopper.screenshot({ path: join(ARTIFACTS, 'pay-page-receipt.png'), fullPage: true });
    expect(errors).toEqual([]);

    const run = await runWhen(runId, (r) => r.status === 'succeeded' || r.status === 'failed');
    expect(run.status).toBe('succeeded');
    const wait = run.steps.find((s: any) => s.nodeId === 'wait' && s.status === 'succeeded');
    expect(wait.port).toBe('approved');
    expect(wait.output.customerVaultId).toBe(`e2e-${order}`);
    await expect(shopper.getByTestId('transaction-id').textContent()).resolves.toBe(
      wait.output.transactionId,
    );
  });
});
