/**
 * The hosted pay page end to end: a run issues a pay link and waits; the shopper's Protect.js
 * token (from the PayTrace simulator over HTTP) is posted to the page, which wakes the run and
 * answers with its outcome. One approved sale per order whatever happens on the page.
 */
import { startPaytraceSimulator, type RunningPaytraceSimulator } from '@paybridge/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSql, type Sql } from '../src/db/client';
import type { RuntimeHandle } from '../src/start-runtime';
import { dumpDatabase } from './db-dump';
import { createPaytraceConnection, protectToken, simulatorCall } from './paytrace-support';
import { call, freshDatabase, startTestRuntime, waitForRun } from './support';

let sim: RunningPaytraceSimulator;
let rt: RuntimeHandle;
let sql: Sql;
let base: string;
let connectionId: string;

beforeAll(async () => {
  sim = await startPaytraceSimulator({ port: 0 });
  const dbUrl = await freshDatabase();
  sql = openSql(dbUrl, { max: 2 });
  rt = await startTestRuntime(dbUrl, { env: { PAYBRIDGE_PAYTRACE_SIMULATOR_URL: sim.url } });
  base = rt.url!;
  connectionId = await createPaytraceConnection(base);
  const flow = await call(base, 'POST', '/api/flows', {
    name: 'pay by link',
    activate: true,
    graph: {
      nodes: [
        { id: 'trigger', type: 'trigger.rest', typeVersion: 1, config: { path: 'pay-order' } },
        {
          id: 'link',
          type: 'paytrace.pay-link',
          typeVersion: 1,
          config: {
            connectionId,
            orderRef: '=body.order',
            amount: '=body.cents',
            currency: 'USD',
            shopName: 'Lovelace & Co',
            lines: [{ title: 'Analytical engine', quantity: 1, amount: '=body.cents' }],
          },
        },
        {
          id: 'wait',
          type: 'paytrace.await-payment',
          typeVersion: 1,
          config: {
            connectionId,
            linkId: '=$node("link").linkId',
            vaultCustomerId: '=$trigger.body.customer',
            description: '=$trigger.body.order',
          },
        },
      ],
      edges: [
        { from: { node: 'trigger', port: 'out' }, to: { node: 'link', port: 'in' } },
        { from: { node: 'link', port: 'out' }, to: { node: 'wait', port: 'in' } },
      ],
    },
  });
  if (flow.status !== 201) throw new Error(`flow: ${JSON.stringify(flow.body)}`);
}, 60_000);
afterAll(async () => {
  await rt?.stop();
  await sql?.end();
  await sim?.close();
});

let orders = 0;

/** Places an order; returns its run id and pay link once the run waits for the payment. */
async function placeOrder(cents = 4200): Promise<{ runId: string; url: string; order: string }> {
  orders += 1;
  const order = `${Date.now()}${orders}`;
  const res = await call(
    base,
    'POST',
    '/hooks/pay-order',
    { order, cents, customer: `cust-${order}` },
    { authorization: '' },
  );
  expect(res.status).toBe(202);
  const runId = res.body.runId as string;
  const run = await waitForRun(base, runId, (r) => r.status === 'waiting');
  const link = run.steps.find((s: any) => s.nodeId === 'link');
  return { runId, url: link.output.url as string, order };
}

/** The simulator's sales for an order (its description). */
function salesOf(order: string) {
  return [...sim.handle.state.transactions.values()].filter(
    (t) => t.description === order && t.type === 'SALE',
  );
}

async function postTokens(url: string, tokens: Record<string, string>) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(tokens).toString(),
  });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

/** A token for a card that expired: the simulator declines it. */
async function expiredCardToken() {
  const { clientKey } = await simulatorCall(sim.url, '/v1/payment_fields/token/create', {});
  const res = await fetch(`${sim.url}/protect/tokenize`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      clientKey,
      number: '4012000098765439',
      expiration_month: '01',
      expiration_year: '2020',
      csc: '999',
    }),
  });
  return (await res.json()) as { hpf_token: string; enc_key: string };
}

