/**
 * The Settlement reconciliation template's fee statement setting, installed through the API and
 * run on demand over real HTTP: without a URL the download step is left out and fees come from
 * the schedule alone (no fee differences can be told); with the URL of the processor's fee
 * statement (the PayTrace simulator's export) the flow downloads it before reconciling, so the
 * fees the processor really charged are compared and every injected fee difference is reported.
 */
import {
  startPaytraceSimulator,
  startShopifySimulator,
  type DayManifest,
  type RunningPaytraceSimulator,
  type RunningShopifySimulator,
} from '@paybridge/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeHandle } from '../src/start-runtime';
import { createPaytraceConnection } from './paytrace-support';
import { call, freshDatabase, startTestRuntime, waitForRun } from './support';
import { createShopifyConnection } from './support/shopify-connection';
import { generateDay } from './support/settlement-day';

const DAY = '2026-03-10';
const FEE_DIFFERENCES = 3;

let rt: RuntimeHandle;
let base: string;
let paytrace: RunningPaytraceSimulator;
let shopify: RunningShopifySimulator;
let manifest: DayManifest;
let storeId: string;

/** Installs the template for a PayTrace connection of its own, active; answers the flow. */
async function install(parameters: Record<string, unknown>) {
  const installed = await call(base, 'POST', '/api/templates/settlement-reconciliation/install', {
    connections: { paytrace: await createPaytraceConnection(base), shopify: storeId },
    parameters: { timeZone: 'UTC', ...parameters },
    activate: true,
  });
  expect(installed.status, JSON.stringify(installed.body)).toBe(201);
  const flow = await call(base, 'GET', `/api/flows/${installed.body.flows[0].id}`);
  return flow.body as { id: string; version: { graph: { nodes: any[]; edges: any[] } } };
}

/** Reconciles `day` with the flow on demand; answers the fee differences then open that day. */
async function reconcile(flowId: string, day: string): Promise<number> {
  const started = await call(base, 'POST', '/api/reconciliation/runs', {
    flowId,
    from: day,
    to: day,
  });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  const done = await waitForRun(base, started.body.flowRunId, undefined, 60_000);
  expect(done.status, JSON.stringify(done.steps?.map((s: any) => s.error))).toBe('succeeded');
  const items = await call(
    base,
    'GET',
    `/api/reconciliation/items?date=${day}&kind=fee_difference&limit=200`,
  );
  expect(items.status).toBe(200);
  return items.body.items.length;
}

beforeAll(async () => {
  paytrace = await startPaytraceSimulator({ clock: () => Date.UTC(2026, 2, 20) });
  shopify = await startShopifySimulator({ port: 0 });
  rt = await startTestRuntime(await freshDatabase(), {
    env: {
      PAYBRIDGE_PAYTRACE_SIMULATOR_URL: paytrace.url,
      PAYBRIDGE_SHOPIFY_SIMULATOR_URL: shopify.url,
      // The fee statement is served by the simulator on loopback.
      PAYBRIDGE_HTTP_ALLOW_CIDRS: '127.0.0.0/8',
    },
  });
  base = rt.url!;
  manifest = await generateDay(paytrace.url, {
    date: DAY,
    orders: 60,
    batches: 2,
    seed: 11,
    discrepancies: { feeDifference: FEE_DIFFERENCES },
  });
  storeId = await createShopifyConnection(base);
}, 120_000);

afterAll(async () => {
  await rt?.stop();
  await paytrace?.close();
  await shopify?.close();
});

describe('Settlement reconciliation template: fees from the processor’s fee statement', () => {
  it('without a fee statement URL, leaves the download out and still runs', async () => {
    const flow = await install({});
    const nodes = flow.version.graph.nodes;
    expect(nodes.map((n) => n.type)).toEqual(['trigger.schedule', 'reconcile.settlement']);
    expect(flow.version.graph.edges).toEqual([
      { from: { node: 'trigger', port: 'out' }, to: { node: 'reconcile', port: 'in' } },
    ]);
    // A day before the generated one: the flow runs without the download (a settlement entry
    // of the generated day is posted once, by whichever flow reconciles it first, so that day
    // is left to the flow with the statement).
    expect(await reconcile(flow.id, '2026-03-09')).toBe(0);
  }, 90_000);

  it('with one, downloads the statement before each run and reports every fee difference', async () => {
    expect(manifest.discrepancies.filter((d) => d.kind === 'fee_difference')).toHaveLength(
      FEE_DIFFERENCES,
    );
    const url = `${paytrace.url}/__admin/fee-statement?from=${DAY}&to=${DAY}`;
    const flow = await install({ feeStatementUrl: url });
    const nodes = flow.version.graph.nodes;
    expect(nodes.map((n) => n.type)).toEqual([
      'trigger.schedule',
      'http.request',
      'reconcile.settlement',
    ]);
    expect(nodes[1]).toMatchObject({ id: 'fees', config: { method: 'GET', url } });
    expect(flow.version.graph.edges).toEqual([
      { from: { node: 'trigger', port: 'out' }, to: { node: 'fees', port: 'in' } },
      { from: { node: 'fees', port: 'out' }, to: { node: 'reconcile', port: 'in' } },
    ]);
    expect(await reconcile(flow.id, DAY)).toBe(FEE_DIFFERENCES);
  }, 90_000);

  it('refuses a fee statement URL that is not one, naming the setting', async () => {
    const refused = await call(base, 'POST', '/api/templates/settlement-reconciliation/install', {
      connections: { paytrace: await createPaytraceConnection(base), shopify: storeId },
      parameters: { timeZone: 'UTC', feeStatementUrl: 'statement.csv' },
    });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toMatch(/url/i);
  });
});
