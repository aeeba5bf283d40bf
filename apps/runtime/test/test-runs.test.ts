/**
 * Test runs ("Execute previous nodes" in the editor) never charge by surprise: a live PayTrace
 * connection is sent to the built-in simulator unless an operator confirms live calls, and what
 * a test run did against the simulator never stands in for a real run's charge. "Live" PayTrace
 * here is a second simulator behind a local server that records every request it is sent.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startPaytraceSimulator, type RunningPaytraceSimulator } from '@paybridge/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeHandle } from '../src/start-runtime';
import { createPaytraceConnection, createVaultCustomer } from './paytrace-support';
import { call, freshDatabase, restFlow, startTestRuntime, waitForRun } from './support';

const CUSTOMER = 'cust-test-runs';

let builtIn: RunningPaytraceSimulator;
let live: RunningPaytraceSimulator;
let recorder: Server;
/** Every request the "live" PayTrace received, as `METHOD /path`. */
const liveCalls: string[] = [];
let rt: RuntimeHandle;
let base: string;
let liveConnection: string;
let flowId: string;

/** Forwards to the "live" simulator, recording each request. */
function startRecorder(target: string): Promise<Server> {
  const server = createServer((req: IncomingMessage, res) => {
    liveCalls.push(`${req.method} ${req.url}`);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([k]) => !['host', 'content-length'].includes(k)),
      ) as Record<string, string>;
      fetch(`${target}${req.url}`, {
        method: req.method!,
        headers,
        ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
      })
        .then(async (answer) => {
          res.writeHead(answer.status, {
            'content-type': answer.headers.get('content-type') ?? 'application/json',
          });
          res.end(Buffer.from(await answer.arrayBuffer()));
        })
        .catch(() => {
          res.writeHead(502);
          res.end();
        });
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

beforeAll(async () => {
  builtIn = await startPaytraceSimulator({ port: 0 });
  live = await startPaytraceSimulator({ port: 0 });
  await createVaultCustomer(builtIn, CUSTOMER);
  await createVaultCustomer(live, CUSTOMER);
  recorder = await startRecorder(live.url);
  rt = await startTestRuntime(await freshDatabase(), {
    env: {
      PAYBRIDGE_PAYTRACE_SIMULATOR_URL: builtIn.url,
      PAYBRIDGE_HTTP_ALLOW_CIDRS: '127.0.0.1/32',
    },
  });
  base = rt.url!;
  const port = (recorder.address() as AddressInfo).port;
  liveConnection = await createPaytraceConnection(base, {
    environment: 'custom',
    baseUrl: `http://127.0.0.1:${port}`,
    requestTimeoutSeconds: 5,
  });
  const created = await call(base, 'POST', '/api/flows', {
    name: 'order charge',
    graph: restFlow(
      'test-runs',
      [
        {
          id: 'sale',
          type: 'paytrace.sale',
          config: {
            connectionId: liveConnection,
            source: { kind: 'vault', customerId: CUSTOMER },
            amount: 1999,
            currency: 'USD',
            description: '="order-" & $trigger.body.id',
          },
        },
        {
          id: 'after',
          type: 'map',
          config: { expression: '{"charged": $node("sale").transactionId}' },
        },
      ],
      [
        ['trigger', 'sale'],
        ['sale', 'after', 'approved'],
      ],
    ),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  flowId = created.body.id;
}, 90_000);

afterAll(async () => {
  await rt?.stop();
  await new Promise((r) => recorder?.close(r));
  await builtIn?.close();
  await live?.close();
});

const id19 = () => `8${String(Date.now()).slice(-9)}${String(Math.random()).slice(2, 11)}`;

/** A Shopify order as a run by hand carries it: the business reference is its id. */
const orderPayload = (orderId: string) => ({
  body: { id: orderId, admin_graphql_api_id: `gid://shopify/Order/${orderId}`, line_items: [] },
});

const salesFor = (sim: RunningPaytraceSimulator, orderId: string) =>
  [...sim.handle.state.transactions.values()].filter((t) => t.description === `order-${orderId}`);

async function run(body: Record<string, unknown>) {
  const started = await call(base, 'POST', `/api/flows/${flowId}/run`, body);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  return waitForRun(base, started.body.runId, undefined, 60_000);
}

const saleStep = (r: any) => r.steps.filter((s: any) => s.nodeId === 'sale').at(-1);

describe('test runs up to a PayTrace sale', () => {
  it('charge the simulator, not live PayTrace; a later real run of the order still charges once', async () => {
    const order = id19();
    const test = await run({ payload: orderPayload(order), stopAfter: 'sale', test: true });
    expect(test.status).toBe('succeeded');
    expect(test.test).toBe('simulator');
    expect(test.steps.map((s: any) => s.nodeId)).toEqual(['trigger', 'sale']);
    expect(saleStep(test).port).toBe('approved');
    expect(liveCalls).toEqual([]);
    expect(salesFor(builtIn, order)).toHaveLength(1);
    expect(salesFor(live, order)).toHaveLength(0);

    const listed = await call(base, 'GET', `/api/runs?flowId=${flowId}`);
    expect(listed.status).toBe(200);
    expect(listed.body.runs.find((r: any) => r.id === test.id).test).toBe('simulator');

    // The real run must not take the simulated charge for its own.
    const real = await run({ payload: orderPayload(order) });
    expect(real.status).toBe('succeeded');
    expect(real.test).toBeNull();
    expect(saleStep(real).output.origin).toBe('gateway');
    expect(salesFor(live, order)).toHaveLength(1);
    expect(liveCalls.some((c) => c.includes('/v1/transactions/sale'))).toBe(true);

    // And the order is still charged once, whatever comes next.
    const again = await run({ payload: orderPayload(order) });
    expect(saleStep(again).output.origin).toBe('ledger');
    expect(salesFor(live, order)).toHaveLength(1);
  }, 90_000);

  it('call live PayTrace when live calls are confirmed, and that charge counts as the order’s', async () => {
    const order = id19();
    liveCalls.length = 0;
    const test = await run({
      payload: orderPayload(order),
      stopAfter: 'sale',
      test: true,
      liveCalls: 'confirmed',
    });
    expect(test.status).toBe('succeeded');
    expect(test.test).toBe('live');
    expect(liveCalls.some((c) => c.includes('/v1/transactions/sale'))).toBe(true);
    expect(salesFor(live, order)).toHaveLength(1);
    expect(salesFor(builtIn, order)).toHaveLength(0);

    const real = await run({ payload: orderPayload(order) });
    expect(saleStep(real).output.origin).toBe('ledger');
    expect(salesFor(live, order)).toHaveLength(1);
  }, 90_000);

  it('refuses live calls on a run that is not a test run', async () => {
    const res = await call(base, 'POST', `/api/flows/${flowId}/run`, {
      payload: orderPayload(id19()),
      liveCalls: 'confirmed',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('LIVE_CALLS_WITHOUT_TEST');
  });
});

describe('replays of test runs', () => {
  it('are test runs again: the simulator is charged, never live PayTrace, up to the same node', async () => {
    const order = id19();
    liveCalls.length = 0;
    const test = await run({ payload: orderPayload(order), stopAfter: 'sale', test: true });
    expect(test.test).toBe('simulator');

    const replay = await call(base, 'POST', `/api/runs/${test.id}/replay`, {});
    expect(replay.status, JSON.stringify(replay.body)).toBe(202);
    expect(replay.body.test).toBe('simulator');
    const replayed = await waitForRun(base, replay.body.runId, undefined, 60_000);
    expect(replayed.status).toBe('succeeded');
    expect(replayed.test).toBe('simulator');
    expect(replayed.stopAfter).toBe('sale');
    expect(replayed.steps.map((s: any) => s.nodeId)).toEqual(['trigger', 'sale']);
    expect(liveCalls).toEqual([]);
    expect(salesFor(live, order)).toHaveLength(0);
    expect(salesFor(builtIn, order)).toHaveLength(2);

    // The runs list says so, beside the run it replays.
    const listed = await call(base, 'GET', `/api/runs?flowId=${flowId}`);
    expect(listed.body.runs.find((r: any) => r.id === replayed.id).test).toBe('simulator');

    // A real run of the order afterwards is not fooled by either simulated charge.
    const real = await run({ payload: orderPayload(order) });
    expect(saleStep(real).output.origin).toBe('gateway');
    expect(salesFor(live, order)).toHaveLength(1);
  }, 90_000);

  it('call live PayTrace again only when the replay confirms it', async () => {
    const order = id19();
    liveCalls.length = 0;
    const test = await run({
      payload: orderPayload(order),
      stopAfter: 'sale',
      test: true,
      liveCalls: 'confirmed',
    });
    expect(test.test).toBe('live');
    const calledLive = liveCalls.length;

    // Confirmed for the first run, not for its replay: the replay goes to the simulator.
    const replay = await call(base, 'POST', `/api/runs/${test.id}/replay`, {});
    expect(replay.status, JSON.stringify(replay.body)).toBe(202);
    const replayed = await waitForRun(base, replay.body.runId, undefined, 60_000);
    expect(replayed.test).toBe('simulator');
    expect(liveCalls).toHaveLength(calledLive);
    expect(salesFor(builtIn, order)).toHaveLength(1);

    const confirmed = await call(base, 'POST', `/api/runs/${test.id}/replay`, {
      liveCalls: 'confirmed',
    });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(202);
    const again = await waitForRun(base, confirmed.body.runId, undefined, 60_000);
    expect(again.test).toBe('live');
    // Live and keyed like any run: it finds the order's charge and charges nothing twice.
    expect(saleStep(again).output.origin).toBe('ledger');
    expect(salesFor(live, order)).toHaveLength(1);

    const real = await run({ payload: orderPayload(order) });
    const refused = await call(base, 'POST', `/api/runs/${real.id}/replay`, {
      liveCalls: 'confirmed',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('LIVE_CALLS_WITHOUT_TEST');
  }, 90_000);

  it('are test runs again when replayed in bulk', async () => {
    const order = id19();
    liveCalls.length = 0;
    const test = await run({ payload: orderPayload(order), stopAfter: 'sale', test: true });
    const bulk = await call(base, 'POST', '/api/runs/bulk', {
      action: 'replay',
      runIds: [test.id],
    });
    expect(bulk.status, JSON.stringify(bulk.body)).toBe(202);
    let progress: any;
    for (let i = 0; i < 300 && !progress?.done; i++) {
      await new Promise((r) => setTimeout(r, 100));
      progress = (await call(base, 'GET', `/api/runs/bulk/${bulk.body.operationId}`)).body;
    }
    expect(progress, JSON.stringify(progress)).toMatchObject({ accepted: 1, rejected: 0 });
    const original = await call(base, 'GET', `/api/runs/${test.id}`);
    const child = original.body.related.find((r: any) => r.relation === 'child');
    const replayed = await waitForRun(base, child.id, undefined, 60_000);
    expect(replayed.test).toBe('simulator');
    expect(replayed.stopAfter).toBe('sale');
    expect(liveCalls).toEqual([]);
    expect(salesFor(live, order)).toHaveLength(0);
  }, 90_000);
});

describe('test runs and live Shopify writes', () => {
  it('refuse with 422 naming the node that would write to the live store, unless confirmed', async () => {
    const shop = await call(base, 'POST', '/api/connections', {
      type: 'shopify',
      name: 'Real store',
      values: {
        shopDomain: 'real-store.myshopify.com',
        accessToken: 'shpat_live',
        webhookSecret: 'whsec-real-store',
      },
    });
    expect(shop.status, JSON.stringify(shop.body)).toBe(201);
    const created = await call(base, 'POST', '/api/flows', {
      name: 'mark paid',
      graph: {
        ...restFlow(
          'test-runs-shopify',
          [
            { id: 'shape', type: 'map', config: { expression: '{"order": $trigger.body.id}' } },
            {
              id: 'paid',
              type: 'shopify.mark-paid',
              config: { connectionId: shop.body.id, orderId: '=$trigger.body.id' },
            },
          ],
          [
            ['trigger', 'shape'],
            ['shape', 'paid'],
          ],
        ),
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;

    const refused = await call(base, 'POST', `/api/flows/${id}/run`, {
      payload: orderPayload(id19()),
      stopAfter: 'paid',
      test: true,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('LIVE_CALLS_UNCONFIRMED');
    expect(refused.body.error.message).toContain(
      'node "paid" writes to the live Shopify connection "Real store"',
    );

    // Up to the node before it nothing writes: the test run goes ahead.
    const before = await run2(id, {
      payload: orderPayload(id19()),
      stopAfter: 'shape',
      test: true,
    });
    expect(before.status).toBe('succeeded');
    expect(before.test).toBe('simulator');
  }, 60_000);
});

async function run2(id: string, body: Record<string, unknown>) {
  const started = await call(base, 'POST', `/api/flows/${id}/run`, body);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  return waitForRun(base, started.body.runId, undefined, 60_000);
}
