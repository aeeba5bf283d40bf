/**
 * Copies of payment flows and declines nobody handles: an imported or duplicated flow arrives
 * inactive and named apart, activating a second flow on the same store and topic as an active
 * payment flow says so, and a decline with nothing wired ends the run as `declined` (listed,
 * counted), never `succeeded`.
 */
import { startPaytraceSimulator, type RunningPaytraceSimulator } from '@paybridge/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeHandle } from '../src/start-runtime';
import { createPaytraceConnection, createVaultCustomer, saleFlow } from './paytrace-support';
import { call, freshDatabase, startTestRuntime, waitForRun } from './support';

let sim: RunningPaytraceSimulator;
let rt: RuntimeHandle;
let base: string;
let paytrace: string;
let store: string;

beforeAll(async () => {
  sim = await startPaytraceSimulator({ port: 0 });
  await createVaultCustomer(sim, 'cust-safety');
  rt = await startTestRuntime(await freshDatabase(), {
    env: { PAYBRIDGE_PAYTRACE_SIMULATOR_URL: sim.url },
  });
  base = rt.url!;
  paytrace = await createPaytraceConnection(base);
  const shop = await call(base, 'POST', '/api/connections', {
    type: 'shopify',
    name: 'Demo store',
    values: {
      shopDomain: 'safety-demo.myshopify.com',
      accessToken: 'shpat_test',
      webhookSecret: 'whsec-safety',
    },
  });
  expect(shop.status).toBe(201);
  store = shop.body.id;
}, 60_000);
afterAll(async () => {
  await rt?.stop();
  await sim?.close();
});

/** Shopify order event -> PayTrace sale of the order's total, declines and errors handled. */
function orderFlow(topics: string[]) {
  return {
    nodes: [
      {
        id: 'trigger',
        type: 'trigger.shopify',
        typeVersion: 1,
        config: { connectionId: store, topics },
      },
      {
        id: 'charge',
        type: 'paytrace.sale',
        typeVersion: 1,
        config: {
          connectionId: paytrace,
          source: { kind: 'vault', customerId: 'cust-safety' },
          amount: 1000,
          currency: 'USD',
          description: '=body.name',
        },
      },
      { id: 'note', type: 'map', typeVersion: 1, config: { expression: '$' } },
    ],
    edges: [
      { from: { node: 'trigger', port: 'out' }, to: { node: 'charge', port: 'in' } },
      { from: { node: 'charge', port: 'declined' }, to: { node: 'note', port: 'in' } },
      { from: { node: 'charge', port: 'error' }, to: { node: 'note', port: 'in' } },
    ],
  };
}

describe('importing and duplicating flows', () => {
  let original: string;

  it('imports a copy of an active flow inactive, as "(copy)", whatever the file asks', async () => {
    const created = await call(base, 'POST', '/api/flows', {
      name: 'Charge orders',
      graph: orderFlow(['orders/create']),
      activate: true,
    });
    expect(created.status).toBe(201);
    expect(created.body.active).toBe(true);
    original = created.body.id;

    const file = {
      paybridge: 'flow',
      name: 'Charge orders',
      description: 'exported',
      graph: orderFlow(['orders/create']),
      activate: true,
      active: true,
    };
    const first = await call(base, 'POST', '/api/flows/import', file);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      name: 'Charge orders (copy)',
      description: 'exported',
      active: false,
      activeVersion: null,
      latestVersion: 1,
    });
    const second = await call(base, 'POST', '/api/flows/import', file);
    expect(second.body).toMatchObject({ name: 'Charge orders (copy 2)', active: false });

    const fresh = await call(base, 'POST', '/api/flows/import', { ...file, name: 'Refund orders' });
    expect(fresh.body).toMatchObject({ name: 'Refund orders', active: false });

    const list = await call(base, 'GET', '/api/flows');
    const active = list.body.flows.filter((f: any) => f.active).map((f: any) => f.id);
    expect(active).toEqual([original]);
  });

  it('refuses an invalid file with the graph problems, creating nothing', async () => {
    const before = (await call(base, 'GET', '/api/flows')).body.flows.length;
    const bad = await call(base, 'POST', '/api/flows/import', {
      name: 'Broken',
      graph: { nodes: [], edges: [] },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('FLOW_INVALID');
    const missing = await call(base, 'POST', '/api/flows/import', { graph: orderFlow([]) });
    expect(missing.status).toBe(400);
    expect((await call(base, 'GET', '/api/flows')).body.flows.length).toBe(before);
  });

  it('duplicates a flow inactive, with the latest graph and a "(copy)" name', async () => {
    const copy = await call(base, 'POST', `/api/flows/${original}/duplicate`);
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({ name: 'Charge orders (copy 3)', active: false });
    const source = await call(base, 'GET', `/api/flows/${original}`);
    expect(copy.body.version.graph).toEqual(source.body.version.graph);
    expect((await call(base, 'POST', `/api/flows/${crypto.randomUUID()}/duplicate`)).status).toBe(
      404,
    );
  });

  it('warns, naming the other flow, when a copy is activated on the same store and topic', async () => {
    const copy = await call(base, 'POST', '/api/flows/import', {
      name: 'Charge orders',
      graph: orderFlow(['orders/create', 'orders/paid']),
    });
    const activated = await call(base, 'POST', `/api/flows/${copy.body.id}/activate`);
    expect(activated.status).toBe(200);
    expect(activated.body.active).toBe(true);
    const overlap = activated.body.warnings.filter((w: string) => w.includes('Charge orders"'));
    expect(overlap).toHaveLength(1);
    expect(overlap[0]).toContain('"Charge orders" is also active on this Shopify store');
    expect(overlap[0]).toContain('orders/create');
    // The original, fetched now, names the copy in turn.
    const again = await call(base, 'GET', `/api/flows/${original}`);
    expect(again.body.warnings.join('\n')).toContain(`"${copy.body.name}" is also active`);

    // Another topic on the same store overlaps with nobody.
    const refunds = await call(base, 'POST', '/api/flows/import', {
      name: 'Refunds',
      graph: orderFlow(['refunds/create']),
    });
    const quiet = await call(base, 'POST', `/api/flows/${refunds.body.id}/activate`);
    expect(quiet.body.warnings.filter((w: string) => w.includes('also active'))).toEqual([]);
  });
});

