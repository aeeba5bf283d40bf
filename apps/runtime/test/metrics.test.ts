/**
 * `/metrics` as Prometheus scrapes it: real runtime, real Postgres, real HTTP, PayTrace
 * simulator; the answer is parsed with a Prometheus text-format parser, and the values must move
 * as runs happen.
 */
import { startPaytraceSimulator, type RunningPaytraceSimulator } from '@paybridge/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeHandle } from '../src/start-runtime';
import {
  createPaytraceConnection,
  createVaultCustomer,
  postOrders,
  saleFlow,
  waitForRuns,
} from './paytrace-support';
import { scrape, scrapeUntil, sample, type Family } from './prometheus';
import {
  ADMIN_TOKEN,
  call,
  freshDatabase,
  restFlow,
  startTestRuntime,
  waitForRun,
} from './support';

const METRICS_TOKEN = 'metrics-scrape-token-0123456789';

let sim: RunningPaytraceSimulator;
let rt: RuntimeHandle;
let base: string;
let databaseUrl: string;

beforeAll(async () => {
  sim = await startPaytraceSimulator({ port: 0 });
  await createVaultCustomer(sim, 'cust-metrics');
  databaseUrl = await freshDatabase();
  rt = await startTestRuntime(databaseUrl, {
    env: {
      PAYBRIDGE_PAYTRACE_SIMULATOR_URL: sim.url,
      PAYBRIDGE_METRICS_TOKEN: METRICS_TOKEN,
      PAYBRIDGE_EXPRESSION_TIMEOUT_MS: '300',
    },
  });
  base = rt.url!;
}, 60_000);
afterAll(async () => {
  await rt?.stop();
  await sim?.close();
});