describe('pay page', () => {
  it('shows the order under a strict policy, then a new shopper pays: one sale, a vault profile', async () => {
    const { runId, url, order } = await placeOrder(4200);
    expect(url.startsWith(`${base}/pay/`)).toBe(true);
    const page = await fetch(url);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('Lovelace &amp; Co');
    expect(html).toContain('$42.00');
    expect(html).toContain(`${sim.url}/protect/js/protect.min.js`);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src 'nonce-`);
    expect(csp).toContain(`frame-src ${sim.url}`);
    expect(csp).not.toContain('unsafe');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('set-cookie')).toBeNull();

    const paid = await postTokens(url, await protectToken(sim.url));
    expect(paid.status).toBe(200);
    expect(paid.text).toContain('data-testid="receipt"');
    expect(paid.text).toContain('Card ending in 5439');

    const run = await waitForRun(base, runId);
    expect(run.status).toBe('succeeded');
    const wait = run.steps.find((s: any) => s.nodeId === 'wait' && s.status === 'succeeded');
    expect(wait.port).toBe('approved');
    expect(wait.output).toMatchObject({
      status: 'approved',
      orderRef: order,
      amount: { minor: 4200, currency: 'USD' },
      cardLastFour: '5439',
      customerVaultId: `cust-${order}`,
    });
    const sales = salesOf(order);
    expect(sales.filter((t) => t.responseCode === 101)).toHaveLength(1);
    expect(String(sales[0]?.id)).toBe(wait.output.transactionId);
    expect(sim.handle.state.customers.get(`cust-${order}`)?.card.maskedNumber).toMatch(/5439$/);
    expect(paid.text).toContain(wait.output.transactionId);

    // The link is used: the page shows the receipt, a new post is refused.
    expect((await fetch(url)).status).toBe(200);
    expect((await postTokens(url, await protectToken(sim.url))).status).toBe(409);
    expect(salesOf(order)).toHaveLength(1);
    // The one-time tokens are gone once used.
    const [left] =
      await sql`select count(*)::int as n from pay_submissions where tokens is not null`;
    expect(left?.n).toBe(0);
  }, 60_000);

  it('keeps waiting after a decline; the retry on the same link is the one approved sale', async () => {
    const { runId, url, order } = await placeOrder(1999);
    // A token PayTrace refuses (stale, forged) is a failed try too, not the end of the wait.
    const refused = await postTokens(url, { hpf_token: 'stale-token', enc_key: 'stale-key' });
    expect(refused.status).toBe(402);
    expect(refused.text).toContain('data-testid="declined"');
    const declined = await postTokens(url, await expiredCardToken());
    expect(declined.status).toBe(402);
    expect(declined.text).toContain('EXPIRED CARD');
    expect(declined.text).toContain('id="pay-form"');
    // The run goes back to waiting on the same link.
    await waitForRun(base, runId, (r) => r.status === 'waiting');
    const again = await fetch(url);
    expect(again.status).toBe(402);
    expect(await again.text()).toContain('EXPIRED CARD');

    const paid = await postTokens(url, await protectToken(sim.url));
    expect(paid.status).toBe(200);
    expect(paid.text).toContain('data-testid="receipt"');
    const run = await waitForRun(base, runId);
    expect(run.status).toBe('succeeded');
    const sales = salesOf(order);
    expect(sales.map((t) => t.responseCode).sort()).toEqual([101, 102]);
    expect(new Set(sales.map((t) => t.invoiceId)).size).toBe(2);
  }, 60_000);

  it('charges once when two tabs submit at the same time', async () => {
    const { runId, url, order } = await placeOrder(3100);
    const tabs = [await protectToken(sim.url), await protectToken(sim.url)];
    const answers = await Promise.all(tabs.map((tokens) => postTokens(url, tokens)));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses[0]).toBe(200);
    expect([202, 409]).toContain(statuses[1]);
    await waitForRun(base, runId);
    expect(salesOf(order)).toHaveLength(1);
    expect(salesOf(order)[0]?.responseCode).toBe(101);
    const after = await fetch(url);
    expect(await after.text()).toContain('data-testid="receipt"');
  }, 60_000);

  it('leaves by "expired" once the link expires, and the page answers 410', async () => {
    const { runId, url, order } = await placeOrder(2500);
    // Fast-forward: the link's time is up, and the run's wake-up is due now.
    await sql`update pay_links set expires_at = now() - interval '1 second'
              where run_id = ${runId}`;
    await sql`update run_steps set resume_at = now() where run_id = ${runId} and status = 'suspended'`;
    await sql`select graphile_worker.add_job('run.execute', json_build_object('runId', ${runId}::text),
                job_key => 'run:' || ${runId}::text, job_key_mode => 'replace')`;
    const run = await waitForRun(base, runId);
    const wait = run.steps.find((s: any) => s.nodeId === 'wait' && s.status === 'succeeded');
    expect(wait.port).toBe('expired');
    expect(wait.output).toMatchObject({ status: 'expired', orderRef: order });
    const page = await fetch(url);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('expired');
    expect((await postTokens(url, await protectToken(sim.url))).status).toBe(410);
    expect(salesOf(order)).toHaveLength(0);
  }, 60_000);

  it('refuses tampered and truncated links', async () => {
    const { url } = await placeOrder(1500);
    const token = url.slice(url.lastIndexOf('/') + 1);
    const [kid, body, sig] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    const cheaper = Buffer.from(JSON.stringify({ ...claims, a: 1 })).toString('base64url');
    const tampered = await fetch(`${base}/pay/${kid}.${cheaper}.${sig}`);
    expect(tampered.status).toBe(403);
    expect(await tampered.text()).toContain('not valid');
    expect((await fetch(`${base}/pay/${kid}.${body}`)).status).toBe(400);
    const forged = await postTokens(`${base}/pay/${kid}.${cheaper}.${sig}`, {
      hpf_token: 'x',
      enc_key: 'y',
    });
    expect(forged.status).toBe(403);
  }, 60_000);

  it('limits the requests one link takes', async () => {
    const { url } = await placeOrder(1600);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await postTokens(url, {})).status);
    expect(statuses[0]).toBe(400);
    expect(statuses).toContain(429);
  }, 60_000);

  it('refuses a card number posted to the page and stores it nowhere', async () => {
    const { runId, url } = await placeOrder(1700);
    const card = '4111111111111111';
    const res = await postTokens(url, {
      card_number: card,
      cvv: '737',
      hpf_token: 'a',
      enc_key: 'b',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Card numbers are not accepted here');
    expect((await call(base, 'GET', `/api/runs/${runId}`)).body.status).toBe('waiting');
    const dump = await dumpDatabase(sql);
    expect(dump.tables).toContain('public.pay_submissions');
    expect(dump.text).not.toContain(card);
  }, 60_000);
});
