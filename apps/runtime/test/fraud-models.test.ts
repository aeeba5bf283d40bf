/**
 * Retraining the fraud model on the merchant's labels over real Postgres and HTTP: too few labels
 * are refused with the counts needed; labelled scores carrying a signal the shipped model ignores
 * (a failed CSC, weighted 0 in the shipped model) train a better candidate, which is kept, made
 * active, and reported by fraud.score as the model_version of the next scores; rolling back to
 * the shipped model makes scores say the shipped version again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModel, emptyHistory } from '@paybridge/fraud';
import { ipCountry } from '@paybridge/fraud/server';
import { generateEvents } from '../../../packages/fraud/src/generator/generate';
import { fraudCommand } from '../src/cli/fraud-models';
import { CliError } from '../src/cli/with-database';
import { openSql, type Sql } from '../src/db/client';
import type { RuntimeHandle } from '../src/start-runtime';
import { call, freshDatabase, restFlow, startTestRuntime, waitForRun } from './support';

let rt: RuntimeHandle;
let base: string;
let sql: Sql;
let nextId = 77_000;

beforeAll(async () => {
  const url = await freshDatabase();
  rt = await startTestRuntime(url);
  base = rt.url!;
  sql = openSql(url, { max: 2 });
  const graph = restFlow(
    'score',
    [{ id: 'score', type: 'fraud.score', config: { order: '=$trigger.body' } }],
    [['trigger', 'score']],
  );
  const res = await call(base, 'POST', '/api/flows', { name: 'score', graph, activate: true });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
});
afterAll(async () => {
  await sql?.end();
  await rt?.stop();
});

/**
 * Labelled scores from the generator's legitimate orders: every sixth one is made a fraud with a
 * failed CSC (the merchant's new fraud pattern); the others have a matching CSC.
 */
const labelled = generateEvents({
  seed: 31,
  days: 20,
  ordersPerDay: 40,
  start: '2026-03-01T00:00:00Z',
})
  .filter((e) => e.approved && e.scenario === 'legitimate')
  .map((e, i) => {
    const fraud = i % 6 === 0;
    return {
      order: e.order,
      check: { ...e.check, csc_response: fraud ? 'No Match' : 'Match' },
      label: fraud ? 'fraud' : 'legit',
    };
  });

/** Stores labelled scores in one statement, as the scorer and the labelling would have. */
async function insertLabelled(rows: typeof labelled) {
  const records = rows.map((r) => ({
    order_id: String(r.order.id),
    order_json: r.order,
    payment_check: r.check,
    history: emptyHistory(),
    ip_country: r.order.browser_ip ? ipCountry(r.order.browser_ip) : null,
    label: r.label,
  }));
  await sql`
    insert into fraud_scores (run_id, node_id, order_id, score, level, reasons, features, history,
      payment_check, ip_country, order_json, model_version, label, label_source, labelled_at)
    select gen_random_uuid(), 'score', x.order_id, 0, 'low', '[]', '{}', x.history,
      x.payment_check, x.ip_country, x.order_json, ${defaultModel().version}, x.label,
      case x.label when 'fraud' then 'chargeback' else 'review approved' end, now()
    from jsonb_to_recordset(${JSON.stringify(records)}::text::jsonb) as x(order_id text,
      order_json jsonb, payment_check jsonb, history jsonb, ip_country text, label text)`;
}

/** Scores one new order through the flow; the model version its stored score names. */
async function scoredVersion(): Promise<string> {
  const id = nextId++;
  const sent = await call(base, 'POST', '/hooks/score', {
    id,
    created_at: new Date().toISOString(),
    email: 'ann@example.com',
    browser_ip: '24.5.1.1',
    total_price: '60.00',
    currency: 'USD',
    line_items: [{ sku: 'TEE-001', quantity: 1, price: '60.00' }],
  });
  expect(sent.status, JSON.stringify(sent.body)).toBe(202);
  const run = await waitForRun(base, sent.body.runId);
  expect(run.status, JSON.stringify(run)).toBe('succeeded');
  const [row] = await sql<{ model_version: string }[]>`
    select model_version from fraud_scores where order_id = ${String(id)}`;
  return row!.model_version;
}

