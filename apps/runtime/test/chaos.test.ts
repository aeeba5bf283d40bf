/**
 * Chaos, end to end: Shopify orders charged by PayTrace, marked paid and booked in the ledger,
 * then part of them refunded, while worker processes are killed with SIGKILL and Postgres is
 * restarted. The verdict comes from the systems' own records, not from Paybridge's view of them:
 * the PayTrace simulator's transactions, the Shopify simulator's orders, metafields and
 * transactions, and the ledger's documents. Exactly one sale per order, one refund per Shopify
 * refund, one invoice, payment and credit memo each, and no run left unfinished.
 *
 * The flows map the ERP documents explicitly rather than through the nodes' default mappings,
 * so the test holds whatever those defaults read; effect records are checked only through
 * their outcome at the simulators, so it holds whatever key they are stored under.
 */
import {
  SHOPIFY_DEMO_CREDENTIALS,
  startPaytraceSimulator,
  startShopifySimulator,
  type RunningPaytraceSimulator,
  type RunningShopifySimulator,
} from '@paybridge/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSql, type Sql } from '../src/db/client';
import { createPaytraceConnection, createVaultCustomer, simulatorCall } from './paytrace-support';
import { startPrivatePostgres, type PrivatePostgres } from './private-postgres';
import { spawnRuntime, type RuntimeProcess } from './processes';
import { call } from './support';

const ORDERS = 100;
/** Every third order gets a refund: a partial one, or the whole order for every sixth. */
const refunded = (i: number) => i % 3 === 0;
const VAULT_CUSTOMER = 'cust-chaos';

let pg: PrivatePostgres;
let paytrace: RunningPaytraceSimulator;
let shop: RunningShopifySimulator;
let sql: Sql;
let api: RuntimeProcess;
let base: string;
const workers: RuntimeProcess[] = [];

function startWorker(): RuntimeProcess {
  const w = spawnRuntime(['--role', 'worker'], {
    DATABASE_URL: pg.url,
    PAYBRIDGE_LOG_LEVEL: 'info',
    PAYBRIDGE_WORKER_DEAD_AFTER_S: '3',
    PAYBRIDGE_WORKER_CONCURRENCY: '6',
    // Workers are killed from outside every 6 s, about as often as a dead worker's runs are
    // taken up again, so a run can be caught mid-execution by several kills in a row. Quarantine
    // cannot tell those kills from crashes the run caused (its own test covers it); here it
    // must not stop runs that are merely unlucky.
    PAYBRIDGE_RUN_MAX_CRASHES: '10',
    PAYBRIDGE_PAYTRACE_SIMULATOR_URL: paytrace.url,
    PAYBRIDGE_SHOPIFY_SIMULATOR_URL: shop.url,
    PAYBRIDGE_SHOPIFY_POLL_SECONDS: '3600',
  });
  workers.push(w);
  return w;
}

async function runCounts(flowId?: string): Promise<Record<string, number>> {
  const rows = await sql<{ status: string; n: number }[]>`
    select status, count(*)::int as n from runs
    where ${flowId ? sql`flow_id = ${flowId}` : sql`true`} group by status`;
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Polls `check` (riding out the database being down) until it holds. */
async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  const failed = await sql<{ error: unknown }[]>`
    select error from runs where status not in ('succeeded', 'queued', 'running', 'waiting')`;
  throw new Error(
    `timed out waiting for ${what}; runs: ${JSON.stringify(await runCounts())}; ` +
      `errors: ${JSON.stringify(failed.map((r) => r.error))}`,
  );
}

/** Kills a random worker with SIGKILL every `everyMs` and starts a replacement, until stopped. */
function killWorkersPeriodically(everyMs: number) {
  let kills = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      await new Promise((r) => setTimeout(r, everyMs));
      if (stopped) break;
      const alive = workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);
      const victim = alive[Math.floor(Math.random() * alive.length)];
      if (victim) {
        victim.child.kill('SIGKILL');
        await victim.exited;
        kills++;
      }
      startWorker();
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return kills;
    },
  };
}

const connection = (type: string, name: string, values: Record<string, unknown>) =>
  call(base, 'POST', '/api/connections', { type, name, values });

function node(id: string, type: string, config: Record<string, unknown>) {
  return { id, type, typeVersion: 1, config };
}

