import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeHandle } from '../src/start-runtime';
import {
  SANDBOX_PAYTRACE_CONNECTION,
  SANDBOX_SHOPIFY_CONNECTION,
} from '../src/sandbox/sandbox-connections';
import { protectToken } from './paytrace-support';
import { spawnRuntime } from './processes';
import { ADMIN_TOKEN, call, freshDatabase, startTestRuntime, waitForRun } from './support';

let on: RuntimeHandle;
let off: RuntimeHandle;

beforeAll(async () => {
  const db = await freshDatabase();
  // The sandbox runtime runs a worker too: its sale node must reach its own simulator.
  on = await startTestRuntime(db, { env: { PAYBRIDGE_SANDBOX: 'true' } });
  off = await startTestRuntime(db, { role: 'api' });
});
afterAll(async () => {
  await Promise.all([on?.stop(), off?.stop()]);
});

const token = (base: string) =>
  fetch(`${base}/sandbox/paytrace/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=password&username=demo-api-user&password=demo-api-password',
  });

describe('sandbox mode', () => {
  it('serves the PayTrace simulator at /sandbox/paytrace, outside the editor headers', async () => {
    const res = await token(on.url!);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { access_token?: string; expires_in?: number };
    expect(body.access_token).toBeTruthy();
    expect(body.expires_in).toBe(7200);
    expect(res.headers.get('content-security-policy')).toBeNull();
  });

  it('is off by default with an external database', async () => {
    expect((await token(off.url!)).status).toBe(404);
  });

  it('creates one ready PayTrace connection to the simulator, which charges a Protect.js token', async () => {
    const list = await call(on.url!, 'GET', '/api/connections');
    const sandbox = list.body.connections.filter((c: any) => c.type === 'paytrace');
    expect(sandbox).toHaveLength(1);
    expect(sandbox[0]).toMatchObject({
      name: SANDBOX_PAYTRACE_CONNECTION,
      values: { environment: 'simulator', username: 'demo-api-user', password: { set: true } },
    });
    const tested = await call(on.url!, 'POST', `/api/connections/${sandbox[0].id}/test`);
    expect(tested.body).toMatchObject({ ok: true });

    const hpf = await protectToken(`${on.url}/sandbox/paytrace`);

    const flow = await call(on.url!, 'POST', '/api/flows', {
      name: 'sandbox sale',
      activate: true,
      graph: {
        nodes: [
          { id: 'trigger', type: 'trigger.rest', typeVersion: 1, config: { path: 'sandbox/sale' } },
          {
            id: 'sale',
            type: 'paytrace.sale',
            typeVersion: 1,
            config: {
              connectionId: sandbox[0].id,
              source: { kind: 'protect', hpfToken: '=body.hpf_token', encKey: '=body.enc_key' },
              amount: 2599,
              currency: 'USD',
            },
          },
        ],
        edges: [{ from: { node: 'trigger', port: 'out' }, to: { node: 'sale', port: 'in' } }],
      },
    });
    expect(flow.status).toBe(201);
    const hook = await call(on.url!, 'POST', '/hooks/sandbox/sale', hpf, { authorization: '' });
    const run = await waitForRun(on.url!, hook.body.runId);
    const sale = run.steps.find((s: any) => s.nodeId === 'sale');
    expect(sale).toMatchObject({
      port: 'approved',
      output: {
        status: 'approved',
        amount: { minor: 2599, currency: 'USD' },
        cardLastFour: '5439',
      },
    });
  });

  it('serves a Shopify store whose webhooks start flows through the ready Shopify connection', async () => {
    const list = await call(on.url!, 'GET', '/api/connections?type=shopify');
    expect(list.body.connections).toHaveLength(1);
    const store = list.body.connections[0];
    expect(store).toMatchObject({
      name: SANDBOX_SHOPIFY_CONNECTION,
      values: { environment: 'simulator', accessToken: { set: true } },
    });
    expect((await call(on.url!, 'POST', `/api/connections/${store.id}/test`)).body).toMatchObject({
      ok: true,
    });
    const flow = await call(on.url!, 'POST', '/api/flows', {
      name: 'sandbox orders',
      activate: true,
      graph: {
        nodes: [
          {
            id: 'trigger',
            type: 'trigger.shopify',
            typeVersion: 1,
            config: {
              connectionId: store.id,
              topics: ['orders/create'],
              gatewayNames: ['PayTrace'],
            },
          },
          {
            id: 'shape',
            type: 'map',
            typeVersion: 1,
            config: { expression: '{ "order": body.id }' },
          },
        ],
        edges: [{ from: { node: 'trigger', port: 'out' }, to: { node: 'shape', port: 'in' } }],
      },
    });
    expect(flow.status).toBe(201);
    const placed = await fetch(`${on.url}/sandbox/shopify/__admin/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({
        gateway: 'PayTrace',
        line_items: [{ title: 'Mug', price: '12.50', quantity: 2 }],
      }),
    });
    expect(placed.status).toBe(201);
    const orderId = ((await placed.text()).match(/"id":\s*"?(\d+)/) ?? [])[1];
    expect(orderId).toBeTruthy();
    let run: any;
    for (let i = 0; i < 100 && !run; i++) {
      const runs = await call(on.url!, 'GET', `/api/runs?flowId=${flow.body.id}`);
      run = runs.body.runs[0];
      if (!run) await new Promise((r) => setTimeout(r, 100));
    }
    const done = await waitForRun(on.url!, run.id);
    expect(done.steps.find((s: any) => s.nodeId === 'shape').output).toEqual({ order: orderId });
  });

  it('does not create a second connection on the next start', async () => {
    const again = await startTestRuntime(new URL(on.databaseUrl).toString(), {
      role: 'api',
      env: { PAYBRIDGE_SANDBOX: 'true' },
    });
    try {
      const list = await call(again.url!, 'GET', '/api/connections');
      expect(list.body.connections.map((c: any) => c.type).sort()).toEqual(['paytrace', 'shopify']);
    } finally {
      await again.stop();
    }
  });
});

