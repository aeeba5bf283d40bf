/**
 * Order to cash with its fraud screening option on, end to end in a sandbox runtime: installed
 * through the API with `fraudScreening: true`, driven by orders placed in the Shopify simulator
 * (webhooks over HTTP), checked at PayTrace (an authorization, never a sale; captured once or
 * voided), in the Shopify order (paid, or cancelled for fraud with a note), in the staff's mail
 * (a real SMTP server started here) and in the ERP ledger. A card-testing burst the gateway
 * approves is held or blocked by its velocity from one IP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestSmtpServer,
  type TestSmtpServer,
} from '../../../packages/nodes/src/notify/email/test-smtp-server';
import { openSql, type Sql } from '../src/db/client';
import type { RuntimeHandle } from '../src/start-runtime';
import { call, freshDatabase, startTestRuntime, waitForRun } from './support';
import { sandboxShopify } from './support/sandbox-shopify';
import { placeSandboxOrder, SANDBOX_HOME, sandboxVaultCustomer } from './support/vault-customer';
import { createSmtpConnection } from './support/smtp-connection';

const STAFF = 'fraud-desk@example.com';
let smtp: TestSmtpServer;
let rt: RuntimeHandle;
let base: string;
let sql: Sql;
let flowId: string;
let installedGraph: any;

const shop = (method: string, path: string, body?: unknown) =>
  sandboxShopify(base, method, path, body);
const shopifyOrder = async (id: string) => (await shop('GET', `/orders/${id}`)).body.order;
const transactions = async (): Promise<any[]> =>
  (await call(base, 'GET', '/sandbox/paytrace/__admin/transactions')).body.transactions;
/** PayTrace's transactions for a Shopify order, by the description the flow gives them. */
const transactionsOf = async (name: string) =>
  (await transactions()).filter((t) => t.description === `Shopify order ${name}`);

let customers = 0;
/** A Shopify customer with a PayTrace vault profile (a card on file). */
async function vaultCustomer(email: string) {
  return sandboxVaultCustomer(base, `o2c-fraud-vault-${++customers}`, email);
}

async function placeOrder(customerId: string, price: string, extra: Record<string, unknown> = {}) {
  return placeSandboxOrder(base, customerId, price, extra);
}

