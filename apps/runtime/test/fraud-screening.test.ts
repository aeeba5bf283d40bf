/**
 * The Fraud screening template end to end in a sandbox runtime: installed through the API
 * against the simulator connections, driven by orders placed in the Shopify simulator (its
 * webhooks reach the runtime over HTTP), checked at PayTrace (authorized, captured, voided), in
 * the Shopify order (risk assessment, tag, cancellation) and in the review queue API.
 */
import { SHOPIFY_DEMO_CREDENTIALS } from '@paybridge/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSql, type Sql } from '../src/db/client';
import type { RuntimeHandle } from '../src/start-runtime';
import { call, freshDatabase, startTestRuntime, waitForRun } from './support';
import { placeSandboxOrder, SANDBOX_HOME, sandboxVaultCustomer } from './support/vault-customer';

let rt: RuntimeHandle;
let base: string;
let sql: Sql;
let flowId: string;

/** The order's risk as the Shopify admin shows it (GraphQL `Order.risk`). */
async function orderRisk(orderId: string) {
  const res = await fetch(`${base}/sandbox/shopify/admin/api/2025-10/graphql.json`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-shopify-access-token': SHOPIFY_DEMO_CREDENTIALS.accessTokens[0]!,
    },
    body: JSON.stringify({
      query: `query($id: ID!) { order(id: $id) { cancelledAt cancelReason tags
        risk { recommendation assessments { riskLevel facts { description sentiment } } } } }`,
      variables: { id: `gid://shopify/Order/${orderId}` },
    }),
  });
  return ((await res.json()) as any).data.order;
}

const transactions = async (): Promise<any[]> =>
  (await call(base, 'GET', '/sandbox/paytrace/__admin/transactions')).body.transactions;

let customers = 0;
/** A Shopify customer with a PayTrace vault profile (a card on file). */
async function vaultCustomer(email: string) {
  const vaultId = `fraud-vault-${++customers}`;
  return { id: await sandboxVaultCustomer(base, vaultId, email), vaultId };
}

async function placeOrder(
  customerId: string,
  price: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  return String((await placeSandboxOrder(base, customerId, price, extra)).id);
}

