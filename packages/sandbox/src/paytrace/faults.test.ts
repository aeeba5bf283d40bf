import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startClient, VISA } from '../test/paytrace-client.js';

let client: Awaited<ReturnType<typeof startClient>>;

beforeAll(async () => {
  client = await startClient();
});
afterAll(() => client.sim.close());
beforeEach(() => client.sim.handle.clearFaults());

const SALE = '/v1/transactions/sale/keyed';
const saleCount = () =>
  [...client.sim.handle.state.transactions.values()].filter((tx) => tx.type === 'SALE').length;

describe('fault injection', () => {
  it('answers a configured 5xx without processing', async () => {
    client.sim.handle.setFault(SALE, { status: 503 });
    const before = saleCount();
    const response = await fetch(client.sim.url + SALE, {
      method: 'POST',
      headers: { authorization: `Bearer ${client.bearer()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ amount: '1.00', credit_card: VISA }),
    });
    expect(response.status).toBe(503);
    expect(saleCount()).toBe(before);
  });

  it('resets the connection before processing: no charge', async () => {
    client.sim.handle.setFault(SALE, { reset: 'before' });
    const before = saleCount();
    await expect(client.keyed('sale', '1.00')).rejects.toThrow();
    expect(saleCount()).toBe(before);
  });

  it('resets the connection after processing: the charge exists, the caller never hears', async () => {
    client.sim.handle.setFault(SALE, { reset: 'after' });
    const before = saleCount();
    await expect(client.keyed('sale', '1.00', { invoice_id: 'lost-answer' })).rejects.toThrow();
    expect(saleCount()).toBe(before + 1);
  });

  it('lets the lost charge be found afterwards by its invoice id', async () => {
    client.sim.handle.setFault(SALE, { reset: 'after', remaining: 1 });
    await expect(client.keyed('sale', '8.00', { invoice_id: 'find-me-later' })).rejects.toThrow();
    const today = new Date(client.sim.handle.now());
    const date = `${today.getUTCMonth() + 1}/${today.getUTCDate()}/${today.getUTCFullYear()}`;
    const found = await client.v1('/v1/transactions/export/by_date_range', {
      start_date: date,
      end_date: date,
      including_text: 'find-me-later',
    });
    expect(found.body.transactions).toEqual([
      expect.objectContaining({
        invoice_id: 'find-me-later',
        amount: 8,
        approval_code: expect.stringMatching(/^TAS/),
      }),
    ]);
  });

  it('adds latency', async () => {
    client.sim.handle.setFault(SALE, { latencyMs: 150 });
    const started = performance.now();
    await client.keyed('sale', '1.00');
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('applies a counted fault only that many times', async () => {
    client.sim.handle.setFault(SALE, { status: 502, remaining: 1 });
    await expect(client.keyed('sale', '1.00')).rejects.toThrow();
    expect((await client.keyed('sale', '1.00')).body.response_code).toBe(101);
  });

  it('is configurable over the admin API', async () => {
    await fetch(`${client.sim.url}/__admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: SALE, status: 500, count: 1 }),
    });
    const first = await fetch(client.sim.url + SALE, {
      method: 'POST',
      headers: { authorization: `Bearer ${client.bearer()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ amount: '1.00', credit_card: VISA }),
    });
    expect(first.status).toBe(500);
  });
});

describe('admin API', () => {
  it('lists transactions in cents and resets state', async () => {
    await client.keyed('sale', '12.34');
    const listed: any = await (await fetch(`${client.sim.url}/__admin/transactions`)).json();
    expect(listed.transactions.at(-1).amountCents).toBe(1234);
    await fetch(`${client.sim.url}/__admin/reset`, { method: 'POST' });
    const after: any = await (await fetch(`${client.sim.url}/__admin/transactions`)).json();
    expect(after.transactions).toEqual([]);
  });

  it('expires tokens so the next call answers invalid_token', async () => {
    const token = await client.token();
    await fetch(`${client.sim.url}/__admin/tokens/expire`, { method: 'POST' });
    const answer = await client.post('/v1/transactions/settle', {}, token);
    expect(answer.body.error).toBe('invalid_token');
  });

  it('changes settings', async () => {
    await fetch(`${client.sim.url}/__admin/settings`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ declineStatus: 402 }),
    });
    expect(client.sim.handle.settings.declineStatus).toBe(402);
    client.sim.handle.settings.declineStatus = 200;
  });
});

describe('faults under load', () => {
  it('survives 200 concurrent sales with every 3rd reset after processing, charging each once', async () => {
    await client.v1('/v1/ping'); // a fresh token first: earlier tests expired it
    await client.keyed('sale', '1.00');
    client.sim.handle.setFault(SALE, { reset: 'after', every: 3 });
    const before = saleCount();
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) =>
        client.keyed('sale', '1.00', { invoice_id: `load-${i}` }),
      ),
    );
    const heard = results.filter((r) => r.status === 'fulfilled').length;
    expect(saleCount() - before).toBe(200);
    expect(heard).toBe(200 - Math.floor(200 / 3));
  });
});