describe('a decline with nothing wired to the declined port', () => {
  const notRunning = (r: any) => !['queued', 'running', 'waiting'].includes(r.status);

  it('is warned about on validate and activate, and ends the run as declined', async () => {
    const graph = saleFlow('declines', paytrace);
    const validated = await call(base, 'POST', '/api/flows/validate', { graph });
    expect(validated.body.ok).toBe(true);
    expect(validated.body.warnings.join('\n')).toMatch(/"sale".*"declined" port/);
    expect(validated.body.warnings.join('\n')).toMatch(/"sale".*"error" port/);

    const flow = await call(base, 'POST', '/api/flows', { name: 'Declines', graph });
    const activated = await call(base, 'POST', `/api/flows/${flow.body.id}/activate`);
    expect(activated.status).toBe(200);
    expect(activated.body.warnings.join('\n')).toMatch(/"sale".*"declined" port/);

    const post = (cents: number, order: string) =>
      call(
        base,
        'POST',
        '/hooks/declines',
        { order, customer: 'cust-safety', cents },
        { authorization: '' },
      );
    // 0.29 USD is the sandbox's "EXPIRED CARD" decline.
    const declinedId = (await post(29, 'order-declined')).body.runId;
    const approvedId = (await post(1500, 'order-approved')).body.runId;
    const declined = await waitForRun(base, declinedId, notRunning);
    const approved = await waitForRun(base, approvedId, notRunning);

    expect(approved.status).toBe('succeeded');
    expect(declined.status).toBe('declined');
    expect(declined.failedNodeId).toBe('sale');
    expect(declined.finishedAt).not.toBeNull();
    expect(declined.error).toMatchObject({ errorClass: 'business', code: 'DECLINED_UNHANDLED' });
    expect(declined.error.message).toContain('EXPIRED CARD');
    expect(declined.steps.at(-1)).toMatchObject({ nodeId: 'sale', port: 'declined' });

    const listed = await call(base, 'GET', `/api/runs?status=declined&flowId=${flow.body.id}`);
    expect(listed.status).toBe(200);
    expect(listed.body.runs.map((r: any) => r.id)).toEqual([declinedId]);
    const counts = await call(base, 'GET', `/api/runs/counts?flowId=${flow.body.id}`);
    expect(counts.status).toBe(200);
    expect(counts.body.counts).toMatchObject({ declined: 1, succeeded: 1, failed: 0, queued: 0 });
    // A decline is an outcome of the flow as built, not a failure waiting for a person.
    const dead = await call(base, 'GET', '/api/dead-letters');
    expect(dead.body.deadLetters.map((d: any) => d.runId)).not.toContain(declinedId);
    // Only failed runs are retried.
    expect((await call(base, 'POST', `/api/runs/${declinedId}/retry`)).status).toBe(409);
  });

  it('ends as succeeded when the flow handles the decline', async () => {
    const graph = saleFlow('declines-handled', paytrace);
    graph.nodes.push({
      id: 'tag',
      type: 'map',
      typeVersion: 1,
      config: { expression: '$' },
    } as never);
    graph.edges.push({ from: { node: 'sale', port: 'declined' }, to: { node: 'tag', port: 'in' } });
    const flow = await call(base, 'POST', '/api/flows', { name: 'Handled', graph, activate: true });
    expect(flow.status).toBe(201);
    const res = await call(
      base,
      'POST',
      '/hooks/declines-handled',
      { order: 'order-handled', customer: 'cust-safety', cents: 29 },
      { authorization: '' },
    );
    const run = await waitForRun(base, res.body.runId, notRunning);
    expect(run.status).toBe('succeeded');
  });
});