function chain(ids: string[]) {
  return ids.slice(1).map((to, i) => ({
    from: { node: ids[i]!, port: i === 0 ? 'out' : ids[i] === 'sale' ? 'approved' : 'out' },
    to: { node: to, port: 'in' },
  }));
}

/** orders/create -> read order -> PayTrace sale -> keep its id on the order -> mark paid -> ledger. */
function orderFlow(shopifyId: string, paytraceId: string) {
  const orderRef = '"shopify-order-" & $string($trigger.body.id)';
  const ids = ['trigger', 'order', 'sale', 'keep', 'paid', 'customer', 'invoice', 'payment'];
  return {
    nodes: [
      node('trigger', 'trigger.shopify', {
        connectionId: shopifyId,
        topics: ['orders/create'],
        gatewayNames: ['PayTrace'],
      }),
      node('order', 'shopify.get-order', {
        connectionId: shopifyId,
        orderId: '=$string($trigger.body.id)',
      }),
      node('sale', 'paytrace.sale', {
        connectionId: paytraceId,
        source: { kind: 'vault', customerId: VAULT_CUSTOMER },
        amount: '=$node("order").total.minor',
        currency: 'USD',
        description: '="chaos-" & $string($trigger.body.id)',
      }),
      node('keep', 'shopify.set-metafields', {
        connectionId: shopifyId,
        ownerType: 'order',
        ownerId: '=$string($trigger.body.id)',
        paytrace: { transactionId: '=$string($node("sale").transactionId)' },
      }),
      node('paid', 'shopify.mark-paid', {
        connectionId: shopifyId,
        orderId: '=$string($trigger.body.id)',
      }),
      node('customer', 'erp.customer-upsert', {
        mapping: `{ "externalRef": "chaos-customer-" & $string($trigger.body.id), "name": "Chaos buyer " & $string($trigger.body.id) }`,
      }),
      node('invoice', 'erp.invoice-from-order', {
        mapping: `{
          "externalRef": ${orderRef},
          "customerRef": "chaos-customer-" & $string($trigger.body.id),
          "currency": $trigger.body.currency,
          "date": $substring($trigger.body.created_at, 0, 10),
          "lines": [$trigger.body.line_items.{ "description": title, "quantity": quantity, "unitAmount": price }],
          "tax": "0", "shipping": "0", "discount": "0"
        }`,
      }),
      node('payment', 'erp.payment-post', {
        mapping: `{
          "externalRef": "paytrace-" & $string($node("sale").transactionId),
          "invoiceRef": ${orderRef},
          "currency": "USD",
          "amount": $node("sale").amount.minor,
          "date": $substring($trigger.body.created_at, 0, 10)
        }`,
      }),
    ],
    edges: chain(ids),
  };
}

/** refunds/create -> read refund and order -> PayTrace refund of the sale -> credit memo. */
function refundFlow(shopifyId: string, paytraceId: string) {
  const ids = ['trigger', 'refund', 'order', 'ptrefund', 'memo'];
  return {
    nodes: [
      node('trigger', 'trigger.shopify', { connectionId: shopifyId, topics: ['refunds/create'] }),
      node('refund', 'shopify.get-refund', {
        connectionId: shopifyId,
        refundId: '=$string($trigger.body.id)',
      }),
      node('order', 'shopify.get-order', {
        connectionId: shopifyId,
        orderId: '=$string($trigger.body.order_id)',
      }),
      node('ptrefund', 'paytrace.refund', {
        connectionId: paytraceId,
        transactionId:
          '=$node("order").metafields[namespace = "paytrace" and key = "transaction_id"].value',
        amount: '=$node("refund").total.minor',
        currency: 'USD',
      }),
      node('memo', 'erp.credit-memo', {
        mapping: `{
          "externalRef": "shopify-refund-" & $string($trigger.body.id),
          "invoiceRef": "shopify-order-" & $string($trigger.body.order_id),
          "currency": "USD",
          "date": $substring($trigger.body.created_at, 0, 10),
          "lines": [{ "description": "Refund", "quantity": 1, "unitAmount": $node("refund").total.minor }],
          "refundAmount": $node("refund").total.minor
        }`,
      }),
    ],
    edges: ids.slice(1).map((to, i) => ({
      from: { node: ids[i]!, port: ids[i] === 'ptrefund' ? 'approved' : 'out' },
      to: { node: to, port: 'in' },
    })),
  };
}

