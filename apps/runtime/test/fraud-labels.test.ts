/**
 * Where retraining's labels come from, over real Postgres rows: fraud chargebacks and review
 * decisions (stored labels), and orders captured longer ago than the dispute window with no
 * chargeback (legitimate, read from the effect records at training time). The CLI and the API
 * count them by source. Retraining reads hours and writes its times in the merchant's time zone:
 * the one the live flows' Fraud score uses, not UTC.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModel, emptyHistory } from '@paybridge/fraud';
import { ipCountry } from '@paybridge/fraud/server';
import { generateEvents } from '../../../packages/fraud/src/generator/generate';
import { fraudCommand } from '../src/cli/fraud-models';
import { openSql, type Sql } from '../src/db/client';
import type { RuntimeHandle } from '../src/start-runtime';
import { call, freshDatabase, restFlow, startTestRuntime } from './support';

let rt: RuntimeHandle;
let base: string;
let sql: Sql;
const DAY = 86_400_000;

beforeAll(async () => {
  const url = await freshDatabase();
  rt = await startTestRuntime(url);
  base = rt.url!;
  sql = openSql(url, { max: 2 });
  // The merchant's live flow scores in Los Angeles time.
  const graph = restFlow(
    'score',
    [
      {
        id: 'score',
        type: 'fraud.score',
        config: { order: '=$trigger.body', storeTimeZone: 'America/Los_Angeles' },
      },
    ],
    [['trigger', 'score']],
  );
  const res = await call(base, 'POST', '/api/flows', { name: 'score', graph, activate: true });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}, 120_000);
afterAll(async () => {
  await sql?.end();
  await rt?.stop();
});

type Outcome =
  | { kind: 'chargeback' }
  | { kind: 'review'; decision: 'approved' | 'rejected' }
  /** Unlabelled, captured (or sold) `daysAgo` days ago; optionally a chargeback on record. */
  | { kind: 'captured'; daysAgo: number; operation?: 'capture' | 'sale'; chargeback?: boolean }
  /** Unlabelled and never captured (voided or still held). */
  | { kind: 'not-captured' };

/**
 * Stores a score per order as the scorer would have, and the order's outcome as the runtime
 * records it: a label on the score, or an approved capture in the effect records (and a
 * chargeback in the attempt history).
 */
async function store(rows: { order: any; check: any; outcome: Outcome }[]) {
  const scores = rows.map((r) => ({
    order_id: String(r.order.id),
    order_json: r.order,
    payment_check: r.check,
    history: emptyHistory(),
    ip_country: r.order.browser_ip ? ipCountry(r.order.browser_ip) : null,
    label:
      r.outcome.kind === 'chargeback' ||
      (r.outcome.kind === 'review' && r.outcome.decision === 'rejected')
        ? 'fraud'
        : r.outcome.kind === 'review'
          ? 'legit'
          : null,
    label_source:
      r.outcome.kind === 'chargeback'
        ? 'chargeback'
        : r.outcome.kind === 'review'
          ? 'review'
          : null,
  }));
  await sql`
    insert into fraud_scores (run_id, node_id, order_id, score, level, reasons, features, history,
      payment_check, ip_country, order_json, model_version, label, label_source, labelled_at)
    select gen_random_uuid(), 'score', x.order_id, 0, 'low', '[]', '{}', x.history,
      x.payment_check, x.ip_country, x.order_json, ${defaultModel().version}, x.label,
      x.label_source, case when x.label is null then null else now() end
    from jsonb_to_recordset(${JSON.stringify(scores)}::text::jsonb) as x(order_id text,
      order_json jsonb, payment_check jsonb, history jsonb, ip_country text, label text,
      label_source text)`;
  const captures = rows.flatMap((r) =>
    r.outcome.kind === 'captured'
      ? [
          {
            key: `paytrace:c1:${r.outcome.operation ?? 'capture'}:order:${r.order.id}`,
            operation: r.outcome.operation ?? 'capture',
            at: new Date(Date.now() - r.outcome.daysAgo * DAY).toISOString(),
          },
        ]
      : [],
  );
  await sql`
    insert into effect_records (business_key, flow_id, event_id, node_id, item, reference,
      fingerprint, status, outcome, run_id, operation, created_at, updated_at)
    select x.key, gen_random_uuid(), gen_random_uuid(), 'capture', '0', x.key, 'f', 'settled',
      '{"status":"approved"}', gen_random_uuid(), x.operation, x.at, x.at
    from jsonb_to_recordset(${JSON.stringify(captures)}::text::jsonb)
      as x(key text, operation text, at timestamptz)`;
  const chargebacks = rows.flatMap((r) =>
    r.outcome.kind === 'captured' && r.outcome.chargeback ? [String(r.order.id)] : [],
  );
  for (const orderId of chargebacks)
    await sql`
      insert into fraud_attempts (order_id, first_seen_text, amount_minor, currency, approved,
        chargeback_at, created_at)
      values (${orderId}, '', 5000, 'USD', true, now() - interval '10 days',
        now() - interval '200 days')`;
}

