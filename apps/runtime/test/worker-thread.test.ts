import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeHandle } from '../src/start-runtime';
import {
  call,
  freshDatabase,
  restFlow,
  startTestRuntime,
  syncMapFlow,
  waitForRun,
} from './support';

/**
 * In the single-process setup (`PAYBRIDGE_ROLE=all`, the default) node code runs in a worker
 * thread of its own: the API's event loop serves `/healthz`, the API and ingress whatever the
 * runs do.
 * `PAYBRIDGE_WORKER_THREAD` is set explicitly here: the other test files run the worker inline.
 */

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

async function activate(base: string, name: string, graph: unknown): Promise<string> {
  const res = await call(base, 'POST', '/api/flows', { name, graph, activate: true });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

/**
 * Probes `/healthz` and the API until `busy()` says the worker is done; the slowest answers, and
 * the longest the event loop of this process (the runtime's API runs on it) was held up.
 */
async function probeWhile(base: string, busy: () => Promise<boolean>) {
  const slowest = { health: 0, api: 0 };
  let probes = 0;
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  do {
    const h = await timed(() => fetch(`${base}/healthz`).then((r) => r.status));
    const api = await timed(() => call(base, 'GET', '/api/flows'));
    expect(h.value).toBe(200);
    expect(api.value.status).toBe(200);
    slowest.health = Math.max(slowest.health, h.ms);
    slowest.api = Math.max(slowest.api, api.ms);
    probes++;
    await new Promise((r) => setTimeout(r, 20));
  } while ((await busy()) || probes < 3);
  loop.disable();
  return { ...slowest, probes, loopDelayMaxMs: Math.round(loop.max / 1e6) };
}

describe('the worker thread of a single-process runtime', () => {
  let rt: RuntimeHandle;
  let base: string;
  let bulkFlow: string;

  beforeAll(async () => {
    rt = await startTestRuntime(await freshDatabase(), {
      env: {
        PAYBRIDGE_WORKER_THREAD: process.env.PAYBRIDGE_TEST_WORKER_THREAD ?? 'on',
        PAYBRIDGE_BODY_LIMIT_BYTES: String(2 * 1024 * 1024),
        // Two runs at a time: the worker stays busy long enough for the probes to see it.
        PAYBRIDGE_WORKER_CONCURRENCY: '2',
        // What is measured is node code: JSONata over 1 MB gets time enough on a loaded machine.
        PAYBRIDGE_EXPRESSION_TIMEOUT_MS: '10000',
      },
    });
    base = rt.url!;
    await activate(base, 'good', syncMapFlow('good', '{ "order": body.id }'));
    // Each run of `bulk` carries a 1 MB body through three steps: the worker maps 8,000 lines
    // (in its own thread: the mappings are plainly linear), scans for card data and stores every
    // step's data.
    bulkFlow = await activate(
      base,
      'bulk',
      restFlow(
        'bulk',
        [
          { id: 'a', type: 'map', config: { expression: 'body' } },
          {
            id: 'b',
            type: 'map',
            config: {
              expression:
                '{ "order": order, "lines": items.{ "sku": sku, "total": quantity * price_cents, "tags": tags } }',
            },
          },
          {
            id: 'c',
            type: 'map',
            config: { expression: '$merge([$, { "sum": $sum(lines.total) }])' },
          },
        ],
        [
          ['trigger', 'a'],
          ['a', 'b'],
          ['b', 'c'],
        ],
      ),
    );
    for (let i = 0; i < 3; i++) {
      expect((await call(base, 'POST', '/hooks/good', { id: 'W' })).status).toBe(200);
    }
  }, 120_000);
  afterAll(async () => {
    await rt?.stop();
  });

  it('keeps the event loop, /healthz and the API answering within 200 ms while runs with 1 MB of data keep the worker busy', async () => {
    const items = Array.from({ length: 8_000 }, (_, i) => ({
      sku: `SKU-${i}`,
      title: `Item number ${i} of a large wholesale order`,
      quantity: (i % 7) + 1,
      price_cents: 1000 + i,
      tags: ['wholesale', 'bulk', `lot-${i % 50}`],
    }));
    const body = { order: 'bulk', items };
    expect(JSON.stringify(body).length).toBeGreaterThan(1_000_000);
    // Accepted first: ingress parses and checks each body on the API's loop, which is its job.
    const runIds: string[] = [];
    for (let i = 0; i < 24; i++) {
      const res = await call(base, 'POST', '/hooks/bulk', body);
      expect(res.status).toBe(202);
      runIds.push(res.body.runId);
    }
    const probes = await probeWhile(base, async () => {
      const done = await call(
        base,
        'GET',
        `/api/runs?flowId=${bulkFlow}&status=succeeded,failed&limit=100`,
      );
      return done.body.runs.length < runIds.length;
    });
    const seen = JSON.stringify(probes);
    console.log(`worker busy with 24 runs of 1 MB: ${seen}`);
    expect(probes.probes, seen).toBeGreaterThan(10);
    expect(probes.loopDelayMaxMs, seen).toBeLessThan(200);
    expect(probes.health, seen).toBeLessThan(200);
    expect(probes.api, seen).toBeLessThan(200);
    for (const id of runIds) {
      const run = await waitForRun(base, id);
      expect(run.status).toBe('succeeded');
    }
  }, 180_000);

  it('counts the runs, steps and expression work of the thread in the process metrics', async () => {
    const res = await fetch(`${base}/metrics`, {
      headers: { authorization: `Bearer pbt_test-admin-token-0123456789abcdef` },
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    const finished = text
      .split('\n')
      .filter((l) => l.startsWith('paybridge_runs_finished_total{') && l.includes('succeeded'))
      .reduce((n, l) => n + Number(l.split(' ').pop()), 0);
    expect(finished).toBeGreaterThanOrEqual(15);
    expect(text).toMatch(
      /paybridge_step_duration_seconds_count\{node_type="map",outcome="ok"\} \d+/,
    );
    // Read by the process itself, once: the thread does not report them again.
    expect(text.match(/^# TYPE paybridge_queue_depth /gm)).toHaveLength(1);
    expect(text.match(/^# TYPE process_cpu_seconds_total/gm)).toHaveLength(1);
  });
});
