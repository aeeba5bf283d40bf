/**
 * The shipped templates end to end in a sandbox runtime: installed through the API against the
 * simulator connections, driven by orders and refunds placed in the Shopify simulator (its
 * webhooks reach the runtime over HTTP), and checked in all three systems: PayTrace's
 * transactions, the Shopify order, and the built-in ledger.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeHandle } from '../src/start-runtime';
import { protectToken, simulatorCall, TEST_CARD } from './paytrace-support';
import { call, freshDatabase, startTestRuntime, waitForRun } from './support';
import { sandboxShopify } from './support/sandbox-shopify';

let rt: RuntimeHandle;
let base: string;
let shopifyId: string;
let paytraceId: string;
let orderFlow: string;
let refundFlow: string;

const shop = (method: string, path: string, body?: unknown) =>
  sandboxShopify(base, method, path, body);
const paytraceTransactions = async (): Promise<any[]> =>
  (await call(base, 'GET', '/sandbox/paytrace/__admin/transactions')).body.transactions;
const shopifyOrder = async (id: string) => (await shop('GET', `/orders/${id}`)).body.order;
const metafield = (order: any, key: string) =>
  order.metafields.find((m: any) => m.namespace === 'paytrace' && m.key === key)?.value;

async function waitUntil<T>(read: () => Promise<T | undefined>, what: string, ms = 30_000) {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** The finished (or `until`) run of `flowId` whose trigger body has id `resourceId`. */
async function runFor(
  flowId: string,
  resourceId: string,
  until = ['succeeded', 'failed', 'declined'],
) {
  const id = await waitUntil(async () => {
    const page = await call(base, 'GET', `/api/runs?flowId=${flowId}&limit=100`);
    for (const summary of page.body.runs) {
      const run = await call(base, 'GET', `/api/runs/${summary.id}`);
      if (String(run.body.trigger?.body?.id) === resourceId) return summary.id as string;
    }
    return undefined;
  }, `a run for ${resourceId}`);
  return waitForRun(base, id, (r) => [...until, 'failed'].includes(r.status), 30_000);
}

async function vaultCustomer(vaultId: string) {
  const answer = await simulatorCall(`${base}/sandbox/paytrace`, '/v1/customer/create', {
    customer_id: vaultId,
    credit_card: { number: TEST_CARD, expiration_month: '12', expiration_year: '2030' },
    billing_address: { name: 'Ada Lovelace', street_address: '1 Main St', zip: '85284' },
  });
  expect(answer.response_code).toBe(160);
  const customer = await shop('POST', '/customers', {
    first_name: 'Ada',
    last_name: 'Lovelace',
    email: `${vaultId}@example.com`,
    paytrace_vault_id: vaultId,
  });
  expect(customer.status).toBe(201);
  return customer.body.customer;
}