beforeAll(async () => {
  pg = await startPrivatePostgres();
  paytrace = await startPaytraceSimulator({ port: 0 });
  // Webhooks refused while Postgres is down are retried within seconds, not Shopify's hours.
  shop = await startShopifySimulator({
    port: 0,
    settings: { retryScheduleSeconds: [1, 1, 2, 2, 3, 3, 5, 5, 5, 5, 5, 5] },
  });
  await createVaultCustomer(paytrace, VAULT_CUSTOMER);
  sql = openSql(pg.url, { max: 2 });
  api = spawnRuntime(['--role', 'api'], {
    DATABASE_URL: pg.url,
    PORT: '0',
    PAYBRIDGE_LOG_LEVEL: 'info',
  });
  base = (await api.waitFor(/Paybridge is running at (\S+)/))[1]!;
}, 90_000);
afterAll(async () => {
  for (const p of [api, ...workers]) if (p && p.child.exitCode === null) p.child.kill('SIGKILL');
  await sql?.end({ timeout: 1 }).catch(() => undefined);
  await shop?.close();
  await paytrace?.close();
  await pg?.stop();
});

describe('chaos: worker kill -9s and a Postgres restart under business flows', () => {
  it('charges, marks paid, books, refunds and credits each order exactly once', async () => {
    const paytraceId = await createPaytraceConnection(base, {
      requestTimeoutSeconds: 5,
      unknownOutcomeWaitSeconds: 2,
    });
    const store = await connection('shopify', 'Chaos store', {
      shopDomain: SHOPIFY_DEMO_CREDENTIALS.shopDomain,
      environment: 'simulator',
      accessToken: SHOPIFY_DEMO_CREDENTIALS.accessTokens[0],
      webhookSecret: SHOPIFY_DEMO_CREDENTIALS.webhookSecret,
    });
    expect(store.status, JSON.stringify(store.body)).toBe(201);
    const shopifyId = store.body.id as string;
    const orders = await call(base, 'POST', '/api/flows', {
      name: 'Chaos orders',
      graph: orderFlow(shopifyId, paytraceId),
      activate: true,
    });
    expect(orders.status, JSON.stringify(orders.body)).toBe(201);
    const refunds = await call(base, 'POST', '/api/flows', {
      name: 'Chaos refunds',
      graph: refundFlow(shopifyId, paytraceId),
      activate: true,
    });
    expect(refunds.status, JSON.stringify(refunds.body)).toBe(201);
    for (const topic of ['orders/create', 'refunds/create']) {
      shop.handle.subscribe(topic, `${base}/hooks/shopify/${shopifyId}`);
    }
    // Each sale takes a while at the gateway, so kills land mid-flight.
    paytrace.handle.setFault('/v1/transactions/sale/by_customer', { latencyMs: 100 });

    startWorker();
    startWorker();
    const chaos = killWorkersPeriodically(6000);
    const t0 = Date.now();
    const phase = (what: string) =>
      process.stdout.write(`chaos: ${what} at ${Date.now() - t0} ms\n`);

    const placed = Array.from(
      { length: ORDERS },
      (_, i) =>
        shop.handle.createOrder({
          gateway: 'PayTrace',
          email: `buyer${i}@example.com`,
          line_items: [
            { title: `Mug ${i}`, price: `${10 + (i % 7)}.${String(i).padStart(2, '0')}` },
          ],
        }).id,
    );
    const orderCount = async () =>
      (
        await sql<
          { n: number }[]
        >`select count(*)::int as n from runs where flow_id = ${orders.body.id}`
      )[0]!.n;
    await waitFor(async () => (await orderCount()) >= ORDERS / 3, 60_000, 'a third of the orders');
    await waitFor(
      async () => ((await runCounts(orders.body.id)).succeeded ?? 0) >= ORDERS / 5,
      60_000,
      'a fifth of the orders charged',
    );
    phase('restarting Postgres');
    await pg.restart(1500);
    phase('Postgres back');
    await waitFor(
      async () => ((await runCounts(orders.body.id)).succeeded ?? 0) === ORDERS,
      150_000,
      'every order to be processed',
    );

    phase('orders done');
    // Refunds need settled sales: close the batch, then refund every third order in Shopify.
    await simulatorCall(paytrace.url, '/v1/transactions/settle', {});
    const refundIds = new Map<string, string>();
    for (let i = 0; i < ORDERS; i++) {
      if (!refunded(i)) continue;
      const orderId = placed[i]!;
      const amount = i % 6 === 0 ? undefined : '5.00';
      const refund = shop.handle.createRefund(
        orderId,
        amount ? { amount } : { amount: `${10 + (i % 7)}.${String(i).padStart(2, '0')}` },
      );
      refundIds.set(refund.id, orderId);
    }
    await waitFor(
      async () => ((await runCounts(refunds.body.id)).succeeded ?? 0) === refundIds.size,
      120_000,
      'every refund to be processed',
    );
    phase('refunds done');
    const kills = await chaos.stop();
    phase(`${kills} worker kills`);
    expect(kills).toBeGreaterThan(0);

    // No run left behind, none failed, nothing dead-lettered.
    expect(await runCounts()).toEqual({ succeeded: ORDERS + refundIds.size });
    const [dead] = await sql<{ n: number }[]>`select count(*)::int as n from dead_letters`;
    expect(dead?.n).toBe(0);

    // PayTrace's own records: one sale per order, for the order's total; one refund per refund.
    const ptAll = [...paytrace.handle.state.transactions.values()];
    const sales = ptAll.filter((t) => t.type === 'SALE' && t.description.startsWith('chaos-'));
    const salesByOrder = new Map<string, typeof sales>();
    for (const t of sales) {
      const order = t.description.slice('chaos-'.length);
      salesByOrder.set(order, [...(salesByOrder.get(order) ?? []), t]);
    }
    expect([...salesByOrder].filter(([, list]) => list.length !== 1).map(([o]) => o)).toEqual([]);
    expect(new Set(salesByOrder.keys())).toEqual(new Set(placed));
    const ptRefunds = ptAll.filter((t) => t.type === 'REFUND');
    expect(ptRefunds).toHaveLength(refundIds.size);

    // Shopify's own records: each order paid once, carrying its PayTrace sale; refunds as made.
    for (const [i, orderId] of placed.entries()) {
      const order = shop.handle.state.orders.get(orderId)!;
      const payments = order.transactions.filter(
        (t) => (t.kind === 'sale' || t.kind === 'capture') && t.status === 'success',
      );
      expect(payments, `payments of order ${orderId}`).toHaveLength(1);
      const sale = salesByOrder.get(orderId)![0]!;
      expect(sale.amountCents).toBe(payments[0]!.amountMinor);
      const kept = [...shop.handle.state.metafields.values()].filter((m) => m.ownerId === orderId);
      expect(kept.map((m) => `${m.namespace}.${m.key}=${m.value}`)).toContain(
        `paytrace.transaction_id=${sale.id}`,
      );
      if (refunded(i)) {
        expect(sale.refundedCents).toBe(
          shop.handle.state.refunds.get(order.refundIds[0]!)!.valueMinor,
        );
      } else {
        expect(sale.refundedCents).toBe(0);
      }
    }

    // The ledger's documents: one invoice and one payment per order, one credit memo per refund.
    const invoices = (await call(base, 'GET', '/api/ledger/invoices?limit=500')).body.invoices;
    expect(invoices.map((d: any) => d.externalRef).sort()).toEqual(
      placed.map((id) => `shopify-order-${id}`).sort(),
    );
    const payments = (await call(base, 'GET', '/api/ledger/payments?limit=500')).body.payments;
    expect(payments).toHaveLength(ORDERS);
    expect(new Set(payments.map((p: any) => p.externalRef)).size).toBe(ORDERS);
    const memos = (await call(base, 'GET', '/api/ledger/credit-memos?limit=500')).body.creditMemos;
    expect(memos.map((d: any) => d.externalRef).sort()).toEqual(
      [...refundIds.keys()].map((id) => `shopify-refund-${id}`).sort(),
    );

    // No process died of a stray error: the API served throughout, killed workers were ours.
    expect(api.child.exitCode).toBeNull();
    expect(api.output()).not.toMatch(/uncaught exception/);
  }, 420_000);
});
