/**
 * Charges per second through a PayTrace sale node, beside the same number of sale calls made
 * straight to the simulator with the same concurrency, in the same run. The simulator answers at
 * once (no added latency), so the ratio shows what Paybridge's durability costs per charge: the
 * event and run rows, the effect record claimed before and settled after the call, the
 * checkpoint, the queue.
 */
import { DEMO_CREDENTIALS, startPaytraceSimulator } from '@paybridge/sandbox';
import { openSql } from '../src/db/client';
import { spawnRuntime } from '../test/processes';

export interface ChargeBenchResult {
  charges: number;
  directPerS: number;
  paybridgePerS: number;
  /** Orders charged other than exactly once (must be 0). */
  notExactlyOnce: number;
  failedRuns: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- loosely read JSON answers of a benchmark
async function json(res: Response): Promise<any> {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`not JSON (${res.status}): ${text.slice(0, 200)}`);
  }
}

/** Runs `count` async tasks, `concurrency` at a time. */
async function pool(count: number, concurrency: number, task: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

export async function benchCharges(opts: {
  dbUrl: string;
  count: number;
  concurrency: number;
  token: string;
}): Promise<ChargeBenchResult> {
  const { dbUrl, count, concurrency, token } = opts;
  const sim = await startPaytraceSimulator({ port: 0 });
  try {
    const auth = await json(
      await fetch(`${sim.url}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'password',
          username: DEMO_CREDENTIALS.username,
          password: DEMO_CREDENTIALS.password,
        }),
      }),
    );
    const pt = (path: string, body: unknown) =>
      fetch(`${sim.url}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${auth.access_token as string}`,
        },
        body: JSON.stringify(body),
      }).then(json);
    const created = await pt('/v1/customer/create', {
      customer_id: 'bench-customer',
      credit_card: { number: '4012000098765439', expiration_month: '12', expiration_year: '2030' },
      billing_address: { name: 'Bench', zip: '85284' },
    });
    if (created.response_code !== 160) throw new Error(`vault: ${JSON.stringify(created)}`);

    // --- baseline: direct sale calls, same count and concurrency ------------------------
    const d0 = Date.now();
    await pool(count, concurrency, async (i) => {
      const r = await pt('/v1/transactions/sale/by_customer', {
        customer_id: 'bench-customer',
        amount: (1 + (i % 100) / 100).toFixed(2),
        invoice_id: `direct${i}`,
      });
      if (r.response_code !== 101) throw new Error(`direct sale: ${JSON.stringify(r)}`);
    });
    const directPerS = count / ((Date.now() - d0) / 1000);
    // --- Paybridge: orders queued through a REST trigger, then drained by a worker ---------
    const api = spawnRuntime(['--role', 'api'], {
      DATABASE_URL: dbUrl,
      PORT: '0',
      PAYBRIDGE_LOG_LEVEL: 'info',
      PAYBRIDGE_BOOTSTRAP_TOKEN: token,
    });
    const base = (await api.waitFor(/Paybridge is running at (http:\/\/\S+)/))[1]!;
    const call = async (method: string, path: string, body?: unknown) =>
      json(
        await fetch(`${base}${path}`, {
          method,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      );
    const connection = await call('POST', '/api/connections', {
      type: 'paytrace',
      name: 'bench simulator',
      values: {
        username: DEMO_CREDENTIALS.username,
        password: DEMO_CREDENTIALS.password,
        environment: 'simulator',
      },
    });
    const flow = await call('POST', '/api/flows', {
      name: 'bench charges',
      activate: true,
      graph: {
        nodes: [
          {
            id: 'trigger',
            type: 'trigger.rest',
            typeVersion: 1,
            // Charges are measured here, not ingress: no rate limit.
            config: { path: 'bench/charge', rateLimit: { perMinute: 0 } },
          },
          {
            id: 'sale',
            type: 'paytrace.sale',
            typeVersion: 1,
            config: {
              connectionId: connection.id,
              source: { kind: 'vault', customerId: 'bench-customer' },
              amount: '=body.cents',
              currency: 'USD',
              description: '=body.order',
            },
          },
        ],
        edges: [{ from: { node: 'trigger', port: 'out' }, to: { node: 'sale', port: 'in' } }],
      },
    });
    if (!flow.id) throw new Error(`flow: ${JSON.stringify(flow)}`);
    await pool(count, 16, async (i) => {
      const res = await fetch(`${base}/hooks/bench/charge`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ order: `order-${i}`, cents: 100 + (i % 100) }),
      });
      if (res.status !== 202) throw new Error(`hook: ${res.status}`);
      await res.arrayBuffer();
    });

    const db = openSql(dbUrl, { max: 2 });
    const p0 = Date.now();
    const worker = spawnRuntime(['--role', 'worker'], {
      DATABASE_URL: dbUrl,
      PAYBRIDGE_WORKER_CONCURRENCY: String(concurrency),
      PAYBRIDGE_PAYTRACE_SIMULATOR_URL: sim.url,
      PAYBRIDGE_LOG_LEVEL: 'warn',
    });
    let failedRuns = 0;
    for (;;) {
      const [row] = await db<{ left: number; failed: number }[]>`
        select count(*) filter (where status not in ('succeeded', 'failed'))::int as left,
               count(*) filter (where status = 'failed')::int as failed
        from runs`;
      if (row!.left === 0) {
        failedRuns = row!.failed;
        break;
      }
      if (worker.child.exitCode !== null) throw new Error(`worker exited:\n${worker.output()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const paybridgePerS = count / ((Date.now() - p0) / 1000);
    worker.child.kill('SIGTERM');
    await worker.exited;
    api.child.kill('SIGTERM');
    await api.exited;
    await db.end();

    const perOrder = new Map<string, number>();
    for (const t of sim.handle.state.transactions.values()) {
      if (t.type === 'SALE') perOrder.set(t.description, (perOrder.get(t.description) ?? 0) + 1);
    }
    let notExactlyOnce = 0;
    for (let i = 0; i < count; i++) if (perOrder.get(`order-${i}`) !== 1) notExactlyOnce++;
    return { charges: count, directPerS, paybridgePerS, notExactlyOnce, failedRuns };
  } finally {
    await sim.close();
  }
}
