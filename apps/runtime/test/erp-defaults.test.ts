/**
 * The ERP nodes with their default mappings, end to end: the Shopify simulator places orders,
 * refunds and disputes, its webhooks (or, for a dropped refund, the reconciliation poller) start
 * flows built only from a Shopify trigger and ERP nodes, and the built-in ledger must hold what
 * Shopify holds, to the cent.
 */
import { startShopifySimulator, type RunningShopifySimulator } from '@paybridge/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeHandle } from '../src/start-runtime';
import { call, freshDatabase, startTestRuntime, waitForRun } from './support';
import { createShopifyConnection } from './support/shopify-connection';

const POLL_S = 2;

let sim: RunningShopifySimulator;
let rt: RuntimeHandle;
let base: string;
let connectionId: string;
const subscriptions = new Map<string, string>();

type Node = { id: string; type: string; config?: Record<string, unknown> };

/** A flow: a Shopify trigger on `topics`, then `nodes` in a chain. */
async function shopifyFlow(name: string, topics: string[], nodes: Node[]): Promise<string> {
  const all = [
    { id: 'trigger', type: 'trigger.shopify', config: { connectionId, topics } },
    ...nodes,
  ];
  const flow = await call(base, 'POST', '/api/flows', {
    name,
    activate: true,
    graph: {
      nodes: all.map((n, i) => ({
        typeVersion: 1,
        config: {},
        position: { x: i * 200, y: 0 },
        ...n,
      })),
      edges: all.slice(1).map((n, i) => ({
        from: { node: all[i]!.id, port: all[i]!.id === 'lookup' ? 'found' : 'out' },
        to: { node: n.id, port: 'in' },
      })),
    },
  });
  expect(flow.status, JSON.stringify(flow.body)).toBe(201);
  return flow.body.id as string;
}

