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
 * One anonymous request must not take the runtime down: each attack on JSONata runs against a
 * started runtime while `/healthz` and another flow's sync run are probed; both must keep
 * answering within 200 ms, and the attack's run ends with a clear code (or a correct answer).
 */
let rt: RuntimeHandle;
let base: string;

beforeAll(async () => {
  rt = await startTestRuntime(await freshDatabase(), {
    env: {
      // As `npm start` runs: the worker in a thread of its own.
      PAYBRIDGE_WORKER_THREAD: 'on',
      PAYBRIDGE_EXPRESSION_MEMORY_MB: '48',
      PAYBRIDGE_EXPRESSION_TIMEOUT_MS: '3000',
      PAYBRIDGE_BODY_LIMIT_BYTES: String(2 * 1024 * 1024),
    },
  });
  base = rt.url!;
  await createSync('good', '{ "order": body.id, "cents": body.total_cents }');
  // Warm the expression threads so that the probes measure serving, not thread start-up.
  for (let i = 0; i < 3; i++) await call(base, 'POST', '/hooks/good', { id: 'W', total_cents: 1 });
}, 60_000);
afterAll(async () => {
  await rt?.stop();
});

async function createSync(path: string, expression: string) {
  const graph = syncMapFlow(path, expression);
  const res = await call(base, 'POST', '/api/flows', { name: path, graph, activate: true });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** Probes health and the good flow until `attack` settles; returns the slowest answers. */
async function probeDuring(attack: Promise<unknown>) {
  let settled = false;
  void attack.finally(() => (settled = true));
  let health = 0;
  let good = 0;
  let probes = 0;
  do {
    const h = await timed(() => fetch(`${base}/healthz`).then((r) => r.status));
    expect(h.value).toBe(200);
    const g = await timed(() => call(base, 'POST', '/hooks/good', { id: 'G', total_cents: 5 }));
    expect(g.value.status).toBe(200);
    expect(g.value.body).toEqual({ result: { order: 'G', cents: 5 } });
    health = Math.max(health, h.ms);
    good = Math.max(good, g.ms);
    probes++;
    await new Promise((r) => setTimeout(r, 20));
  } while (!settled || probes < 3);
  return { health, good, probes };
}

async function attack(path: string, expression: string, body: unknown) {
  await createSync(path, expression);
  const sent = call(base, 'POST', `/hooks/${path}`, body);
  const probes = await probeDuring(sent);
  const res = await sent;
  const runId = res.headers.get('x-paybridge-run-id') ?? res.body?.runId;
  const run = runId ? (await call(base, 'GET', `/api/runs/${runId}`)).body : null;
  return { res, run, probes };
}

describe('expressions cannot take the runtime down', () => {
  it('sorts 100k integers without exhausting memory', async () => {
    const items = Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 100_003);
    const { res, probes } = await attack('sort', '$count($sort(body.items))', { items });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ result: 100_000 });
    expect(probes.health, JSON.stringify(probes)).toBeLessThan(200);
    expect(probes.good, JSON.stringify(probes)).toBeLessThan(200);
  });

  it('runs a catastrophic-backtracking regex in linear time', async () => {
    const { res, probes } = await attack('redos', '$match(body.s, /(a|aa)+$/)', {
      s: `${'a'.repeat(38)}b`,
    });
    expect(res.status).toBe(200);
    expect(probes.health, JSON.stringify(probes)).toBeLessThan(200);
    expect(probes.good, JSON.stringify(probes)).toBeLessThan(200);
  });

  it('answers $contains with an evil regex at once', async () => {
    const t0 = Date.now();
    const { res, probes } = await attack('contains', '$contains(body.s, /(x+x+)+y/)', {
      s: 'x'.repeat(5000),
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ result: false });
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(probes.health, JSON.stringify(probes)).toBeLessThan(200);
    expect(probes.good, JSON.stringify(probes)).toBeLessThan(200);
  });

  it('refuses a regex with a backreference with a clear message when the flow is saved', async () => {
    const graph = restFlow(
      'backref',
      [{ id: 'shape', type: 'map', config: { expression: '$match(body.s, /(a+)\\1$/)' } }],
      [['trigger', 'shape']],
      { mode: 'sync' },
    );
    const res = await call(base, 'POST', '/api/flows', { name: 'backref', graph, activate: true });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toContain('cannot run in linear time');
  });

  it('refuses a backreference built at run time with EXPRESSION_REGEX_UNSUPPORTED', async () => {
    const { res, run } = await attack('backref-eval', '$eval("$match(\'aa\', /(a)\\\\1/)")', {});
    expect(res.status).toBe(502);
    expect(run.error.code).toBe('EXPRESSION_REGEX_UNSUPPORTED');
  });

  it('caps $pad("", 1e8) with EXPRESSION_LIMIT naming the function', async () => {
    const { res, run, probes } = await attack('pad', '$pad("", 1e8)', {});
    expect(res.status).toBe(502);
    expect(run.error.code).toBe('EXPRESSION_LIMIT');
    expect(run.error.message).toContain('$pad');
    expect(probes.health, JSON.stringify(probes)).toBeLessThan(200);
  });

  it('stops a recursive $eval without running out of memory', async () => {
    const { res, run, probes } = await attack(
      'eval',
      '($f := function($n){ $eval("$f(" & $n & ")") }; $f(1))',
      {},
    );
    expect(res.status).toBe(502);
    expect(run.error.code).toMatch(/^EXPRESSION_(TOO_DEEP|MEMORY|TIMEOUT)$/);
    expect(probes.health, JSON.stringify(probes)).toBeLessThan(200);
    expect(probes.good, JSON.stringify(probes)).toBeLessThan(200);
  });

  it('stops an evaluation that outgrows its thread heap with EXPRESSION_MEMORY', async () => {
    const { res, run, probes } = await attack(
      'memory',
      '$length($join([1..9].$pad("", 1000000, "ab"), "") & $join([1..9].$pad("", 1000000, "cd"), ""))',
      {},
    );
    expect(res.status).toBe(502);
    expect(run.error.code).toBe('EXPRESSION_MEMORY');
    expect(probes.health, JSON.stringify(probes)).toBeLessThan(200);
    expect(probes.good, JSON.stringify(probes)).toBeLessThan(200);
  });
});

