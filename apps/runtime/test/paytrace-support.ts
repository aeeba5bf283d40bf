import { DEMO_CREDENTIALS, type RunningPaytraceSimulator } from '@paybridge/sandbox';
import { call, waitForRun } from './support';

/** Test card of PayTrace's sandbox; only ever sent to the simulator, never through Paybridge. */
export const TEST_CARD = '4012000098765439';
export const TEST_CSC = '999';

/** Calls the simulator directly, the way a merchant's own back office would. */
export async function simulatorCall(
  simUrl: string,
  path: string,
  body: Record<string, unknown>,
): Promise<any> {
  const token = await fetch(`${simUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      username: DEMO_CREDENTIALS.username,
      password: DEMO_CREDENTIALS.password,
    }),
  }).then((r) => r.json() as Promise<{ access_token: string }>);
  const res = await fetch(`${simUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token.access_token}` },
    body: JSON.stringify(body),
  });
  return res.json();
}

/** A vault profile holding the test card, created straight at the simulator. */
export async function createVaultCustomer(
  sim: RunningPaytraceSimulator,
  customerId: string,
): Promise<void> {
  const answer = await simulatorCall(sim.url, '/v1/customer/create', {
    customer_id: customerId,
    credit_card: { number: TEST_CARD, expiration_month: '12', expiration_year: '2030' },
    billing_address: { name: 'Ada Lovelace', street_address: '1 Main St', zip: '85284' },
  });
  if (answer.response_code !== 160) throw new Error(`vault create: ${JSON.stringify(answer)}`);
}

/** Creates a PayTrace connection to a standalone simulator (environment "simulator"). */
export async function createPaytraceConnection(
  base: string,
  values: Record<string, unknown> = {},
): Promise<string> {
  const res = await call(base, 'POST', '/api/connections', {
    type: 'paytrace',
    name: `PayTrace ${Math.random().toString(36).slice(2, 8)}`,
    values: {
      username: DEMO_CREDENTIALS.username,
      password: DEMO_CREDENTIALS.password,
      integratorId: DEMO_CREDENTIALS.integratorId,
      environment: 'simulator',
      ...values,
    },
  });
  if (res.status !== 201) throw new Error(`connection create: ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/**
 * trigger.rest (async, at `path`) -> paytrace.sale charging the vault customer `body.customer`
 * for `body.cents`, described as `body.order` so the simulator's records name the order.
 */
export function saleFlow(
  path: string,
  connectionId: string,
  retry?: { initialDelayMs?: number; maxDelayMs?: number; maxAttempts?: number },
) {
  return {
    nodes: [
      { id: 'trigger', type: 'trigger.rest', typeVersion: 1, config: { path } },
      {
        id: 'sale',
        type: 'paytrace.sale',
        typeVersion: 1,
        config: {
          connectionId,
          source: { kind: 'vault', customerId: '=body.customer' },
          amount: '=body.cents',
          currency: 'USD',
          description: '=body.order',
        },
        ...(retry ? { retry } : {}),
      },
    ],
    edges: [{ from: { node: 'trigger', port: 'out' }, to: { node: 'sale', port: 'in' } }],
  };
}

/** Posts one order per id to the flow's hook; returns the run ids in order. */
export async function postOrders(
  base: string,
  path: string,
  orders: { order: string; customer: string; cents: number }[],
): Promise<string[]> {
  const runIds: string[] = [];
  // Ten at a time: concurrent like a real burst, without a 200-socket spike on 2 cores.
  for (let i = 0; i < orders.length; i += 10) {
    const batch = await Promise.all(
      orders
        .slice(i, i + 10)
        .map((o) => call(base, 'POST', `/hooks/${path}`, o, { authorization: '' })),
    );
    for (const res of batch) {
      if (res.status !== 202) throw new Error(`hook: ${res.status} ${JSON.stringify(res.body)}`);
      runIds.push(res.body.runId as string);
    }
  }
  return runIds;
}

/** Waits until every run has finished; returns them. */
export async function waitForRuns(base: string, runIds: string[], timeoutMs = 120_000) {
  const runs = [];
  for (const id of runIds) runs.push(await waitForRun(base, id, undefined, timeoutMs));
  return runs;
}

/**
 * A card entered in the simulator's hosted Protect.js fields: the one-time `hpf_token` and
 * `enc_key` a checkout page would post to the merchant. The card goes to the simulator only.
 */
export async function protectToken(
  simUrl: string,
  card: { number?: string; csc?: string } = {},
): Promise<{ hpf_token: string; enc_key: string }> {
  const { clientKey } = await simulatorCall(simUrl, '/v1/payment_fields/token/create', {});
  const res = await fetch(`${simUrl}/protect/tokenize`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      clientKey,
      number: card.number ?? TEST_CARD,
      expiration_month: '12',
      expiration_year: '2030',
      csc: card.csc ?? TEST_CSC,
    }),
  });
  const body = (await res.json()) as { hpf_token?: string; enc_key?: string };
  if (!body.hpf_token || !body.enc_key) throw new Error(`tokenize: ${JSON.stringify(body)}`);
  return { hpf_token: body.hpf_token, enc_key: body.enc_key };
}