/**
 * The generator's legitimate orders (dated March 2026), every sixth one made a fraud with a
 * failed CSC: the merchant's pattern the shipped model does not weigh.
 */
const orders = generateEvents({
  seed: 31,
  days: 20,
  ordersPerDay: 40,
  start: '2026-03-01T00:00:00Z',
})
  .filter((e) => e.approved && e.scenario === 'legitimate')
  .map((e, i) => ({
    order: e.order,
    check: { ...e.check, csc_response: i % 6 === 0 ? 'No Match' : 'Match' },
    fraud: i % 6 === 0,
  }));

describe('retraining labels and the merchant’s time zone', () => {
  it('counts legitimate labels from orders past their dispute window, by source, beside chargebacks and reviews', async () => {
    // 40 orders: each kind of outcome, so every rule is seen once.
    const first = orders.slice(0, 40).map((o, i) => ({
      ...o,
      outcome: ((): Outcome => {
        if (o.fraud)
          return i % 12 === 0 ? { kind: 'chargeback' } : { kind: 'review', decision: 'rejected' };
        if (i < 10) return { kind: 'review', decision: 'approved' };
        if (i < 25)
          return { kind: 'captured', daysAgo: 130, operation: i % 2 ? 'sale' : 'capture' };
        if (i < 30) return { kind: 'captured', daysAgo: 60 }; // still disputable
        if (i < 33) return { kind: 'captured', daysAgo: 130, chargeback: true };
        return { kind: 'not-captured' };
      })(),
    }));
    await store(first);
    const fraudShare = first.filter((o) => o.fraud);
    const expected = [
      {
        source: 'chargeback',
        label: 'fraud',
        count: fraudShare.filter((o) => o.outcome.kind === 'chargeback').length,
      },
      {
        source: 'review-rejected',
        label: 'fraud',
        count: fraudShare.filter((o) => o.outcome.kind === 'review').length,
      },
      {
        source: 'review-approved',
        label: 'legitimate',
        count: first.filter((o) => o.outcome.kind === 'review' && !o.fraud).length,
      },
      {
        source: 'dispute-window',
        label: 'legitimate',
        count: first.filter(
          (o) =>
            !o.fraud &&
            o.outcome.kind === 'captured' &&
            o.outcome.daysAgo > 120 &&
            !o.outcome.chargeback,
        ).length,
      },
    ];
    expect(expected.map((e) => e.count).every((n) => n > 0)).toBe(true);

    const res = await call(base, 'POST', '/api/fraud/models/train', {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.outcome).toBe('refused');
    expect(res.body.labelSources).toEqual(expected);
    expect(res.body.labels).toEqual({
      fraud: expected[0]!.count + expected[1]!.count,
      legitimate: expected[2]!.count + expected[3]!.count,
    });
    // A shorter window takes the orders captured 60 days ago too.
    const shorter = await call(base, 'POST', '/api/fraud/models/train', { disputeWindowDays: 30 });
    expect(shorter.body.labelSources[3]).toEqual({ ...expected[3], count: expected[3]!.count + 5 });

    const printed: string[] = [];
    expect(await fraudCommand(sql, ['train'], (t) => printed.push(t))).toBe(1);
    const text = printed.join('');
    expect(text).toContain('Labels by source:');
    expect(text).toMatch(
      new RegExp(`legitimate +${expected[3]!.count}  past the dispute window, no chargeback`),
    );
    expect(text).toMatch(new RegExp(`fraud +${expected[0]!.count}  fraud chargebacks`));
  }, 60_000);

  it('retrains in the merchant’s time zone and writes the held-out period in it', async () => {
    // The rest: frauds as chargebacks, legitimate orders captured long ago without a dispute.
    await store(
      orders.slice(40).map((o) => ({
        ...o,
        outcome: o.fraud ? { kind: 'chargeback' } : { kind: 'captured', daysAgo: 150 },
      })),
    );
    const res = await call(base, 'POST', '/api/fraud/models/train', {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.outcome, JSON.stringify(res.body)).toBe('switched');
    expect(res.body.timeZone).toBe('America/Los_Angeles');
    // March 2026 in Los Angeles: PST (-08:00) until the 8th, PDT (-07:00) after.
    expect(res.body.heldOut.from).toMatch(/^2026-03-\d\dT\d\d:\d\d:\d\d(\.\d{3})?-0[78]:00$/);
    expect(res.body.trainedOn.before).toBe(res.body.heldOut.from);
    const dispute = res.body.labelSources.find((s: any) => s.source === 'dispute-window');
    expect(dispute.count).toBeGreaterThan(300);
    // The stored version names its held-out boundary as the same instant.
    const [row] = await sql<{ provenance: any }[]>`
      select provenance from fraud_models where version = ${res.body.candidate}`;
    expect(Date.parse(row!.provenance.trainedBefore)).toBe(Date.parse(res.body.heldOut.from));
  }, 120_000);
});