async function waitUntil<T>(read: () => Promise<T | undefined>, what: string, ms = 20_000) {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The finished run of `flowId` whose trigger body has `id`, with its steps. */
async function runFor(flowId: string, resourceId: string) {
  return waitUntil(async () => {
    const page = await call(base, 'GET', `/api/runs?flowId=${flowId}&limit=100`);
    for (const summary of page.body.runs) {
      const run = await call(base, 'GET', `/api/runs/${summary.id}`);
      if (String(run.body.trigger?.body?.id) !== resourceId) continue;
      const done = await waitForRun(base, summary.id);
      return done;
    }
    return undefined;
  }, `a run for ${resourceId}`);
}

function step(run: any, nodeId: string) {
  const found = run.steps.find((s: any) => s.nodeId === nodeId);
  expect(
    found,
    `step ${nodeId} in ${JSON.stringify(run.steps.map((s: any) => s.nodeId))}`,
  ).toBeDefined();
  return found;
}

/** A discounted order with tax (on lines and shipping) and shipping, paid by "PayTrace". */
function placeOrder() {
  const customer = sim.handle.createCustomer({
    first_name: 'Ada',
    last_name: 'Lovelace',
    email: `ada-${Math.random().toString(36).slice(2)}@example.com`,
  });
  return sim.handle.createOrder({
    customer_id: customer.id,
    gateway: 'PayTrace',
    financial_status: 'paid',
    line_items: [
      { title: 'Tea', price: '19.99', quantity: 3, sku: 'TEA-1' },
      { title: 'Cup', price: '12.50', quantity: 2 },
    ],
    discount_codes: [{ code: 'SAVE10', amount: '10.00', type: 'fixed_amount' }],
    shipping: { title: 'Standard', price: '7.95' },
    tax_lines: [{ title: 'State tax', rate: '0.0825' }],
  });
}

/** Test-side reading of the simulator's decimal strings (USD), exact by digits. */
const money = (text: string) => Number(text.replace('.', ''));

beforeAll(async () => {
  sim = await startShopifySimulator({ port: 0 });
  rt = await startTestRuntime(await freshDatabase(), {
    env: {
      PAYBRIDGE_SHOPIFY_SIMULATOR_URL: sim.url,
      PAYBRIDGE_SHOPIFY_POLL_SECONDS: String(POLL_S),
    },
  });
  base = rt.url!;
  connectionId = await createShopifyConnection(base);
  for (const topic of ['orders/create', 'refunds/create', 'disputes/create', 'disputes/update']) {
    const sub = sim.handle.subscribe(topic, `${base}/hooks/shopify/${connectionId}`);
    subscriptions.set(topic, sub.id);
  }
}, 60_000);
afterAll(async () => {
  await rt?.stop();
  await sim?.close();
});

let ordersFlow: string;
let refundsFlow: string;

describe('ERP default mappings from Shopify events', () => {
  it('post customer, invoice, payment and lookup for an order webhook', async () => {
    ordersFlow = await shopifyFlow(
      'Orders to books',
      ['orders/create'],
      [
        { id: 'customer', type: 'erp.customer-upsert' },
        { id: 'invoice', type: 'erp.invoice-from-order' },
        // Stands in for an approved PayTrace sale (its output shape) of the invoice total.
        {
          id: 'sale',
          type: 'map',
          config: {
            expression: `{ "status": "approved", "operation": "sale", "transactionId": "pt-" & $trigger.body.id,
              "amount": { "minor": $node("invoice").document.total, "currency": $node("invoice").document.currency } }`,
          },
        },
        { id: 'payment', type: 'erp.payment-post' },
        {
          id: 'lookup',
          type: 'erp.document-lookup',
          config: { documentType: 'invoice', reference: '="shopify-order-" & $trigger.body.id' },
        },
        { id: 'done', type: 'map', config: { expression: 'document.openBalance' } },
      ],
    );
    const order = placeOrder();
    const run = await runFor(ordersFlow, order.id);
    expect(run.status, JSON.stringify(run.steps.at(-1))).toBe('succeeded');
    const shopifyOrder = JSON.parse(sim.handle.restOrderJson(order.id));
    expect(step(run, 'customer').output.document).toMatchObject({
      externalRef: `shopify-customer-${order.customerId}`,
      name: 'Ada Lovelace',
    });
    const invoice = step(run, 'invoice').output.document;
    expect(invoice).toMatchObject({
      externalRef: `shopify-order-${order.id}`,
      currency: 'USD',
      total: money(shopifyOrder.total_price),
      discount: 1000,
      shipping: 795,
      tax: money(shopifyOrder.total_tax),
    });
    expect(step(run, 'payment').output.document).toMatchObject({
      externalRef: `paytrace-pt-${order.id}`,
      invoiceRef: `shopify-order-${order.id}`,
      amount: invoice.total,
    });
    expect(step(run, 'done').output).toBe(0);
    // The run view names what was booked as the ledger files it, never by an internal id.
    const booked = run.documents.filter((d: any) => d.kind === 'erp-document');
    expect(booked.map((d: any) => d.erp)).toEqual([
      {
        system: 'built-in',
        type: 'customer',
        number: `shopify-customer-${order.customerId}`,
        reference: `shopify-customer-${order.customerId}`,
        name: 'Ada Lovelace',
      },
      {
        system: 'built-in',
        type: 'invoice',
        number: `shopify-order-${order.id}`,
        reference: `shopify-order-${order.id}`,
        name: null,
      },
      {
        system: 'built-in',
        type: 'payment',
        number: `paytrace-pt-${order.id}`,
        reference: `paytrace-pt-${order.id}`,
        name: null,
      },
    ]);
    expect(booked[1].ledger).toEqual({ type: 'invoice', ref: `shopify-order-${order.id}` });
  }, 60_000);

  it('post a credit memo of exactly what Shopify refunded: discounted lines, tax, shipping', async () => {
    refundsFlow = await shopifyFlow(
      'Refunds to books',
      ['refunds/create'],
      [{ id: 'memo', type: 'erp.credit-memo' }],
    );
    const order = placeOrder();
    await runFor(ordersFlow, order.id);
    const tea = order.lineItems.find((l) => l.title === 'Tea')!;
    // Two of three discounted teas with their tax, then the shipping alone.
    const partial = sim.handle.createRefund(order.id, {
      refund_line_items: [{ line_item_id: tea.id, quantity: 2 }],
    });
    const shipping = sim.handle.createRefund(order.id, { shipping: { full_refund: true } });
    for (const refund of [partial, shipping]) {
      const run = await runFor(refundsFlow, refund.id);
      expect(run.status, JSON.stringify(run.steps.at(-1))).toBe('succeeded');
      const body = run.trigger.body;
      const refunded = body.transactions.reduce((s: number, t: any) => s + money(t.amount), 0);
      const memo = step(run, 'memo').output.document;
      expect(memo).toMatchObject({
        externalRef: `shopify-refund-${refund.id}`,
        total: refunded,
        refunded,
        remainingCredit: 0,
      });
    }
    const shippingRun = await runFor(refundsFlow, shipping.id);
    expect(step(shippingRun, 'memo').output.document).toMatchObject({ total: 795 });
    const tb = await call(base, 'GET', '/api/ledger/reports/trial-balance');
    expect(tb.body.totals.every((t: any) => t.balanced)).toBe(true);
  }, 60_000);

  it('post the same credit memo for a refund the poller recovered as for its webhook', async () => {
    const first = placeOrder();
    const second = placeOrder();
    await runFor(ordersFlow, first.id);
    await runFor(ordersFlow, second.id);
    const teaOf = (o: typeof first) => o.lineItems.find((l) => l.title === 'Tea')!.id;
    const refundInput = (o: typeof first) => ({
      refund_line_items: [{ line_item_id: teaOf(o), quantity: 1 }],
      shipping: { full_refund: true },
    });
    const delivered = sim.handle.createRefund(first.id, refundInput(first));
    const viaWebhook = await runFor(refundsFlow, delivered.id);
    sim.handle.unsubscribe(subscriptions.get('refunds/create')!);
    const dropped = sim.handle.createRefund(second.id, refundInput(second));
    const recovered = await runFor(refundsFlow, dropped.id);
    expect(recovered.trigger.source).toBe('reconciliation');
    expect(recovered.status, JSON.stringify(recovered.steps.at(-1))).toBe('succeeded');
    expect(recovered.trigger.body.paybridge_omitted_fields).toContain('duties');
    const memoOf = (run: any) => {
      const { id, externalRef, invoiceRef, customerRef, ...rest } = step(run, 'memo').output
        .document;
      void [id, externalRef, invoiceRef, customerRef];
      return rest;
    };
    expect(memoOf(recovered)).toEqual(memoOf(viaWebhook));
    expect(memoOf(recovered)).toMatchObject({ applied: 0, remainingCredit: 0 });
    expect(memoOf(recovered).total).toBe(memoOf(recovered).refunded);
  }, 60_000);

  it('open and close a chargeback from dispute webhooks', async () => {
    const opened = await shopifyFlow(
      'Disputes opened',
      ['disputes/create'],
      [{ id: 'open', type: 'erp.dispute-open' }],
    );
    const updated = await shopifyFlow(
      'Disputes updated',
      ['disputes/update'],
      [{ id: 'update', type: 'erp.dispute-update' }],
    );
    const order = placeOrder();
    await runFor(ordersFlow, order.id);
    const dispute = sim.handle.createDispute(order.id, { reason: 'fraudulent' });
    const openRun = await runFor(opened, dispute.id);
    expect(openRun.status, JSON.stringify(openRun.steps.at(-1))).toBe('succeeded');
    expect(step(openRun, 'open').output.document).toMatchObject({
      externalRef: `shopify-dispute-${dispute.id}`,
      status: 'open',
      amount: dispute.amountMinor,
    });
    sim.handle.updateDispute(dispute.id, { status: 'won' });
    const closeRun = await runFor(updated, dispute.id);
    expect(closeRun.status, JSON.stringify(closeRun.steps.at(-1))).toBe('succeeded');
    expect(step(closeRun, 'update').output.document).toMatchObject({ status: 'won' });
  }, 60_000);
});
