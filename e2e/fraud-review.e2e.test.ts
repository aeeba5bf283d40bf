/**
 * The fraud review queue in Chromium: the Fraud screening template, installed on the sandbox's
 * simulator connections, authorizes two risky Shopify orders at PayTrace and holds them for
 * review; an operator approves one on the Review queue page (the run resumes and the
 * authorization is captured exactly once at PayTrace) and rejects the other (voided, and the
 * Shopify order cancelled for fraud).
 */
import { join } from 'node:path';
import { SHOPIFY_DEMO_CREDENTIALS } from '@paybridge/sandbox';
import { isSafeNumber, parse } from 'lossless-json';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, hasChromium, launchBrowser, newPage, signInAsAdmin } from './support/browser';
import { sandboxPaytrace } from './support/sandbox-paytrace';

const base = inject('baseUrl').replace(/\/$/, '');
/** Orders of this payment method only reach the screening flow, not other tests' flows. */
const GATEWAY = `PayTrace screened ${Date.now()}`;
const TEST_CARD = '4012000098765439';

let browser: Browser;
let page: Page;
let errors: string[];
let csrf: string;

/** JSON with Shopify's ids (beyond 2^53) kept exact, as strings. */
const parseJson = (text: string): any =>
  text ? parse(text, undefined, (v) => (isSafeNumber(v) ? Number(v) : v)) : null;

/** An API call in the signed-in admin's browser session, as the editor makes it. */
async function api(method: string, path: string, data?: unknown): Promise<any> {
  const res = await page.request.fetch(`${base}${path}`, {
    method,
    ...(data === undefined ? {} : { data: data as Record<string, unknown> }),
    headers: { 'x-csrf-token': csrf },
  });
  const text = await res.text();
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${text}`);
  return parseJson(text);
}

const paytrace = (path: string, body: Record<string, unknown>) => sandboxPaytrace(base, path, body);

/** The order as the Shopify admin shows it (GraphQL): cancellation, tags and risk. */
async function shopifyOrder(orderId: string) {
  const res = await fetch(`${base}/sandbox/shopify/admin/api/2025-10/graphql.json`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-shopify-access-token': SHOPIFY_DEMO_CREDENTIALS.accessTokens[0]!,
    },
    body: JSON.stringify({
      query: `query($id: ID!) { order(id: $id) { cancelledAt cancelReason tags
        risk { assessments { riskLevel } } } }`,
      variables: { id: `gid://shopify/Order/${orderId}` },
    }),
  });
  return ((await res.json()) as any).data.order;
}

