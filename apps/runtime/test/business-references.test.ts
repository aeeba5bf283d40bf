/**
 * Once per business fact, whatever the path: money effects are keyed by their business
 * reference (PayTrace connection + Shopify order id + operation; + Shopify refund id for
 * refunds), not by flow or event. The PayTrace simulator's own transaction list is the judge.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startPaytraceSimulator, type RunningPaytraceSimulator } from '@paybridge/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeHandle } from '../src/start-runtime';
import { createPaytraceConnection, createVaultCustomer, simulatorCall } from './paytrace-support';
import { call, freshDatabase, restFlow, startTestRuntime, waitForRun } from './support';

const SECRET = 'shopify-app-client-secret-for-business-refs';
const SHOP = 'business-refs.myshopify.com';
const CUSTOMER = 'cust-business-refs';
const FAST_RETRY = { initialDelayMs: 200, maxDelayMs: 1_000, maxAttempts: 20 };

let sim: RunningPaytraceSimulator;
let rt: RuntimeHandle;
let base: string;
let paytrace: string;
let shopify: string;

beforeAll(async () => {
  sim = await startPaytraceSimulator({ port: 0 });
  await createVaultCustomer(sim, CUSTOMER);
  rt = await startTestRuntime(await freshDatabase(), {
    env: {
      PAYBRIDGE_PAYTRACE_SIMULATOR_URL: sim.url,
      PAYBRIDGE_WORKER_CONCURRENCY: '4',
      PAYBRIDGE_HTTP_ALLOW_CIDRS: '127.0.0.1/32',
    },
  });
  base = rt.url!;
  paytrace = await createPaytraceConnection(base, {
    requestTimeoutSeconds: 2,
    unknownOutcomeWaitSeconds: 1,
  });
  const created = await call(base, 'POST', '/api/connections', {
    type: 'shopify',
    name: 'Business refs store',
    values: { shopDomain: SHOP, accessToken: 'shpat_test', webhookSecret: SECRET },
  });
  expect(created.status).toBe(201);
  shopify = created.body.id;
}, 60_000);
afterAll(async () => {
  await rt?.stop();
  await sim?.close();
});

/** Delivers a signed Shopify webhook; returns the run ids ingress created. */
async function deliver(topic: string, body: string): Promise<string[]> {
  const res = await call(base, 'POST', `/hooks/shopify/${shopify}`, body, {
    authorization: '',
    'content-type': 'application/json',
    'x-shopify-topic': topic,
    'x-shopify-hmac-sha256': createHmac('sha256', SECRET).update(body).digest('base64'),
    'x-shopify-shop-domain': SHOP,
    'x-shopify-api-version': '2025-10',
    'x-shopify-webhook-id': randomUUID(),
    'x-shopify-triggered-at': new Date().toISOString(),
  });
  expect(res.status).toBe(200);
  return res.body.runIds as string[];
}

/**
 * A webhook body as the run's trigger output shows it (and an operator copies it): ids as
 * strings, since Shopify's exceed what JSON numbers hold.
 */
