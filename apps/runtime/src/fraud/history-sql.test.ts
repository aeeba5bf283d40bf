import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEvents } from '../../../../packages/fraud/src/generator/generate';
import { HistoryIndex } from '../../../../packages/fraud/src/history';
import { check, order } from '../../../../packages/fraud/src/test-orders.test-support';
import { freshDatabase } from '../../test/support';
import { createDb, type Sql } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { createLogger } from '../logger';
import { insertAttempts, STORE_MEDIAN_WINDOW, summariseHistory, toMinorIn } from './history-sql';

let sql: Sql;

beforeAll(async () => {
  const url = await freshDatabase();
  const { db, sql: s } = createDb(url, 4);
  sql = s;
  await migrateDatabase(db, sql, url, createLogger('warn'));
});
afterAll(async () => {
  await sql?.end();
});

/** The median the SQL takes: of the latest approved orders before the order, same index rule. */
function recentMedian(amounts: number[]): number | null {
  const latest = amounts.slice(-STORE_MEDIAN_WINDOW).sort((a, b) => a - b);
  if (latest.length === 0) return null;
  return latest[Math.max(0, Math.min(latest.length - 1, Math.ceil(0.5 * latest.length) - 1))]!;
}

describe('the SQL history summary', () => {
  it('gives the same answers as the in-memory HistoryIndex on generated orders', async () => {
    const events = generateEvents({
      seed: 29,
      days: 21,
      ordersPerDay: 160,
      start: '2026-02-01T00:00:00Z',
    });
    for (let i = 0; i < events.length; i += 2000)
      await insertAttempts(sql, events.slice(i, i + 2000));
    const [{ n }] = (await sql`select count(*)::int as n from fraud_attempts`) as unknown as [
      { n: number },
    ];
    expect(n).toBe(events.length);

    // Walk the stream in time order: each sampled order is summarised by the index holding
    // exactly the events before it, and by SQL over the whole table (which must ignore the rest).
    const index = new HistoryIndex();
    const approvedAmounts: number[] = [];
    let compared = 0;
    let withVelocity = 0;
    let withCustomer = 0;
    for (const [i, event] of events.entries()) {
      const sample = event.scenario !== 'legitimate' || i % 17 === 0;
      if (sample && event.approved) {
        const expected = index.summarise(event.order, event.check);
        const actual = await summariseHistory(sql, event.order, event.check);
        const context = `order ${event.order.id} (${event.scenario})`;
        expect(actual.velocity, context).toEqual(expected.velocity);
        expect(actual.customer, context).toEqual(expected.customer);
        expect(actual.emailFirstSeenAt, context).toBe(expected.emailFirstSeenAt);
        // The store median is bounded to the latest orders (HistoryIndex refreshes a cached
        // median of all of them every 500 orders): the same rule over the same window.
        expect(actual.storeMedianAmountMinor, context).toBe(recentMedian([...approvedAmounts]));
        compared += 1;
        const { ip, card } = expected.velocity;
        if (ip.h24.orders + ip.h24.failedAttempts + card.h24.orders + card.h24.failedAttempts > 0)
          withVelocity += 1;
        if (expected.customer.priorOrders > 0) withCustomer += 1;
      }
      index.add(event);
      if (event.approved)
        approvedAmounts.push(toMinorIn(event.order.total_price, event.order.currency));
    }
    // The comparison covered the interesting cases, not only empty histories.
    expect(compared).toBeGreaterThan(300);
    expect(withVelocity).toBeGreaterThan(30);
    expect(withCustomer).toBeGreaterThan(30);
  }, 120_000);

  it('counts the other orders placed in the same second as the order, never the order itself', async () => {
    // Shopify stamps orders to the second: a card-testing script places several in one.
    const second = '2030-05-01T12:00:00Z';
    const burst = (id: number) =>
      order({
        id: 9_000_000 + id,
        created_at: second,
        email: `tester${id}@example.com`,
        browser_ip: '203.0.113.77',
        client_details: { browser_ip: '203.0.113.77', user_agent: `UA-${id}` },
        customer: null,
      });
    await insertAttempts(
      sql,
      [0, 1, 2, 3].map((i) => ({ order: burst(i), check: check(), approved: true })),
    );
    const fifth = await summariseHistory(sql, burst(4), check());
    expect(fifth.velocity.ip.h1.orders).toBe(4);
    const third = await summariseHistory(sql, burst(2), check());
    expect(third.velocity.ip.h1.orders).toBe(3);
  });
});