/** An order paid with the "PayTrace" manual payment method; `price` decimal text. */
async function placeOrder(customerId: string, price: string, quantity = 1) {
  const res = await shop('POST', '/orders', {
    customer_id: customerId,
    gateway: 'PayTrace',
    line_items: [{ title: 'Tea', price, quantity, sku: 'TEA-1' }],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.order;
}

/** Closes PayTrace's batch: every pending sale settles. */
async function settle() {
  const answer = await simulatorCall(`${base}/sandbox/paytrace`, '/v1/transactions/settle', {});
  expect(answer.success, JSON.stringify(answer)).toBe(true);
}

async function refund(orderId: string, lineItemId: string, quantity: number) {
  const res = await shop('POST', `/orders/${orderId}/refunds`, {
    refund_line_items: [{ line_item_id: lineItemId, quantity }],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.refund;
}

/** Refunds made straight in PayTrace, outside the flows (the ledger rightly knows nothing of them). */
const outsideRefunds = new Set<number>();

/**
 * Ledger card clearing equals PayTrace's captured minus what the flows refunded; every book
 * balances.
 */
async function expectBooksMatchPaytrace() {
  const tb = (await call(base, 'GET', '/api/ledger/reports/trial-balance')).body;
  expect(tb.totals.every((t: any) => t.balanced)).toBe(true);
  const clearing = tb.accounts.find((a: any) => a.code === '1050')?.balance ?? 0;
  const txs = await paytraceTransactions();
  const captured = txs
    .filter((t) => t.type === 'SALE' && t.responseCode === 101 && !t.voided)
    .reduce((s, t) => s + t.capturedCents, 0);
  const refunded = txs
    .filter((t) => t.type === 'REFUND' && !t.voided && !outsideRefunds.has(t.id))
    .reduce((s, t) => s + t.amountCents, 0);
  expect(clearing).toBe(captured - refunded);
}

beforeAll(async () => {
  rt = await startTestRuntime(await freshDatabase(), { env: { PAYBRIDGE_SANDBOX: 'true' } });
  base = rt.url!;
  const connections = (await call(base, 'GET', '/api/connections')).body.connections;
  shopifyId = connections.find((c: any) => c.type === 'shopify').id;
  paytraceId = connections.find((c: any) => c.type === 'paytrace').id;
}, 120_000);
afterAll(async () => {
  await rt?.stop();
});

describe('templates API', () => {
  it('lists the templates with their needs and a picture of the graph', async () => {
    const list = await call(base, 'GET', '/api/templates');
    expect(list.status).toBe(200);
    const ids = list.body.templates.map((t: any) => t.id);
    expect(ids).toEqual([
      'chargeback',
      'fraud-screening',
      'order-to-cash',
      'refund-to-credit-memo',
      'settlement-reconciliation',
    ]);
    const otc = list.body.templates.find((t: any) => t.id === 'order-to-cash');
    expect(otc.connections.map((c: any) => [c.slot, c.type, c.builtInAllowed])).toEqual([
      ['shopify', 'shopify', false],
      ['paytrace', 'paytrace', false],
      ['erp', 'erp', true],
      ['smtp', 'smtp', false],
    ]);
    expect(otc.connections.map((c: any) => c.optional)).toEqual([false, false, false, true]);
    expect(otc.parameters.find((p: any) => p.name === 'gatewayNames').default).toEqual([
      'PayTrace',
    ]);
    expect(otc.outline.nodes.length).toBeGreaterThan(5);
    const one = await call(base, 'GET', '/api/templates/refund-to-credit-memo');
    expect(one.body.graph.nodes.some((n: any) => n.type === 'paytrace.refund')).toBe(true);
    expect(one.body.manifest.bindings.length).toBeGreaterThan(0);
    expect((await call(base, 'GET', '/api/templates/nope')).status).toBe(404);
  });

  it('refuses a missing or wrong connection and a bad parameter, naming it', async () => {
    const missing = await call(base, 'POST', '/api/templates/order-to-cash/install', {
      connections: { shopify: shopifyId },
    });
    expect(missing.status).toBe(422);
    expect(missing.body.error.message).toMatch(/Connection "paytrace"/);
    const wrong = await call(base, 'POST', '/api/templates/order-to-cash/install', {
      connections: { shopify: paytraceId, paytrace: paytraceId },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.message).toMatch(/Connection "shopify".*is a paytrace connection/);
    const param = await call(base, 'POST', '/api/templates/order-to-cash/install', {
      connections: { shopify: shopifyId, paytrace: paytraceId },
      parameters: { triggerTopic: 'orders/delete' },
    });
    expect(param.status).toBe(422);
    expect(param.body.error.message).toMatch(/Parameter "triggerTopic".*one of orders\/create/);
  });

  it('installs each template active, once: a repeat answers the same flow, a copy is inactive', async () => {
    const body = { connections: { shopify: shopifyId, paytrace: paytraceId }, activate: true };
    const first = await call(base, 'POST', '/api/templates/order-to-cash/install', body);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.flows[0]).toMatchObject({ name: 'Order to cash', active: true });
    expect(first.body.triggerUrls[0]).toMatchObject({
      kind: 'shopify',
      url: `${base}/hooks/shopify/${shopifyId}`,
      topics: ['orders/create'],
    });
    orderFlow = first.body.flows[0].id;
    const again = await call(base, 'POST', '/api/templates/order-to-cash/install', body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ reused: true, flows: [{ id: orderFlow }] });
    const copy = await call(base, 'POST', '/api/templates/order-to-cash/install', {
      ...body,
      copy: true,
    });
    expect(copy.status).toBe(201);
    expect(copy.body.flows[0]).toMatchObject({ name: 'Order to cash (copy)', active: false });
    const refunds = await call(base, 'POST', '/api/templates/refund-to-credit-memo/install', body);
    expect(refunds.status, JSON.stringify(refunds.body)).toBe(201);
    refundFlow = refunds.body.flows[0].id;
    const audit = await call(base, 'GET', '/api/audit?limit=50');
    const actions = audit.body.entries?.map((e: any) => e.action) ?? [];
    expect(actions.filter((a: string) => a === 'template.install')).toHaveLength(3);
  });
  it('makes one flow when the same install is sent twice at once', async () => {
    const store = await call(base, 'POST', '/api/connections', {
      type: 'shopify',
      name: 'Second store',
      values: {
        shopDomain: 'second-store.myshopify.com',
        environment: 'simulator',
        accessToken: 'shpat_second',
        webhookSecret: 'second-secret',
      },
    });
    expect(store.status, JSON.stringify(store.body)).toBe(201);
    const body = { connections: { shopify: store.body.id, paytrace: paytraceId } };
    const both = await Promise.all([
      call(base, 'POST', '/api/templates/refund-to-credit-memo/install', body),
      call(base, 'POST', '/api/templates/refund-to-credit-memo/install', body),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(both[0]!.body.flows[0].id).toBe(both[1]!.body.flows[0].id);
    expect(both.every((r) => r.body.flows[0].active === false)).toBe(true);
  });
});

describe('order to cash', () => {
  it('charges a returning customer once by vault and books it in Shopify and the ledger', async () => {
    const customer = await vaultCustomer('vault-ada-1');
    const order = await placeOrder(customer.id, '25.00', 2);
    const run = await runFor(orderFlow, order.id);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    const sales = (await paytraceTransactions()).filter(
      (t) => t.type === 'SALE' && t.customerId === 'vault-ada-1',
    );
    expect(sales).toHaveLength(1);
    expect(sales[0]).toMatchObject({ responseCode: 101, amountCents: 5000 });
    const after = await shopifyOrder(order.id);
    expect(after.financial_status).toBe('paid');
    expect(metafield(after, 'transaction_id')).toBe(String(sales[0].id));
    expect(metafield(after, 'customer_vault_id')).toBe('vault-ada-1');
    const invoice = await call(
      base,
      'GET',
      `/api/ledger/documents/invoice/shopify-order-${order.id}`,
    );
    expect(invoice.body.document).toMatchObject({ total: 5000, openBalance: 0 });
    const payment = await call(
      base,
      'GET',
      `/api/ledger/documents/payment/paytrace-${sales[0].id}`,
    );
    expect(payment.body.document).toMatchObject({ amount: 5000 });
    const erpCustomer = await call(
      base,
      'GET',
      `/api/ledger/documents/customer/shopify-customer-${customer.id}`,
    );
    expect(erpCustomer.body.document).toMatchObject({ paytraceCustomerId: 'vault-ada-1' });
    await expectBooksMatchPaytrace();
  });

  it('tags and notes a declined order, which stays pending and unbooked, and sends a retry link', async () => {
    const customer = await vaultCustomer('vault-decline-1');
    const order = await placeOrder(customer.id, '112.00');
    const run = await runFor(orderFlow, order.id, ['waiting']);
    expect(run.status, JSON.stringify(run.error)).toBe('waiting');
    const sales = (await paytraceTransactions()).filter((t) => t.customerId === 'vault-decline-1');
    expect(sales.map((t) => t.responseCode)).toEqual([102]);
    const after = await shopifyOrder(order.id);
    expect(after.financial_status).toBe('pending');
    expect(after.tags).toContain('paytrace-declined');
    expect(after.note).toMatch(/Do not honor/i);
    expect(metafield(after, 'pay_link')).toMatch(new RegExp(`^${base}/pay/`));
    const invoice = await call(
      base,
      'GET',
      `/api/ledger/documents/invoice/shopify-order-${order.id}`,
    );
    expect(invoice.status).toBe(404);
  });

  it('charges nobody for a customer without a vault profile: the order gets a pay link', async () => {
    const customer = (
      await shop('POST', '/customers', { first_name: 'New', email: 'n@example.com' })
    ).body.customer;
    const order = await placeOrder(customer.id, '10.00');
    const run = await runFor(orderFlow, order.id, ['waiting']);
    expect(run.status, JSON.stringify(run.error)).toBe('waiting');
    // Installed without a mail server: the email step is not in the flow at all.
    expect(run.steps.some((s: any) => s.nodeId === 'shopper-email')).toBe(false);
    const after = await shopifyOrder(order.id);
    expect(after.tags).toContain('needs-payment-link');
    expect(after.note).toContain(metafield(after, 'pay_link'));
    expect(after.financial_status).toBe('pending');
    expect(
      (await paytraceTransactions()).filter((t) => t.description === `Shopify order ${after.name}`),
    ).toHaveLength(0);
  });
});

describe('refund to credit memo', () => {
  it('voids an unsettled sale refunded in full and posts the credit memo', async () => {
    const customer = await vaultCustomer('vault-void-1');
    const order = await placeOrder(customer.id, '40.00');
    expect((await runFor(orderFlow, order.id)).status).toBe('succeeded');
    const r = await refund(order.id, order.line_items[0].id, 1);
    const run = await runFor(refundFlow, r.id);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    const sale = (await paytraceTransactions()).find((t) => t.customerId === 'vault-void-1');
    expect(sale.voided).toBe(true);
    expect((await paytraceTransactions()).filter((t) => t.refundOf === sale.id)).toHaveLength(0);
    const after = await shopifyOrder(order.id);
    expect(after.tags).toContain('paytrace-refunded');
    expect(after.note).toMatch(new RegExp(`PayTrace void .* for Shopify refund ${r.id}`));
    const memo = await call(
      base,
      'GET',
      `/api/ledger/documents/credit-memo/shopify-refund-${r.id}`,
    );
    expect(memo.body.document).toMatchObject({ total: 4000, refunded: 4000 });
    await expectBooksMatchPaytrace();
  });

  it('refunds two partial refunds of a settled sale, once each, with a memo each', async () => {
    const customer = await vaultCustomer('vault-partial-1');
    const order = await placeOrder(customer.id, '10.00', 3);
    expect((await runFor(orderFlow, order.id)).status).toBe('succeeded');
    await settle();
    const line = order.line_items[0].id;
    const first = await refund(order.id, line, 1);
    expect((await runFor(refundFlow, first.id)).status).toBe('succeeded');
    const second = await refund(order.id, line, 2);
    expect((await runFor(refundFlow, second.id)).status).toBe('succeeded');
    const txs = await paytraceTransactions();
    const sale = txs.find((t) => t.customerId === 'vault-partial-1' && t.type === 'SALE');
    const refunds = txs.filter((t) => t.refundOf === sale.id);
    expect(refunds.map((t) => t.amountCents).sort()).toEqual([1000, 2000]);
    const after = await shopifyOrder(order.id);
    expect(after.financial_status).toBe('refunded');
    expect(after.note).toContain(`for Shopify refund ${first.id}`);
    expect(after.note).toContain(`for Shopify refund ${second.id}`);
    for (const [r, amount] of [
      [first, 1000],
      [second, 2000],
    ] as const) {
      const memo = await call(
        base,
        'GET',
        `/api/ledger/documents/credit-memo/shopify-refund-${r.id}`,
      );
      expect(memo.body.document).toMatchObject({ total: amount, refunded: amount });
    }
    await expectBooksMatchPaytrace();
  });

  it('refuses a refund above what is left of the capture: dead letter, nothing refunded', async () => {
    const customer = await vaultCustomer('vault-over-1');
    const order = await placeOrder(customer.id, '50.00');
    expect((await runFor(orderFlow, order.id)).status).toBe('succeeded');
    await settle();
    const sale = (await paytraceTransactions()).find((t) => t.customerId === 'vault-over-1');
    // The merchant refunded 45.00 straight in PayTrace; Shopify then refunds the whole order.
    const direct = await simulatorCall(
      `${base}/sandbox/paytrace`,
      '/v1/transactions/refund/for_transaction',
      { transaction_id: sale.id, amount: '45.00' },
    );
    expect(direct.success, JSON.stringify(direct)).toBe(true);
    outsideRefunds.add(Number(direct.transaction_id));
    const r = await refund(order.id, order.line_items[0].id, 1);
    const run = await runFor(refundFlow, r.id);
    expect(run.status).toBe('failed');
    expect(run.failedNodeId).toBe('refund');
    const dead = await call(base, 'GET', '/api/dead-letters');
    const letter = dead.body.deadLetters.find((d: any) => d.runId === run.id);
    expect(letter, JSON.stringify(dead.body)).toBeDefined();
    expect(run.error.message).toMatch(/exceeds the amount available on the original transaction/);
    const refunds = (await paytraceTransactions()).filter((t) => t.refundOf === sale.id);
    expect(refunds.map((t) => t.amountCents)).toEqual([4500]);
    const memo = await call(
      base,
      'GET',
      `/api/ledger/documents/credit-memo/shopify-refund-${r.id}`,
    );
    expect(memo.status).toBe(404);
  });
});

describe('POST /api/demo', () => {
  it('reuses the installed templates, seeds a vault shopper and places an order that gets paid', async () => {
    const demo = await call(base, 'POST', '/api/demo');
    expect(demo.status, JSON.stringify(demo.body)).toBe(200);
    expect(demo.body.flows.map((f: any) => [f.templateId, f.id, f.reused, f.active])).toEqual([
      ['order-to-cash', orderFlow, true, true],
      ['refund-to-credit-memo', refundFlow, true, true],
    ]);
    expect(demo.body.runId).toEqual(expect.any(String));
    const run = await waitForRun(base, demo.body.runId);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    const order = await shopifyOrder(demo.body.shopifyOrderId);
    expect(order.name).toBe(demo.body.orderName);
    expect(order.financial_status).toBe('paid');
    expect(metafield(order, 'customer_vault_id')).toBe('paybridge-demo-shopper');
    const sales = (await paytraceTransactions()).filter(
      (t) => t.customerId === 'paybridge-demo-shopper',
    );
    expect(sales).toHaveLength(1);
    expect(sales[0]).toMatchObject({ responseCode: 101, amountCents: 4800 });
    // A second demo: same shopper and vault profile, a new order, one more sale.
    const again = await call(base, 'POST', '/api/demo');
    expect(again.status).toBe(200);
    expect(again.body.shopifyOrderId).not.toBe(demo.body.shopifyOrderId);
    await waitForRun(base, again.body.runId);
    const after = (await paytraceTransactions()).filter(
      (t) => t.customerId === 'paybridge-demo-shopper',
    );
    expect(after).toHaveLength(2);
    await expectBooksMatchPaytrace();
  });

  it('places a new shopper order paid on its pay link, refunds it, and shows the three systems', async () => {
    expect((await call(base, 'GET', '/api/settings')).body.sandbox).toBe(true);
    const placed = await call(base, 'POST', '/api/demo/new-shopper');
    expect(placed.status, JSON.stringify(placed.body)).toBe(200);
    expect(placed.body.flows.map((f: any) => f.id)).toEqual([orderFlow, refundFlow]);
    expect(placed.body.payUrl).toMatch(new RegExp(`^${base}/pay/`));
    const id = placed.body.shopifyOrderId as string;
    const results = async () => {
      const res = await call(base, 'GET', `/api/demo/results?shopifyOrderId=${id}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain(TEST_CARD);
      return res.body;
    };
    const before = await results();
    expect(before.shopify).toMatchObject({
      name: placed.body.orderName,
      financialStatus: 'pending',
      metafields: { pay_link: placed.body.payUrl },
    });
    expect(before.shopify.tags).toContain('needs-payment-link');
    expect(before.paytrace).toEqual([]);
    expect(before.ledger).toMatchObject({ invoice: null, payments: [], creditMemos: [] });

    const page = await fetch(placed.body.payUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(await protectToken(`${base}/sandbox/paytrace`)).toString(),
    });
    expect(page.status).toBe(200);
    const run = await waitForRun(base, placed.body.runId, undefined, 30_000);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    const paid = await results();
    expect(paid.shopify.financialStatus).toBe('paid');
    expect(paid.paytrace).toEqual([
      expect.objectContaining({
        type: 'SALE',
        amount: 4800,
        status: 'approved',
        cardLastFour: '5439',
      }),
    ]);
    const sale = paid.paytrace[0].id;
    expect(paid.shopify.metafields.transaction_id).toBe(sale);
    expect(paid.ledger).toMatchObject({
      invoice: { ref: `shopify-order-${id}`, amount: 4800, openBalance: 0, currency: 'USD' },
      payments: [{ ref: `paytrace-${sale}`, amount: 4800 }],
      creditMemos: [],
      trialBalanceBalanced: true,
    });
    expect(paid.ledger.customer.paytraceCustomerId).toMatch(/^shopify-\d+$/);

    await settle();
    const part = await call(base, 'POST', '/api/demo/refund', { shopifyOrderId: id, amount: 1000 });
    expect(part.status, JSON.stringify(part.body)).toBe(200);
    expect((await waitForRun(base, part.body.runId, undefined, 30_000)).status).toBe('succeeded');
    const rest = await call(base, 'POST', '/api/demo/refund', { shopifyOrderId: id });
    expect(rest.status, JSON.stringify(rest.body)).toBe(200);
    expect((await waitForRun(base, rest.body.runId, undefined, 30_000)).status).toBe('succeeded');
    const refunded = await results();
    expect(refunded.shopify.financialStatus).toBe('refunded');
    expect(
      refunded.paytrace
        .filter((t: any) => t.type === 'REFUND')
        .map((t: any) => [t.amount, t.refundOf])
        .sort(),
    ).toEqual([
      [1000, sale],
      [3800, sale],
    ]);
    expect(refunded.ledger.creditMemos).toEqual([
      {
        ref: `shopify-refund-${part.body.refundId}`,
        currency: 'USD',
        amount: 1000,
        refunded: 1000,
      },
      {
        ref: `shopify-refund-${rest.body.refundId}`,
        currency: 'USD',
        amount: 3800,
        refunded: 3800,
      },
    ]);
    expect(refunded.ledger.trialBalanceBalanced).toBe(true);
    await expectBooksMatchPaytrace();

    const nothingLeft = await call(base, 'POST', '/api/demo/refund', { shopifyOrderId: id });
    expect(nothingLeft.status).toBe(422);
    expect(nothingLeft.body.error.message).toMatch(/no payment left to refund/);
    const unknown = await call(base, 'GET', '/api/demo/results?shopifyOrderId=1');
    expect(unknown.status).toBe(404);
    const bad = await call(base, 'GET', '/api/demo/results?shopifyOrderId=abc');
    expect(bad.status).toBe(400);
  }, 90_000);

  it('refuses outside sandbox mode, saying why', async () => {
    const api = await startTestRuntime(rt.databaseUrl, { role: 'api' });
    try {
      const refused = await call(api.url!, 'POST', '/api/demo');
      expect(refused.status).toBe(404);
      expect(refused.body.error).toMatchObject({ code: 'SANDBOX_ONLY' });
      expect(refused.body.error.message).toMatch(/sandbox mode/);
      for (const [method, path, body] of [
        ['POST', '/api/demo/new-shopper', undefined],
        ['POST', '/api/demo/refund', { shopifyOrderId: '1' }],
        ['GET', '/api/demo/results?shopifyOrderId=1', undefined],
      ] as const) {
        const res = await call(api.url!, method, path, body);
        expect(res.status, path).toBe(404);
        expect(res.body.error.code, path).toBe('SANDBOX_ONLY');
      }
      expect((await call(api.url!, 'GET', '/api/settings')).body.sandbox).toBe(false);
    } finally {
      await api.stop();
    }
  });
});