describe('sandbox exposure', () => {
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

  it('answers simulator admin routes to the runtime’s admins only; the emulated APIs stay open', async () => {
    const viewer = await call(on.url!, 'POST', '/api/tokens', {
      name: 'sim-viewer',
      role: 'viewer',
    });
    const routes: [string, string][] = [
      ['GET', '/sandbox/shopify/__admin/shop'],
      ['GET', '/sandbox/shopify/__admin/deliveries'],
      ['PATCH', '/sandbox/shopify/__admin/settings'],
      ['POST', '/sandbox/shopify/__admin/reset'],
      ['GET', '/sandbox/paytrace/__admin/faults'],
      ['POST', '/sandbox/paytrace/__admin/faults'],
      ['POST', '/sandbox/paytrace/__admin/reset'],
      ['GET', '/sandbox/paytrace/__admin/transactions'],
    ];
    for (const [method, path] of routes) {
      const anonymous = await fetch(`${on.url}${path}`, {
        method,
        body: method === 'GET' ? null : '{}',
      });
      expect(anonymous.status, `${method} ${path}`).toBe(401);
      const asViewer = await fetch(`${on.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${viewer.body.token}` },
        body: method === 'GET' ? null : '{}',
      });
      expect(asViewer.status, `${method} ${path}`).toBe(403);
    }
    const shop = await fetch(`${on.url}/sandbox/shopify/__admin/shop`, { headers: admin });
    expect(shop.status).toBe(200);
    // PayTrace's own API answers its demo credentials, as the real gateway would.
    expect((await token(on.url!)).status).toBe(200);
  });

  it('sends the store’s webhooks under the outbound policy: no loopback, no metadata', async () => {
    let hits = 0;
    const receiver = createServer((_req, res) => {
      hits++;
      res.end();
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    try {
      const port = (receiver.address() as AddressInfo).port;
      const targets = [
        `http://127.0.0.1:${port}/steal`,
        'http://169.254.169.254/latest/meta-data/',
      ];
      for (const address of targets) {
        const sub = await fetch(`${on.url}/sandbox/shopify/__admin/webhooks`, {
          method: 'POST',
          headers: { ...admin, 'content-type': 'application/json' },
          body: JSON.stringify({ topic: 'orders/create', address }),
        });
        expect(sub.status).toBe(201);
      }
      const placed = await fetch(`${on.url}/sandbox/shopify/__admin/orders`, {
        method: 'POST',
        headers: { ...admin, 'content-type': 'application/json' },
        body: JSON.stringify({ line_items: [{ title: 'Mug', price: '1.00', quantity: 1 }] }),
      });
      expect(placed.status).toBe(201);
      let attempts: { uri: string; error: string | null }[] = [];
      for (let i = 0; i < 100; i++) {
        const res = await fetch(`${on.url}/sandbox/shopify/__admin/deliveries`, { headers: admin });
        const { deliveries } = (await res.json()) as {
          deliveries: { uri: string; attempts: { error: string | null }[] }[];
        };
        attempts = deliveries
          .filter((d) => targets.includes(d.uri))
          .flatMap((d) => d.attempts.map((a) => ({ uri: d.uri, error: a.error })));
        if (new Set(attempts.map((a) => a.uri)).size === targets.length) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(new Set(attempts.map((a) => a.uri))).toEqual(new Set(targets));
      expect(attempts.every((a) => a.error === 'BLOCKED_ADDRESS')).toBe(true);
      expect(hits).toBe(0);
    } finally {
      await new Promise<void>((r) => receiver.close(() => r()));
    }
  });

  it('refuses sandbox mode on a HOST other machines reach unless PAYBRIDGE_SANDBOX=on', async () => {
    await expect(
      startTestRuntime(new URL(on.databaseUrl).toString(), {
        role: 'api',
        env: { PAYBRIDGE_SANDBOX: 'true', HOST: '0.0.0.0' },
      }),
    ).rejects.toThrow(/PAYBRIDGE_SANDBOX=on/);
    // The default sandbox of an embedded start, as a user starts it: exit 2 with the reason.
    const proc = spawnRuntime([], { HOST: '0.0.0.0', PORT: '0', DATABASE_URL: '' });
    expect((await proc.exited).code).toBe(2);
    expect(proc.output()).toMatch(/PAYBRIDGE_SANDBOX=on to expose them anyway/);
    expect(proc.output()).not.toMatch(/embedded Postgres started/);
  });
});