/** Polls until `read` answers something. */
async function waitFor<T>(read: () => Promise<T | undefined>, what: string, ms = 60_000) {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const HOME = {
  first_name: 'Ada',
  last_name: 'Lovelace',
  address1: '1 Main St',
  city: 'Chandler',
  province: 'Arizona',
  zip: '85284',
  country: 'United States',
  country_code: 'US',
};

/**
 * Two unrelated shoppers, each with a card, IP and address abroad of their own: orders seconds
 * apart sharing any of them would be velocity, which the score rightly raises.
 */
const SHOPPERS = {
  first: { card: TEST_CARD, ip: '81.2.69.160', street: '7 High St' },
  second: { card: '5499740000000057', ip: '81.2.69.170', street: '9 Park Row' },
};

/**
 * A shopper with a card on file (a PayTrace vault profile) placing an order with a few mild risk
 * signals: shipped to a new address abroad, from an IP elsewhere. Answers the held review.
 */
async function heldOrder(tag: string, shopper: (typeof SHOPPERS)[keyof typeof SHOPPERS]) {
  const vaultId = `fraud-e2e-${tag}-${Date.now()}`;
  const vault = await paytrace('/v1/customer/create', {
    customer_id: vaultId,
    credit_card: { number: shopper.card, expiration_month: '12', expiration_year: '2030' },
    billing_address: { name: 'Ada Lovelace', street_address: '1 Main St', zip: '85284' },
  });
  expect(vault.response_code, JSON.stringify(vault)).toBe(160);
  const customer = await api('POST', '/sandbox/shopify/__admin/customers', {
    first_name: 'Ada',
    last_name: 'Lovelace',
    email: `${tag}.${Date.now()}@example.com`,
    paytrace_vault_id: vaultId,
  });
  const placed = await api('POST', '/sandbox/shopify/__admin/orders', {
    customer_id: customer.customer.id,
    gateway: GATEWAY,
    browser_ip: shopper.ip,
    billing_address: HOME,
    shipping_address: {
      ...HOME,
      address1: shopper.street,
      province: '',
      city: 'Leeds',
      zip: 'LS1 4DY',
      country: 'United Kingdom',
      country_code: 'GB',
    },
    line_items: [{ title: 'Diver watch', price: '120.00', quantity: 1, sku: 'WATCH-1' }],
  });
  const orderId = String(placed.order.id);
  const review = await waitFor(async () => {
    const { reviews } = await api('GET', '/api/fraud/reviews?status=waiting');
    return reviews.find((r: any) => r.orderId === orderId);
  }, `order ${orderId} held for review`);
  return { orderId, orderName: placed.order.name as string, review, vaultId };
}

/** PayTrace's transactions as the simulator holds them now. */
async function paytraceTransactions(): Promise<any[]> {
  return (await api('GET', '/sandbox/paytrace/__admin/transactions')).transactions;
}

/** The run once it has finished, and the id of its authorization. */
async function finishedRun(runId: string) {
  const run = await waitFor(async () => {
    const r = await api('GET', `/api/runs/${runId}`);
    return r.status === 'succeeded' || r.status === 'failed' ? r : undefined;
  }, `run ${runId} to finish`);
  const ok = (nodeId: string) =>
    run.steps.filter((s: any) => s.nodeId === nodeId && s.status === 'succeeded');
  return { run, ok, authorization: String(ok('authorize')[0].output.transactionId) };
}

describe.skipIf(!hasChromium)('fraud review queue, end to end in Chromium', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    ({ page, errors } = await newPage(browser));
    csrf = await signInAsAdmin(page, base);
    const { connections } = (await api('GET', '/api/connections')) as { connections: any[] };
    await api('POST', '/api/templates/fraud-screening/install', {
      connections: {
        shopify: connections.find((c) => c.type === 'shopify').id,
        paytrace: connections.find((c) => c.type === 'paytrace').id,
      },
      // Looks at anything above the cleanest orders; blocks only the clearest fraud.
      parameters: { gatewayNames: [GATEWAY], reviewAt: 3, highAt: 90 },
      activate: true,
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('approves a held order on the review page: the run resumes and captures it once; rejects another: voided and cancelled', async () => {
    const a = await heldOrder('approve-me', SHOPPERS.first);
    const b = await heldOrder('reject-me', SHOPPERS.second);

    // The queue: both orders wait, with their score, total and top reasons.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Fraud review' })
      .click();
    await page.getByRole('heading', { name: 'Fraud review' }).waitFor();
    const rowA = page.getByTestId(`review-${a.orderName}`);
    const rowB = page.getByTestId(`review-${b.orderName}`);
    await rowA.waitFor();
    await rowB.waitFor();
    const textA = (await rowA.textContent())!;
    expect(textA).toContain('120.00 USD');
    expect(textA).toContain(String(a.review.score));
    expect(textA).toContain('Waiting');
    expect(textA).toMatch(/timeout rejects in 2 d 23 h|timeout rejects in 3 d/);
    expect(textA).toContain(a.review.reasons[0].text);
    await page.locator('.page').screenshot({ path: join(ARTIFACTS, 'fraud-queue.png') });

    // One review: every reason as a bar, the signals behind them, the customer's history.
    await rowA.getByRole('link', { name: a.orderName }).click();
    await page.getByRole('heading', { name: a.orderName }).waitFor();
    await expect(page.getByTestId('reason-bar').count()).resolves.toBe(a.review.reasons.length);
    const signals = (await page.getByTestId('signals').textContent())!;
    expect(signals).toContain('81.2.69.160');
    expect(signals).toContain('7 High St, Leeds LS1 4DY');
    expect(signals).not.toContain(TEST_CARD);
    await expect(page.getByTestId('countries').textContent()).resolves.toContain('(they differ)');
    await page.getByTestId('velocity-table').waitFor();
    await page.getByTestId('customer-summary').waitFor();
    await page.locator('.page').screenshot({ path: join(ARTIFACTS, 'fraud-review.png') });

    // A second operator has the same review open in another tab, about to reject it.
    const other = await page.context().newPage();
    await other.goto(page.url());
    await other.getByRole('button', { name: 'Reject (void and cancel)' }).click();
    const otherDialog = other.getByTestId('decision-dialog');
    await otherDialog.getByLabel('Note (optional)').fill('Looks like a reshipper');

    // Approve with a note: the run resumes and captures the authorization, once.
    await page.getByRole('button', { name: 'Approve (capture)' }).click();
    const dialog = page.getByTestId('decision-dialog');
    await dialog.getByLabel('Note (optional)').fill('Called the customer: a gift for a friend');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await page
      .getByTestId('review-status')
      .filter({ hasText: /^Approved$/ })
      .waitFor();
    await page.getByRole('button', { name: 'Approve (capture)' }).waitFor({ state: 'detached' });
    const approved = await finishedRun(a.review.runId);
    expect(approved.run.status).toBe('succeeded');
    expect(approved.ok('capture')).toHaveLength(1);
    expect(approved.ok('void')).toHaveLength(0);
    expect(approved.ok('review')[0].output).toMatchObject({
      decision: 'approved',
      note: 'Called the customer: a gift for a friend',
      timedOut: false,
    });
    const ofA = (await paytraceTransactions()).filter((t) => t.customerId === a.vaultId);
    // One transaction at PayTrace on the shopper's card: the authorization, captured in full.
    expect(ofA).toHaveLength(1);
    expect(ofA[0]).toMatchObject({
      id: Number(approved.authorization),
      type: 'AUTHORIZATION',
      captured: true,
      capturedCents: 12000,
      voided: false,
    });
    // The other tab's reject comes second: refused, and the dialog says who decided first.
    await otherDialog.getByRole('button', { name: 'Reject' }).click();
    await expect(otherDialog.getByRole('alert').textContent()).resolves.toMatch(
      /^This review was already approved by e2e-admin@example\.com at /,
    );
    await other
      .getByTestId('review-status')
      .filter({ hasText: /^Approved$/ })
      .waitFor();
    await other.close();
    expect((await finishedRun(a.review.runId)).ok('void')).toHaveLength(0);

    // Back in the queue, the approved order has left the waiting list.
    await page.getByRole('link', { name: '← Review queue' }).click();
    await rowB.waitFor();
    await rowA.waitFor({ state: 'detached' });
    await page.getByLabel('Show').selectOption('approved');
    await rowA.filter({ hasText: 'Approved' }).waitFor();
    await page.getByLabel('Show').selectOption('waiting');

    // Reject the other: voided and the Shopify order cancelled for fraud.
    await rowB.getByRole('link', { name: b.orderName }).click();
    await page.getByRole('heading', { name: b.orderName }).waitFor();
    await page.getByRole('button', { name: 'Reject (void and cancel)' }).click();
    await dialog.getByLabel('Note (optional)').fill('Reshipper address');
    await dialog.getByRole('button', { name: 'Reject' }).click();
    await page
      .getByTestId('review-status')
      .filter({ hasText: /^Rejected$/ })
      .waitFor();
    const rejected = await finishedRun(b.review.runId);
    expect(rejected.run.status).toBe('succeeded');
    expect(rejected.ok('capture')).toHaveLength(0);
    const authB = (await paytraceTransactions()).find(
      (t) => String(t.id) === rejected.authorization,
    );
    expect(authB).toMatchObject({ type: 'AUTHORIZATION', voided: true });
    expect(authB.captured ?? false).toBe(false);
    const order = await waitFor(async () => {
      const o = await shopifyOrder(b.orderId);
      return o.cancelledAt ? o : undefined;
    }, `order ${b.orderName} cancelled`);
    expect(order.cancelReason).toBe('FRAUD');
    expect(order.tags).toContain('fraud-review');
    expect(errors).toEqual([]);
  }, 170_000);
});
