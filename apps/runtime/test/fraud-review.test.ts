/**
 * The fraud review queue over real HTTP and Postgres: a scored order held by `fraud.review` shows
 * in the queue with its signals; approving or rejecting it through the API resumes the waiting
 * run at once on the matching port, is audited and labels the score; deciding twice answers 409;
 * nobody deciding applies the configured default. Scores read Paybridge's own history, so the
 * second order from the same email sees the first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSql, type Sql } from '../src/db/client';
import type { RuntimeHandle } from '../src/start-runtime';
import { call, freshDatabase, restFlow, startTestRuntime, waitForRun } from './support';

let rt: RuntimeHandle;
let base: string;
let sql: Sql;
let nextId = 9100;

beforeAll(async () => {
  const url = await freshDatabase();
  rt = await startTestRuntime(url);
  base = rt.url!;
  sql = openSql(url, { max: 2 });
  for (const [path, review] of [
    ['screen', { timeoutHours: 72 }],
    ['screen-quick', { timeoutHours: 0.0005, onTimeout: 'reject' }],
  ] as const) {
    const graph = restFlow(
      path,
      [
        {
          id: 'score',
          type: 'fraud.score',
          config: {
            order: '=$trigger.body',
            avsResponse: 'No Match',
            cscResponse: 'Match',
            reviewAt: 1,
            highAt: 99,
          },
        },
        { id: 'review', type: 'fraud.review', config: review },
        { id: 'pass', type: 'map', config: { expression: '{ "captured": true }' } },
        { id: 'stop', type: 'map', config: { expression: '{ "voided": true }' } },
      ],
      [
        ['trigger', 'score'],
        // Every order is held, whatever the model makes of it: the queue is under test here.
        ['score', 'review', 'low'],
        ['score', 'review', 'review'],
        ['score', 'review', 'high'],
        ['review', 'pass', 'approved'],
        ['review', 'stop', 'rejected'],
      ],
    );
    const res = await call(base, 'POST', '/api/flows', { name: path, graph, activate: true });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
});
afterAll(async () => {
  await sql?.end();
  await rt?.stop();
});

function order(email: string, minutesAgo = 1) {
  const id = nextId++;
  return {
    id,
    name: `#${id}`,
    created_at: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
    email,
    browser_ip: '105.112.4.9',
    total_price: '249.00',
    currency: 'USD',
    billing_address: { address1: '1 Oak St', city: 'Austin', zip: '78701', country_code: 'US' },
    shipping_address: { address1: '7 High St', city: 'Leeds', zip: 'LS1 4DY', country_code: 'GB' },
    line_items: [{ sku: 'WATCH-007', quantity: 1, price: '249.00' }],
    customer: { id: 77, created_at: '2025-06-01T00:00:00Z' },
  };
}

/** Sends an order through a flow and waits until its run holds for a decision. */
async function held(path: string, body: ReturnType<typeof order>) {
  const sent = await call(base, 'POST', `/hooks/${path}`, body);
  expect(sent.status, JSON.stringify(sent.body)).toBe(202);
  await waitForRun(base, sent.body.runId, (r) => r.status === 'waiting' || r.status === 'failed');
  const list = await call(base, 'GET', '/api/fraud/reviews?status=waiting');
  const review = list.body.reviews.find((r: any) => r.orderId === String(body.id));
  expect(review, JSON.stringify(list.body)).toBeTruthy();
  return { runId: sent.body.runId as string, review };
}

const nodesRun = (run: any) => run.steps.map((s: any) => s.nodeId);