describe('GET /metrics', () => {
  it('answers only the metrics token or a signed-in role, and says what it needs', async () => {
    const anonymous = await fetch(`${base}/metrics`);
    expect(anonymous.status).toBe(401);
    const body = (await anonymous.json()) as { error: { message: string } };
    expect(body.error.message).toContain('PAYBRIDGE_METRICS_TOKEN');
    expect(anonymous.headers.get('www-authenticate')).toContain('Bearer');

    const wrong = await fetch(`${base}/metrics`, {
      headers: { authorization: 'Bearer not-the-metrics-token-at-all' },
    });
    expect(wrong.status).toBe(401);

    for (const token of [METRICS_TOKEN, ADMIN_TOKEN]) {
      const ok = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toContain('text/plain');
      const text = await ok.text();
      expect(text).toContain('# TYPE paybridge_runs_finished_total counter');
      expect(text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
    }
  });

  it('moves runs, steps, ingress, PayTrace calls and dead letters as runs happen', async () => {
    const connectionId = await createPaytraceConnection(base);
    const sale = await call(base, 'POST', '/api/flows', {
      name: 'metrics sale',
      graph: saleFlow('metrics/charge', connectionId),
      activate: true,
    });
    expect(sale.status).toBe(201);
    const broken = await call(base, 'POST', '/api/flows', {
      name: 'metrics broken',
      graph: restFlow(
        'metrics/broken',
        [{ id: 'calc', type: 'map', config: { expression: '$undefinedFn()' } }],
        [['trigger', 'calc']],
      ),
      activate: true,
    });
    expect(broken.status).toBe(201);
    const saleFlowId = sale.body.id as string;
    const brokenFlowId = broken.body.id as string;

    const before = await scrape(base, METRICS_TOKEN);
    const runs = await waitForRuns(
      base,
      await postOrders(base, 'metrics/charge', [
        { order: 'm-1', customer: 'cust-metrics', cents: 1200 },
        { order: 'm-2', customer: 'cust-metrics', cents: 3400 },
      ]),
    );
    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
    const failed = await call(base, 'POST', '/hooks/metrics/broken', {}, { authorization: '' });
    expect(failed.status).toBe(202);
    expect((await waitForRun(base, failed.body.runId)).status).toBe('failed');
    const finished = (f: Family[], flow: string) =>
      sample(f, 'paybridge_runs_finished_total', { flow }) -
      sample(before, 'paybridge_runs_finished_total', { flow });
    const after = await scrapeUntil(
      base,
      METRICS_TOKEN,
      (f) => finished(f, saleFlowId) === 2 && finished(f, brokenFlowId) === 1,
    );

    const delta = (name: string, labels: Record<string, string> = {}) =>
      sample(after, name, labels) - sample(before, name, labels);
    expect(delta('paybridge_runs_started_total', { flow: saleFlowId })).toBe(2);
    expect(delta('paybridge_runs_finished_total', { flow: saleFlowId, status: 'succeeded' })).toBe(
      2,
    );
    expect(delta('paybridge_runs_finished_total', { flow: brokenFlowId, status: 'failed' })).toBe(
      1,
    );
    expect(delta('paybridge_dead_letters_total', { flow: brokenFlowId })).toBe(1);
    expect(
      delta('paybridge_step_duration_seconds', { node_type: 'paytrace.sale', outcome: 'ok' }),
    ).toBe(2);
    expect(delta('paybridge_step_duration_seconds', { node_type: 'map', outcome: 'error' })).toBe(
      1,
    );
    expect(delta('paybridge_ingress_requests_total', { trigger: 'rest', status: '202' })).toBe(3);
    // Two sales at least (and the token requests before them), all answered 2xx.
    expect(
      delta('paybridge_outbound_request_duration_seconds', { service: 'paytrace', outcome: '2xx' }),
    ).toBeGreaterThanOrEqual(2);

    // Database gauges: the same from any process, read at scrape time.
    expect(sample(after, 'paybridge_dead_letters_open')).toBe(1);
    expect(sample(after, 'paybridge_workers_alive')).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'paybridge_queue_depth')).toBe(0);
    expect(after.find((f) => f.name === 'paybridge_queue_oldest_job_age_seconds')).toBeDefined();
    expect(
      after.find((f) => f.name === 'paybridge_shopify_reconciliation_lag_seconds'),
    ).toBeDefined();

    // No run, order or event id ever becomes a label.
    const text = await (
      await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
    ).text();
    for (const r of runs) expect(text).not.toContain(r.id);
    expect(text).not.toContain('m-1');
  }, 60_000);

  it('counts retried steps, failed gateway answers and expression timeouts', async () => {
    // A 503 leaves the sale's outcome unknown: it is looked up after this wait, then retried.
    const connectionId = await createPaytraceConnection(base, { unknownOutcomeWaitSeconds: 3 });
    const flaky = await call(base, 'POST', '/api/flows', {
      name: 'metrics flaky gateway',
      graph: saleFlow('metrics/flaky', connectionId, { initialDelayMs: 100, maxDelayMs: 200 }),
      activate: true,
    });
    const spin = await call(base, 'POST', '/api/flows', {
      name: 'metrics runaway expression',
      graph: restFlow(
        'metrics/spin',
        [
          {
            id: 'spin',
            type: 'map',
            config: { expression: '(function($f){$f($f)})(function($f){$f($f)})' },
          },
        ],
        [['trigger', 'spin']],
      ),
      activate: true,
    });
    expect([flaky.status, spin.status]).toEqual([201, 201]);
    const before = await scrape(base, METRICS_TOKEN);
    sim.handle.setFault('/v1/transactions/sale/by_customer', { status: 503, remaining: 1 });
    const [runId] = await postOrders(base, 'metrics/flaky', [
      { order: 'm-flaky', customer: 'cust-metrics', cents: 990 },
    ]);
    expect((await waitForRun(base, runId!)).status).toBe('succeeded');
    const spun = await call(base, 'POST', '/hooks/metrics/spin', {}, { authorization: '' });
    expect((await waitForRun(base, spun.body.runId)).status).toBe('failed');
    const finishedRuns = (f: Family[]) =>
      sample(f, 'paybridge_runs_finished_total', { flow: flaky.body.id }) +
      sample(f, 'paybridge_runs_finished_total', { flow: spin.body.id });
    const after = await scrapeUntil(
      base,
      METRICS_TOKEN,
      (f) => finishedRuns(f) - finishedRuns(before) === 2,
    );
    const delta = (name: string, labels: Record<string, string> = {}) =>
      sample(after, name, labels) - sample(before, name, labels);

    expect(delta('paybridge_step_retries_total', { node_type: 'paytrace.sale' })).toBe(1);
    expect(
      delta('paybridge_outbound_request_duration_seconds', { service: 'paytrace', outcome: '5xx' }),
    ).toBe(1);
    expect(delta('paybridge_expression_timeouts_total')).toBe(1);
  }, 60_000);

  it('is served by a worker-only process on PAYBRIDGE_METRICS_PORT, with the same auth', async () => {
    const worker = await startTestRuntime(databaseUrl, {
      role: 'worker',
      env: { PAYBRIDGE_METRICS_PORT: '0', PAYBRIDGE_METRICS_TOKEN: METRICS_TOKEN },
    });
    try {
      expect(worker.url).toBeNull();
      expect(worker.metricsUrl).toMatch(/^http:\/\/.+\/metrics$/);
      expect((await fetch(worker.metricsUrl!)).status).toBe(401);
      const families = await scrape(worker.metricsUrl!.replace(/\/metrics$/, ''), METRICS_TOKEN);
      // Database gauges read the shared tables: the same answer as the API process gives.
      expect(sample(families, 'paybridge_workers_alive')).toBeGreaterThanOrEqual(2);
      expect(families.find((f) => f.name === 'paybridge_step_duration_seconds')?.type).toBe(
        'histogram',
      );
    } finally {
      await worker.stop();
    }
  }, 60_000);
});
