import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSql, type Sql } from '../src/db/client';
import type { RuntimeHandle } from '../src/start-runtime';
import { call, freshDatabase, restFlow, startTestRuntime, waitForRun } from './support';

let rt: RuntimeHandle;
let base: string;
let sql: Sql;

beforeAll(async () => {
  const dbUrl = await freshDatabase();
  rt = await startTestRuntime(dbUrl);
  base = rt.url!;
  sql = openSql(dbUrl, { max: 1 });
});
afterAll(async () => {
  await sql?.end();
  await rt?.stop();
});

/** An order of about 100 KB whose line items do not repeat (so compression cannot hide copies). */
function bigOrder() {
  return {
    id: 'ORD-7',
    lines: Array.from({ length: 1800 }, (_, i) => ({
      sku: `SKU-${i}-${(i * 7919) % 10007}`,
      title: `Item ${(i * 104729) % 1000003}`,
      qty: 1 + (i % 3),
    })),
  };
}

describe('run data is stored once per value', () => {
  it('a 100 KB body through ten maps stores about one body, and every step still shows its full input and output', async () => {
    const maps = Array.from({ length: 10 }, (_, i) => ({
      id: `m${i + 1}`,
      type: 'map',
      config: {
        expression: i === 0 ? '$merge([body, {"step": 1}])' : `$merge([$, {"step": ${i + 1}}])`,
      },
    }));
    const reply = { id: 'reply', type: 'respond', config: { status: 200 } };
    const graph = restFlow(
      'storage/chain',
      [...maps, reply],
      [
        ...maps.map((m, i): [string, string] => [i === 0 ? 'trigger' : maps[i - 1]!.id, m.id]),
        ['m10', 'reply'],
      ],
      { mode: 'async' },
    );
    const created = await call(base, 'POST', '/api/flows', {
      name: 'storage',
      graph,
      activate: true,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);

    const order = bigOrder();
    const text = JSON.stringify(order);
    expect(text.length).toBeGreaterThan(90_000);
    const res = await fetch(`${base}/hooks/storage/chain`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: text,
    });
    expect(res.status).toBe(202);
    const { runId } = (await res.json()) as { runId: string };
    const run = await waitForRun(base, runId);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');

    // The run view: each map's input is the previous output, its output that plus its step.
    const step = (id: string) => run.steps.find((s: { nodeId: string }) => s.nodeId === id);
    expect(step('m1').input).toEqual(step('trigger').output);
    expect(step('trigger').output.body).toEqual(order);
    for (let i = 1; i <= 10; i++) {
      expect(step(`m${i}`).output).toEqual({ ...order, step: i });
      if (i > 1) expect(step(`m${i}`).input).toEqual({ ...order, step: i - 1 });
    }
    expect(step('reply').output.body).toEqual({ ...order, step: 10 });

    // Stored: step values (after Postgres's own compression) under a fifth of one raw body;
    // a copy per input and output was 23 bodies.
    const [stored] = await sql<{ bytes: number }[]>`
      select coalesce(sum(coalesce(pg_column_size(input), 0) + coalesce(pg_column_size(output), 0)), 0)::int as bytes
      from run_steps where run_id = ${runId}`;
    expect(stored!.bytes).toBeLessThan(text.length / 5);
  });
});