describe('the fraud review queue', () => {
  it('lists a held order with its score and signals, and approving it resumes the run once', async () => {
    const first = order('kim.lee@example.com', 30);
    const a = await held('screen', first);
    const second = order('kim.lee@example.com', 1);
    const { runId, review } = await held('screen', second);
    expect(review).toMatchObject({ status: 'waiting', runId });
    expect(review.level).toBe(review.score >= 99 ? 'high' : review.score >= 1 ? 'elevated' : 'low');
    expect(review.amount).toEqual({ minor: 24900, currency: 'USD' });

    const list = await call(base, 'GET', '/api/fraud/reviews');
    expect(list.body.waiting).toBeGreaterThanOrEqual(2);
    expect(list.body.reviews[0].status).toBe('waiting');

    const detail = await call(base, 'GET', `/api/fraud/reviews/${review.id}`);
    expect(detail.status, JSON.stringify(detail.body)).toBe(200);
    expect(detail.body.ipAddress).toBe('105.112.4.9');
    expect(detail.body.ipCountry).toBe('NG');
    expect(detail.body.paymentCheck).toMatchObject({
      avsResponse: 'No Match',
      cscResponse: 'Match',
    });
    expect(detail.body.order.shipping_address.country_code).toBe('GB');
    // The history in Postgres saw the first order from this email and customer.
    expect(detail.body.history.velocity.email.h1.orders).toBe(1);
    expect(detail.body.history.customer.priorOrders).toBe(1);
    expect(detail.body.customerAttempts.map((x: any) => x.orderId)).toEqual([String(first.id)]);

    const approved = await call(base, 'POST', `/api/fraud/reviews/${review.id}/approve`, {
      note: 'Called the customer',
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', note: 'Called the customer' });
    const started = Date.now();
    const run = await waitForRun(base, runId);
    // Resumed at once, not at the 72 h timeout.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(run.status).toBe('succeeded');
    expect(nodesRun(run)).toContain('pass');
    expect(nodesRun(run)).not.toContain('stop');
    const out = run.steps.find(
      (s: any) => s.nodeId === 'review' && s.status === 'succeeded',
    ).output;
    expect(out).toMatchObject({
      decision: 'approved',
      timedOut: false,
      note: 'Called the customer',
    });

    const again = await call(base, 'POST', `/api/fraud/reviews/${review.id}/approve`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already approved by/);
    const other = await call(base, 'POST', `/api/fraud/reviews/${review.id}/reject`);
    expect(other.status).toBe(409);

    const [label] = await sql`
      select s.label, s.label_source from fraud_scores s join fraud_reviews r on r.score_id = s.id
      where r.id = ${review.id}`;
    expect(label).toEqual({ label: 'legit', label_source: 'review' });
    const audit = await sql`
      select action, details from audit_log where target_id = ${review.id}`;
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'fraud-review.approve',
        details: expect.objectContaining({ note: 'Called the customer' }),
      }),
    ]);

    // The first order is still waiting; rejecting it takes the rejected port.
    const rejected = await call(base, 'POST', `/api/fraud/reviews/${a.review.id}/reject`);
    expect(rejected.status).toBe(200);
    const run2 = await waitForRun(base, a.runId);
    expect(nodesRun(run2)).toContain('stop');
    expect(nodesRun(run2)).not.toContain('pass');
    const [label2] = await sql`select label from fraud_scores where order_id = ${String(first.id)}`;
    expect(label2!.label).toBe('fraud');
  });

  it('applies the default action when nobody decides in time, and says so', async () => {
    const sent = await call(base, 'POST', '/hooks/screen-quick', order('late@example.com'));
    const run = await waitForRun(base, sent.body.runId, undefined, 30_000);
    expect(run.status).toBe('succeeded');
    expect(nodesRun(run)).toContain('stop');
    const out = run.steps.find((s: any) => s.nodeId === 'review' && s.status === 'succeeded');
    expect(out.output).toMatchObject({
      decision: 'rejected',
      timedOut: true,
      decidedBy: 'timeout',
    });
    // The queue's "timed out" filter finds it, and only reviews the timeout decided.
    const timedOut = await call(base, 'GET', '/api/fraud/reviews?timedOut=true');
    expect(timedOut.body.reviews.map((r: any) => r.id)).toContain(out.output.reviewId);
    expect(timedOut.body.reviews.every((r: any) => r.timedOut)).toBe(true);
    const byPeople = await call(base, 'GET', '/api/fraud/reviews?status=rejected&timedOut=false');
    expect(byPeople.body.reviews.map((r: any) => r.id)).not.toContain(out.output.reviewId);
    const late = await call(base, 'POST', `/api/fraud/reviews/${out.output.reviewId}/approve`);
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/nobody decided in time/);
  });

  it('answers 404 for an unknown review and 400 for a note that is too long', async () => {
    const missing = await call(
      base,
      'POST',
      '/api/fraud/reviews/00000000-0000-4000-8000-000000000000/approve',
    );
    expect(missing.status).toBe(404);
    const long = await call(
      base,
      'POST',
      '/api/fraud/reviews/00000000-0000-4000-8000-000000000000/approve',
      { note: 'x'.repeat(1001) },
    );
    expect(long.status).toBe(400);
  });
});