/** The run of the fraud flow for an order, once it reaches one of `until`. */
async function runFor(orderId: string, until = ['succeeded', 'failed']) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const [row] = await sql<{ id: string }[]>`
      select r.id from runs r join events e on e.id = r.event_id
      where r.flow_id = ${flowId} and e.payload->'body'->>'id' = ${orderId}`;
    if (row) return waitForRun(base, row.id, (r) => until.includes(r.status), 60_000);
    if (Date.now() > deadline) throw new Error(`no run for order ${orderId}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

const step = (run: any, nodeId: string) =>
  run.steps.find((s: any) => s.nodeId === nodeId && s.status === 'succeeded');
const ran = (run: any) =>
  new Set(run.steps.filter((s: any) => s.status === 'succeeded').map((s: any) => s.nodeId));

/** The authorization of an order (by its run) as PayTrace holds it now. */
async function authorizationOf(run: any) {
  const id = String(step(run, 'authorize').output.transactionId);
  return (await transactions()).find((t) => String(t.id) === id);
}

beforeAll(async () => {
  const url = await freshDatabase();
  rt = await startTestRuntime(url, { env: { PAYBRIDGE_SANDBOX: 'true' } });
  base = rt.url!;
  sql = openSql(url, { max: 2 });
  const connections = (await call(base, 'GET', '/api/connections')).body.connections;
  const installed = await call(base, 'POST', '/api/templates/fraud-screening/install', {
    connections: {
      shopify: connections.find((c: any) => c.type === 'shopify').id,
      paytrace: connections.find((c: any) => c.type === 'paytrace').id,
    },
    // A shop that looks at anything above the cleanest orders and blocks only the clearest fraud.
    parameters: { reviewAt: 3, highAt: 90 },
    activate: true,
  });
  expect(installed.status, JSON.stringify(installed.body)).toBe(201);
  flowId = installed.body.flows[0].id;
}, 120_000);
afterAll(async () => {
  await sql?.end();
  await rt?.stop();
});

describe('fraud screening template', () => {
  it('captures a clean returning customer’s order and writes its risk to Shopify', async () => {
    const ada = await vaultCustomer('ada.lovelace@acme.com');
    const first = await runFor(await placeOrder(ada.id, '48.00'));
    expect(first.status, JSON.stringify(first.error)).toBe('succeeded');
    const orderId = await placeOrder(ada.id, '52.00');
    const run = await runFor(orderId);
    expect(run.status).toBe('succeeded');
    const score = step(run, 'score').output;
    expect(score.level, JSON.stringify(score)).toBe('low');
    expect(ran(run).has('capture')).toBe(true);
    expect(ran(run).has('void')).toBe(false);
    const auth = await authorizationOf(run);
    expect(auth).toMatchObject({ type: 'AUTHORIZATION', captured: true, capturedCents: 5200 });
    const order = await orderRisk(orderId);
    expect(order.cancelledAt).toBeNull();
    expect(order.risk.assessments).toEqual([
      expect.objectContaining({ riskLevel: 'LOW', facts: expect.any(Array) }),
    ]);
  });

  it('holds or blocks a card-testing burst of 30 small orders from one IP: once declines pile up, nothing more is captured', async () => {
    // A tester's script: one attempt after another, each answered before the next.
    const runs = [];
    for (let i = 0; i < 30; i++) {
      // Each looks like a first order of an ordinary shopper: only the IP ties them together.
      // Card testers probe cards with tiny amounts; 0.51 is declined (insufficient funds).
      const tester = await vaultCustomer(`shopper.${i}.lee@gmail.com`);
      const home = { ...SANDBOX_HOME, address1: `${i + 3} Depot Rd` };
      const id = await placeOrder(tester.id, i % 2 === 1 ? '0.51' : '1.00', {
        browser_ip: '24.9.9.9',
        billing_address: home,
        shipping_address: home,
      });
      runs.push(await runFor(id, ['succeeded', 'failed', 'waiting']));
    }
    expect(runs.map((r) => r.status).filter((s) => s === 'failed')).toEqual([]);
    const levelOf = (r: any) => (step(r, 'score') ?? step(r, 'score-declined')).output.level;
    const approved = runs.filter((r) => step(r, 'authorize').output.status === 'approved');
    expect(approved).toHaveLength(15);
    // Every declined attempt is recorded as a failed attempt from the IP.
    const [failed] = await sql<{ n: number }[]>`
      select count(*)::int as n from fraud_attempts where ip_key = '24.9.9.9' and not approved`;
    expect(failed!.n).toBe(15);
    // The first one, with no history, looks clean and is captured; once the declines are on
    // record, none is: each of the later half goes to review or is blocked.
    expect(levelOf(approved[0])).toBe('low');
    expect(ran(approved[0]).has('capture')).toBe(true);
    const later = approved.slice(5);
    expect(later.map(levelOf).every((l) => l === 'elevated' || l === 'high')).toBe(true);
    expect(later.some((r) => levelOf(r) === 'high')).toBe(true);
    for (const r of later) {
      expect(ran(r).has('capture')).toBe(false);
      const auth = await authorizationOf(r);
      expect(auth.captured ?? false).toBe(false);
    }
    const high = later.find((r) => levelOf(r) === 'high');
    const reasons = step(high, 'score')
      .output.reasons.map((x: any) => x.text)
      .join(' | ');
    expect(reasons).toMatch(/declined payments? from this IP address/);
    // A blocked one is voided and cancelled for fraud, with its risk in Shopify.
    expect((await authorizationOf(high)).voided).toBe(true);
    const order = await orderRisk(String(high.trigger.body.id));
    expect(order.cancelReason).toBe('FRAUD');
    expect(order.risk.assessments[0].riskLevel).toBe('HIGH');
  }, 240_000);

  let riskyIps = 100;
  /** An order with a few mild risk signals: a new shipping address abroad, an IP elsewhere. */
  async function riskyOrder(tag: string) {
    const who = await vaultCustomer(`${tag}@example.com`);
    // Each held order ships to an address of its own: a second first order to the same address
    // with another card is a reshipper signal that scores high, depending on whether the two
    // orders fall in the same second (velocity counts earlier seconds only).
    const orderId = await placeOrder(who.id, '120.00', {
      browser_ip: `81.2.69.${++riskyIps}`,
      shipping_address: {
        ...SANDBOX_HOME,
        address1: `${6 + riskyIps} High St`,
        city: 'Leeds',
        zip: 'LS1 4DY',
        country: 'United Kingdom',
        country_code: 'GB',
      },
    });
    const run = await runFor(orderId, ['waiting', 'succeeded', 'failed']);
    expect(run.status, JSON.stringify(step(run, 'score')?.output)).toBe('waiting');
    const list = await call(base, 'GET', '/api/fraud/reviews?status=waiting');
    const review = list.body.reviews.find((r: any) => r.orderId === orderId);
    expect(review).toBeTruthy();
    const shopOrder = await orderRisk(orderId);
    expect(shopOrder.tags).toContain('fraud-review');
    expect(shopOrder.risk.assessments[0].riskLevel).toBe('MEDIUM');
    return { orderId, runId: run.id as string, review };
  }

  it('captures a held order exactly once when approved through the API, even approved twice', async () => {
    const { runId, review } = await riskyOrder('held-approve');
    const [one, two] = await Promise.all([
      call(base, 'POST', `/api/fraud/reviews/${review.id}/approve`, { note: 'Known customer' }),
      call(base, 'POST', `/api/fraud/reviews/${review.id}/approve`, {}),
    ]);
    expect([one.status, two.status].sort()).toEqual([200, 409]);
    const run = await waitForRun(
      base,
      runId,
      (r) => r.status === 'succeeded' || r.status === 'failed',
      30_000,
    );
    expect(run.status).toBe('succeeded');
    expect(ran(run).has('capture')).toBe(true);
    const auth = await authorizationOf(run);
    expect(auth).toMatchObject({ captured: true, capturedCents: 12000, voided: false });
    // One capture recorded for the order's business fact, one capture step run.
    expect(
      run.steps.filter((x: any) => x.nodeId === 'capture' && x.status === 'succeeded'),
    ).toHaveLength(1);
    const [effects] = await sql<{ n: number }[]>`
      select count(*)::int as n from effect_records
      where operation = 'capture' and business_key like ${`%:order:${run.trigger.body.id}%`}`;
    expect(effects!.n).toBe(1);
  });

  it('voids and cancels a held order when rejected through the API', async () => {
    const { orderId, runId, review } = await riskyOrder('held-reject');
    const res = await call(base, 'POST', `/api/fraud/reviews/${review.id}/reject`, {
      note: 'Reshipper address',
    });
    expect(res.status).toBe(200);
    const run = await waitForRun(
      base,
      runId,
      (r) => r.status === 'succeeded' || r.status === 'failed',
      30_000,
    );
    expect(run.status).toBe('succeeded');
    expect(ran(run).has('capture')).toBe(false);
    expect((await authorizationOf(run)).voided).toBe(true);
    const order = await orderRisk(orderId);
    expect(order.cancelledAt).not.toBeNull();
    expect(order.cancelReason).toBe('FRAUD');
  });
});