function asShown(body: string): unknown {
  return JSON.parse(body.replace(/(:|\[|,)(\d{16,})/g, '$1"$2"'));
}

/** Runs a flow by hand with `payload` (a new event each time). */
async function runByHand(flowId: string, payload: unknown): Promise<string> {
  const res = await call(base, 'POST', `/api/flows/${flowId}/run`, { payload });
  expect(res.status).toBe(202);
  return res.body.runId as string;
}

const active: string[] = [];
async function createFlow(name: string, graph: unknown): Promise<string> {
  const res = await call(base, 'POST', '/api/flows', { name, graph, activate: true });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  active.push(res.body.id as string);
  return res.body.id as string;
}
/** Each case starts with no flow subscribed: they all act on the same store and account. */
afterEach(async () => {
  for (const id of active.splice(0)) await call(base, 'POST', `/api/flows/${id}/deactivate`);
});

/** A Shopify trigger on `topic`, then one PayTrace node `id` of `type`. */
function paymentFlow(topic: string, id: string, type: string, config: Record<string, unknown>) {
  return {
    nodes: [
      {
        id: 'trigger',
        type: 'trigger.shopify',
        typeVersion: 1,
        config: { connectionId: shopify, topics: [topic] },
      },
      {
        id,
        type,
        typeVersion: 1,
        config: { connectionId: paytrace, currency: 'USD', ...config },
        retry: FAST_RETRY,
      },
    ],
    edges: [{ from: { node: 'trigger', port: 'out' }, to: { node: id, port: 'in' } }],
  };
}

const finished = (run: any) => run.status === 'succeeded' || run.status === 'failed';
const stepOf = (run: any, nodeId: string) =>
  run.steps.filter((s: any) => s.nodeId === nodeId).at(-1);
const transactions = () => [...sim.handle.state.transactions.values()];

/** The raw bytes Shopify sends for an order: ids as bare JSON integers beyond 2^53. */
function orderBody(orderId: string): string {
  return `{"id":${orderId},"admin_graphql_api_id":"gid://shopify/Order/${orderId}","name":"#${orderId.slice(-4)}","financial_status":"pending","total_price":"19.99","currency":"USD","line_items":[]}`;
}

/** A Shopify refund of `amount` (decimal text) on `orderId`. */
function refundBody(refundId: string, orderId: string, amount: string): string {
  return `{"id":${refundId},"admin_graphql_api_id":"gid://shopify/Refund/${refundId}","order_id":${orderId},"created_at":"2026-03-01T10:00:00-05:00","refund_line_items":[],"transactions":[{"id":${refundId}1,"order_id":${orderId},"kind":"refund","gateway":"manual","status":"success","amount":"${amount}","currency":"USD"}]}`;
}

/** A settled PayTrace sale of `cents`, made straight at the simulator. */
async function settledSale(cents: number): Promise<string> {
  const answer = await simulatorCall(sim.url, '/v1/transactions/sale/by_customer', {
    amount: (cents / 100).toFixed(2),
    customer_id: CUSTOMER,
  });
  expect(answer.response_code).toBe(101);
  await simulatorCall(sim.url, '/v1/transactions/settle', {});
  return String(answer.transaction_id);
}

const id19 = () => `8${String(Date.now()).slice(-9)}${String(Math.random()).slice(2, 11)}`;

describe('once per business fact', () => {
  it('a Shopify refund entering as two events (webhook, then run by hand) refunds once', async () => {
    const sale = await settledSale(1999);
    const flow = await createFlow(
      'refund on Shopify refund',
      paymentFlow('refunds/create', 'refund', 'paytrace.refund', {
        transactionId: sale,
        amount: 1000,
      }),
    );
    const orderId = id19();
    const refundId = id19();
    const body = refundBody(refundId, orderId, '10.00');
    const [first] = await deliver('refunds/create', body);
    const one = await waitForRun(base, first!, finished, 60_000);
    // The operator pastes the webhook body into "Run by hand": another event, the same refund.
    const two = await waitForRun(base, await runByHand(flow, asShown(body)), finished, 60_000);

    const refunds = transactions().filter((t) => t.refundOf === Number(sale));
    expect(refunds).toHaveLength(1);
    expect(refunds[0]!.amountCents).toBe(1000);
    expect(stepOf(one, 'refund')).toMatchObject({
      port: 'approved',
      output: { origin: 'gateway' },
    });
    expect(stepOf(two, 'refund')).toMatchObject({
      port: 'approved',
      output: { origin: 'ledger', transactionId: stepOf(one, 'refund').output.transactionId },
    });
  }, 90_000);

  it('an order flow copied beside the original charges the order once', async () => {
    const graph = paymentFlow('orders/create', 'sale', 'paytrace.sale', {
      source: { kind: 'vault', customerId: CUSTOMER },
      amount: 1999,
      description: '="copy-" & $string($trigger.body.id)',
    });
    await createFlow('orders', graph);
    await createFlow('orders (copy)', graph);
    const orderId = id19();
    const runIds = await deliver('orders/create', orderBody(orderId));
    expect(runIds).toHaveLength(2);
    const runs = await Promise.all(runIds.map((id) => waitForRun(base, id, finished, 60_000)));

    const sales = transactions().filter((t) => t.description === `copy-${orderId}`);
    expect(sales).toHaveLength(1);
    const steps = runs.map((run) => stepOf(run, 'sale'));
    expect(steps.map((s) => s.port)).toEqual(['approved', 'approved']);
    expect(new Set(steps.map((s) => s.output.transactionId))).toEqual(
      new Set([String(sales[0]!.id)]),
    );
  }, 90_000);

  it('a changed amount for the same order fails IDEMPOTENCY_CONFLICT and charges nothing more', async () => {
    const sale = (amount: number) =>
      paymentFlow('orders/create', 'sale', 'paytrace.sale', {
        source: { kind: 'vault', customerId: CUSTOMER },
        amount,
        description: '="changed-" & $string($trigger.body.id)',
      });
    const original = await createFlow('order charge', sale(1500));
    const other = await createFlow('another order flow', sale(2500));
    await call(base, 'POST', `/api/flows/${other}/deactivate`);
    const orderId = id19();
    const [first] = await deliver('orders/create', orderBody(orderId));
    expect(stepOf(await waitForRun(base, first!, finished, 60_000), 'sale').port).toBe('approved');

    const body = asShown(orderBody(orderId));
    const same = await waitForRun(base, await runByHand(original, body), finished, 60_000);
    expect(stepOf(same, 'sale').output.origin).toBe('ledger');
    const changed = await waitForRun(base, await runByHand(other, body), finished, 60_000);
    expect(stepOf(changed, 'sale')).toMatchObject({
      status: 'failed',
      error: { code: 'IDEMPOTENCY_CONFLICT' },
    });
    const sales = transactions().filter((t) => t.description === `changed-${orderId}`);
    expect(sales.map((t) => t.amountCents)).toEqual([1500]);
  }, 90_000);

  it('refuses before PayTrace a refund above the Shopify refund or above captured minus refunded', async () => {
    const sale = await settledSale(1999);
    await createFlow(
      'refund 10.00 on every Shopify refund',
      paymentFlow('refunds/create', 'refund', 'paytrace.refund', {
        transactionId: sale,
        amount: 1000,
      }),
    );
    const orderId = id19();

    // Shopify refunded 5.00; the flow asks PayTrace for 10.00.
    const [small] = await deliver('refunds/create', refundBody(id19(), orderId, '5.00'));
    const refused = await waitForRun(base, small!, finished, 60_000);
    expect(stepOf(refused, 'refund')).toMatchObject({
      status: 'failed',
      error: { code: 'REFUND_EXCEEDS_SHOPIFY_REFUND' },
    });
    expect(transactions().filter((t) => t.refundOf === Number(sale))).toHaveLength(0);

    // 10.00 of 19.99 refunded; a second Shopify refund of 10.00 leaves only 9.99 to refund.
    const [ok] = await deliver('refunds/create', refundBody(id19(), orderId, '10.00'));
    expect(stepOf(await waitForRun(base, ok!, finished, 60_000), 'refund').port).toBe('approved');
    const [over] = await deliver('refunds/create', refundBody(id19(), orderId, '10.00'));
    expect(stepOf(await waitForRun(base, over!, finished, 60_000), 'refund')).toMatchObject({
      status: 'failed',
      error: { code: 'REFUND_EXCEEDS_CAPTURED' },
    });
    const refunds = transactions().filter((t) => t.refundOf === Number(sale));
    expect(refunds.map((t) => t.amountCents)).toEqual([1000]);
  }, 90_000);

  it('http.request sends the same Idempotency-Key on a retry, another on another event', async () => {
    // Answers 503 to the first request of each body, 200 after: every event is retried once.
    const keys: { body: string; key: string | undefined }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const key = req.headers['idempotency-key'];
        keys.push({ body, key: typeof key === 'string' ? key : undefined });
        res.statusCode = keys.filter((k) => k.body === body).length === 1 ? 503 : 200;
        res.setHeader('content-type', 'application/json');
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const graph = restFlow(
        'notify/once',
        [
          {
            id: 'notify',
            type: 'http.request',
            config: {
              method: 'POST',
              url: `http://127.0.0.1:${port}/notify`,
              body: '={ "order": body.order }',
            },
          },
        ],
        [['trigger', 'notify']],
      );
      (graph.nodes[1] as Record<string, unknown>).retry = { initialDelayMs: 100, maxDelayMs: 200 };
      await createFlow('notify', graph);
      const post = (order: string) =>
        call(base, 'POST', '/hooks/notify/once', { order }, { authorization: '' });
      const runs = [(await post('A')).body.runId, (await post('B')).body.runId];
      for (const id of runs)
        expect((await waitForRun(base, id, finished, 30_000)).status).toBe('succeeded');

      const a = keys.filter((k) => k.body.includes('"A"')).map((k) => k.key);
      const b = keys.filter((k) => k.body.includes('"B"')).map((k) => k.key);
      expect(a).toHaveLength(2);
      expect(a[0]).toMatch(/^PB[A-Z0-9]{16}$/);
      expect(a[1]).toBe(a[0]);
      expect(b).toHaveLength(2);
      expect(b[1]).toBe(b[0]);
      expect(b[0]).not.toBe(a[0]);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }, 60_000);

  it('an ERP posting of the same document from two flows posts once, through the effect ledger', async () => {
    const order = {
      id: id19(),
      name: '#2001',
      currency: 'USD',
      created_at: '2026-03-01T10:00:00-04:00',
      customer: { id: id19(), first_name: 'Ada', last_name: 'Lovelace' },
      line_items: [{ title: 'Tea', quantity: 3, price: '19.99' }],
      total_tax: '4.80',
      total_discounts: '0.00',
    };
    const graph = (path: string) =>
      restFlow(
        path,
        [
          { id: 'order', type: 'map', config: { expression: 'body' } },
          { id: 'customer', type: 'erp.customer-upsert' },
          { id: 'back', type: 'map', config: { expression: '$node("order")' } },
          { id: 'invoice', type: 'erp.invoice-from-order' },
        ],
        [
          ['trigger', 'order'],
          ['order', 'customer'],
          ['customer', 'back'],
          ['back', 'invoice'],
        ],
      );
    await createFlow('orders to ledger', graph('ledger/a'));
    await createFlow('orders to ledger, imported', graph('ledger/b'));
    const runs = [];
    for (const path of ['ledger/a', 'ledger/b']) {
      const hook = await call(base, 'POST', `/hooks/${path}`, order, { authorization: '' });
      expect(hook.status).toBe(202);
      runs.push(await waitForRun(base, hook.body.runId, finished, 30_000));
    }
    expect(runs.map((run) => run.status)).toEqual(['succeeded', 'succeeded']);
    const [first, second] = runs.map((run) => stepOf(run, 'invoice').output);
    expect(first).toMatchObject({ created: true, origin: 'erp' });
    expect(second).toMatchObject({ created: false, origin: 'ledger' });
    expect(second.document.id).toBe(first.document.id);
    const invoices = await call(base, 'GET', '/api/ledger/invoices');
    expect(
      invoices.body.invoices.filter((i: any) => i.externalRef === `shopify-order-${order.id}`),
    ).toHaveLength(1);
  }, 60_000);

  it('a partial refund of an unsettled sale waits durably for settlement, then refunds', async () => {
    const answer = await simulatorCall(sim.url, '/v1/transactions/sale/by_customer', {
      amount: '30.00',
      customer_id: CUSTOMER,
    });
    const sale = String(answer.transaction_id);
    const graph = restFlow(
      'refund/after-settlement',
      [
        {
          id: 'refund',
          type: 'paytrace.refund',
          config: {
            connectionId: paytrace,
            transactionId: '=body.transactionId',
            amount: 1200,
            whenUnsettled: 'wait',
            settlementCheckSeconds: 1,
          },
        },
      ],
      [['trigger', 'refund']],
    );
    await createFlow('refund after settlement', graph);
    const hook = await call(
      base,
      'POST',
      '/hooks/refund/after-settlement',
      { transactionId: sale },
      { authorization: '' },
    );
    expect(hook.status).toBe(202);
    const waiting = await waitForRun(base, hook.body.runId, (r) => r.status === 'waiting', 30_000);
    expect(stepOf(waiting, 'refund').status).toBe('suspended');
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(transactions().filter((t) => t.refundOf === Number(sale))).toEqual([]);

    await simulatorCall(sim.url, '/v1/transactions/settle', {});
    const done = await waitForRun(base, hook.body.runId, finished, 30_000);
    expect(done.status).toBe('succeeded');
    expect(stepOf(done, 'refund')).toMatchObject({
      port: 'approved',
      output: { operation: 'refund', amount: { minor: 1200 } },
    });
    const refunds = transactions().filter((t) => t.refundOf === Number(sale));
    expect(refunds.map((t) => t.amountCents)).toEqual([1200]);
  }, 60_000);
});