describe('retraining the fraud model on the merchant’s labels', () => {
  it('refuses with too few labels, saying how many it has and needs', async () => {
    await insertLabelled(labelled.slice(0, 40));
    const res = await call(base, 'POST', '/api/fraud/models/train', {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.outcome).toBe('refused');
    expect(res.body.reason).toMatch(
      /too few labelled orders: \d+ fraud and \d+ legitimate; retraining needs at least 30 fraud and 300 legitimate/,
    );
    expect(res.body.live).toBe(defaultModel().version);

    const printed: string[] = [];
    const code = await fraudCommand(sql, ['train'], (t) => printed.push(t));
    expect(code).toBe(1);
    expect(printed.join('')).toMatch(/^Not retrained: too few labelled orders/);
    expect(await scoredVersion()).toBe(defaultModel().version);
  }, 60_000);

  it('trains on a new signal, switches because it is better, and scores with the new version', async () => {
    await insertLabelled(labelled.slice(40));
    expect(labelled.length).toBeGreaterThan(600);
    const res = await call(base, 'POST', '/api/fraud/models/train', {
      storeTimeZone: 'America/New_York',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.outcome, JSON.stringify(res.body)).toBe('switched');
    expect(res.body.live).toBe(defaultModel().version);
    expect(res.body.figures.candidate.averagePrecision).toBeGreaterThan(
      res.body.figures.live.averagePrecision + 0.2,
    );
    expect(res.body.heldOut.fraud).toBeGreaterThanOrEqual(10);
    const candidate: string = res.body.candidate;
    expect(candidate).toMatch(/^merchant-/);

    const models = await call(base, 'GET', '/api/fraud/models');
    expect(models.status).toBe(200);
    expect(models.body.models.filter((m: any) => m.active).map((m: any) => m.version)).toEqual([
      candidate,
    ]);
    expect(models.body.models[0]).toMatchObject({ shipped: true, active: false });

    expect(await scoredVersion()).toBe(candidate);

    // Rolling back through the CLI: the shipped model scores again.
    const printed: string[] = [];
    expect(await fraudCommand(sql, ['rollback', 'shipped'], (t) => printed.push(t))).toBe(0);
    expect(printed.join('')).toContain(`Active fraud model: ${defaultModel().version} (shipped)`);
    expect(await scoredVersion()).toBe(defaultModel().version);

    // And forward again through the API, by version; an unknown version is refused clearly.
    const again = await call(base, 'POST', `/api/fraud/models/${candidate}/activate`);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toMatchObject({ version: candidate, active: true });
    expect(await scoredVersion()).toBe(candidate);
    const unknown = await call(base, 'POST', '/api/fraud/models/merchant-nope/activate');
    expect(unknown.status).toBe(404);
    expect(JSON.stringify(unknown.body)).toMatch(/No fraud model version/);
    await expect(fraudCommand(sql, ['rollback', 'merchant-nope'], () => {})).rejects.toThrow(
      CliError,
    );
    // Retraining takes an operator, switching versions an admin; a viewer only lists them.
    const tokenFor = async (role: string) => {
      const t = await call(base, 'POST', '/api/tokens', { name: `fraud-${role}`, role });
      return { authorization: `Bearer ${t.body.token}` };
    };
    const viewer = await tokenFor('viewer');
    const operator = await tokenFor('operator');
    expect((await call(base, 'GET', '/api/fraud/models', undefined, viewer)).status).toBe(200);
    expect((await call(base, 'POST', '/api/fraud/models/train', {}, viewer)).status).toBe(403);
    expect(
      (await call(base, 'POST', '/api/fraud/models/shipped/activate', undefined, operator)).status,
    ).toBe(403);
    const audited = await sql<{ action: string }[]>`
      select action from audit_log where action like 'fraud-model.%' order by id`;
    expect(audited.map((a) => a.action)).toContain('fraud-model.train');
    expect(audited.map((a) => a.action)).toContain('fraud-model.activate');
  }, 120_000);
});