/** The run the order's webhook started, once it is in one of `until`. */
async function runFor(orderId: number, until = ['succeeded', 'failed']) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const [row] = await sql<{ id: string }[]>`
      select r.id from runs r join events e on e.id = r.event_id
      where r.flow_id = ${flowId} and e.payload->'body'->>'id' = ${String(orderId)}
      order by r.created_at limit 1`;
    if (row) return waitForRun(base, row.id, (r) => until.includes(r.status), 60_000);
    if (Date.now() > deadline) throw new Error(`no run for order ${orderId}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

const ran = (run: any) =>
  new Set(run.steps.filter((s: any) => s.status === 'succeeded').map((s: any) => s.nodeId));
const output = (run: any, nodeId: string) =>
  run.steps.find((s: any) => s.nodeId === nodeId && s.status === 'succeeded')?.output;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  const url = await freshDatabase();
  rt = await startTestRuntime(url, {
    env: { PAYBRIDGE_SANDBOX: 'true', PAYBRIDGE_HTTP_ALLOW_CIDRS: '127.0.0.1/32' },
  });
  base = rt.url!.replace(/\/$/, '');
  sql = openSql(url, { max: 2 });
  const connections = (await call(base, 'GET', '/api/connections')).body.connections;
  const mailId = await createSmtpConnection(base, smtp.port);
  const installed = await call(base, 'POST', '/api/templates/order-to-cash/install', {
    connections: {
      shopify: connections.find((c: any) => c.type === 'shopify').id,
      paytrace: connections.find((c: any) => c.type === 'paytrace').id,
      smtp: mailId,
    },
    parameters: { fraudScreening: true, staffEmail: STAFF },
    activate: true,
  });
  expect(installed.status, JSON.stringify(installed.body)).toBe(201);
  flowId = installed.body.flows[0].id;
  installedGraph = (await call(base, 'GET', `/api/flows/${flowId}`)).body;
}, 120_000);
afterAll(async () => {
  await sql?.end();
  await rt?.stop();
  await smtp?.close();
});

describe('order to cash with fraud screening', () => {
  it('installs the fraud-screening chain in place of the vault sale, with its review timeout', () => {
    const graph = installedGraph.graph ?? installedGraph.version?.graph;
    const nodes = new Map<string, any>(graph.nodes.map((n: any) => [n.id, n]));
    expect(nodes.has('sale')).toBe(false);
    for (const id of ['authorize', 'score', 'capture', 'void', 'cancel', 'hold', 'review'])
      expect(nodes.has(id), id).toBe(true);
    expect(nodes.get('review').config).toMatchObject({ timeoutHours: 72, onTimeout: 'reject' });
    expect(nodes.get('notify').config.to).toBe(STAFF);
  });

  it('captures a clean order once (replayed too), marks it paid and books it; nothing is sold', async () => {
    const customer = await vaultCustomer('ada.lovelace@acme.com');
    const order = await placeOrder(customer, '48.00');
    const run = await runFor(order.id);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(output(run, 'score').level, JSON.stringify(output(run, 'score'))).toBe('low');
    for (const id of ['authorize', 'capture', 'charge', 'paid', 'payment'])
      expect(ran(run).has(id), id).toBe(true);
    expect(ran(run).has('void')).toBe(false);
    expect((await shopifyOrder(String(order.id))).financial_status).toBe('paid');

    // A replay of the order's event runs the flow again: nothing more reaches PayTrace.
    const replay = await call(base, 'POST', `/api/runs/${run.id}/replay`);
    expect(replay.status, JSON.stringify(replay.body)).toBe(202);
    const again = await waitForRun(
      base,
      replay.body.runId,
      (r) => r.status === 'succeeded' || r.status === 'failed',
      60_000,
    );
    expect(again.status, JSON.stringify(again.error)).toBe('succeeded');
    const paytrace = await transactionsOf(order.name);
    expect(paytrace.map((t) => t.type)).toEqual(['AUTHORIZATION']);
    expect(paytrace[0]).toMatchObject({ captured: true, capturedCents: 4800 });
    const [captures] = await sql<{ n: number }[]>`
      select count(*)::int as n from effect_records
      where operation = 'capture' and business_key like ${`%:order:${order.id}%`}`;
    expect(captures!.n).toBe(1);
  }, 120_000);

  it('voids a high-risk order, cancels it in Shopify with a note and emails the staff', async () => {
    const customer = await vaultCustomer('x7q9z2k4@mailinator.com');
    const abroad = {
      ...SANDBOX_HOME,
      address1: '9 Rue de Forwarding',
      city: 'Lagos',
      province: 'Lagos',
      zip: '100001',
      country: 'Nigeria',
      country_code: 'NG',
    };
    const order = await placeOrder(customer, '1899.00', {
      browser_ip: '41.58.0.9',
      shipping_address: abroad,
      line_items: [{ title: 'Gift card', price: '474.75', quantity: 4, sku: 'GIFT-500' }],
      shipping_lines: [{ title: 'Express overnight', price: '0.00', code: 'EXPRESS' }],
    });
    const run = await runFor(order.id);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    const score = output(run, 'score');
    expect(score.level, JSON.stringify(score)).toBe('high');
    expect(ran(run).has('capture')).toBe(false);
    expect(ran(run).has('paid')).toBe(false);
    const [auth] = await transactionsOf(order.name);
    expect(auth).toMatchObject({ type: 'AUTHORIZATION', voided: true });
    expect(auth.captured ?? false).toBe(false);
    const shopOrder = await shopifyOrder(String(order.id));
    expect(shopOrder.cancelled_at).not.toBeNull();
    expect(shopOrder.cancel_reason).toBe('fraud');
    const mail = await (async () => {
      const until = Date.now() + 20_000;
      for (;;) {
        const m = smtp.messages.find((x) => x.recipients.includes(STAFF));
        if (m || Date.now() > until) return m;
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    expect(mail?.header('subject')).toBe(`Fraud screening cancelled order ${order.name}`);
    // Nothing was charged: the ledger booked no payment for it.
    const [payments] = await sql<{ n: number }[]>`
      select count(*)::int as n from effect_records
      where operation in ('capture', 'sale') and business_key like ${`%:order:${order.id}%`}`;
    expect(payments!.n).toBe(0);
  }, 120_000);

  it('holds or blocks a card-testing burst of 30 small orders from one IP the gateway approves', async () => {
    // A tester's script with cards that work: every authorization approved, AVS and CSC as for
    // any shopper; only the velocity from one IP ties the orders together.
    const runs = [];
    for (let i = 0; i < 30; i++) {
      const tester = await vaultCustomer(`burst.${i}.lee@gmail.com`);
      const home = { ...SANDBOX_HOME, address1: `${i + 3} Depot Rd` };
      const order = await placeOrder(tester, '1.00', {
        browser_ip: '24.7.7.7',
        billing_address: home,
        shipping_address: home,
      });
      runs.push(await runFor(order.id, ['succeeded', 'failed', 'waiting']));
    }
    expect(runs.map((r) => r.status).filter((s) => s === 'failed')).toEqual([]);
    expect(runs.every((r) => output(r, 'authorize')?.status === 'approved')).toBe(true);
    const levels = runs.map((r) => output(r, 'score').level);
    expect(levels[0]).toBe('low');
    const later = runs.slice(5);
    expect(later.map((r) => output(r, 'score').level).every((l) => l !== 'low')).toBe(true);
    expect(later.some((r) => output(r, 'score').level === 'high')).toBe(true);
    // None of the later ones was captured or booked: held for review, or voided and cancelled.
    for (const r of later) {
      expect(ran(r).has('capture')).toBe(false);
      expect(ran(r).has('paid')).toBe(false);
    }
    const high = later.find((r) => output(r, 'score').level === 'high')!;
    const [auth] = await transactionsOf(high.trigger.body.name);
    expect(auth).toMatchObject({ type: 'AUTHORIZATION', voided: true });
    expect(
      output(high, 'score')
        .reasons.map((x: any) => x.text)
        .join(' | '),
    ).toMatch(/payment attempts from this IP address or with this card in the last hour/);
  }, 240_000);
});