describe('a flood of slow expressions on one flow', () => {
  let flood: RuntimeHandle;
  let url: string;

  beforeAll(async () => {
    flood = await startTestRuntime(await freshDatabase(), {
      env: { PAYBRIDGE_WORKER_THREAD: 'on', PAYBRIDGE_EXPRESSION_TIMEOUT_MS: '1000' },
    });
    url = flood.url!;
    for (const [path, expression] of [
      ['good', '{ "order": body.id, "cents": body.total_cents }'],
      ['slow', '$count([1..999999].{ "a": $string($) })'],
    ] as const) {
      const graph = syncMapFlow(path, expression);
      const res = await call(url, 'POST', '/api/flows', { name: path, graph, activate: true });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    for (let i = 0; i < 3; i++) await call(url, 'POST', '/hooks/good', { id: 'W', total_cents: 1 });
  }, 60_000);
  afterAll(async () => {
    await flood?.stop();
  });

  it("keeps the API and another flow's sync runs answering within 200 ms while 16 requests each run an expression to its time limit", async () => {
    const sent = Promise.all(
      Array.from({ length: 16 }, () => call(url, 'POST', '/hooks/slow', {})),
    );
    let settled = false;
    void sent.finally(() => (settled = true));
    const slowest = { health: 0, api: 0, good: 0 };
    let probes = 0;
    const goods: number[] = [];
    // Let the flood take its threads and slots before probing.
    await new Promise((r) => setTimeout(r, 300));
    while (!settled) {
      const h = await timed(() => fetch(`${url}/healthz`).then((r) => r.status));
      const api = await timed(() => call(url, 'GET', '/api/runs?limit=1'));
      const good = await timed(() => call(url, 'POST', '/hooks/good', { id: 'G', total_cents: 5 }));
      expect(h.value).toBe(200);
      expect(api.value.status).toBe(200);
      expect(good.value.status).toBe(200);
      expect(good.value.body).toEqual({ result: { order: 'G', cents: 5 } });
      slowest.health = Math.max(slowest.health, h.ms);
      slowest.api = Math.max(slowest.api, api.ms);
      slowest.good = Math.max(slowest.good, good.ms);
      goods.push(Math.round(good.ms));
      probes++;
      await new Promise((r) => setTimeout(r, 20));
    }
    const answers = await sent;
    const seen = `${JSON.stringify(slowest)} over ${probes} probes; good: ${goods.join(' ')}`;
    expect(probes, seen).toBeGreaterThan(10);
    expect(slowest.health, seen).toBeLessThan(200);
    expect(slowest.api, seen).toBeLessThan(200);
    expect(slowest.good, seen).toBeLessThan(200);
    for (const a of answers) {
      // The last ones wait for a free thread longer than the sync answer waits (504, the run
      // carries on); each run still ends failed with its expression stopped.
      expect([502, 504]).toContain(a.status);
      const runId = a.headers.get('x-paybridge-run-id') ?? a.body.runId;
      const run = await waitForRun(url, runId, undefined, 60_000);
      expect(run.error.code).toMatch(/^EXPRESSION_(TIMEOUT|MEMORY)$/);
    }
  }, 120_000);
});
