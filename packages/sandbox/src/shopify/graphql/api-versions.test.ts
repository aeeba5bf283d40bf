import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, startShop } from '../test-support.js';
import { calendarVersions } from '../core/api-versions.js';

/** A store whose clock reads 7 December 2026 (2026-10 is the current stable version). */
let shop: Awaited<ReturnType<typeof startShop>>;
beforeAll(async () => {
  shop = await startShop({ clock: () => Date.UTC(2026, 11, 7, 12) });
});
afterAll(() => shop.close());

const ask = (version: string) => shop.gql('{ shop { name } }', undefined, { version });

describe('API versions', () => {
  it('knows the versions Shopify serves on a date', () => {
    expect(calendarVersions(Date.UTC(2026, 11, 7))).toEqual([
      '2026-01',
      '2026-04',
      '2026-07',
      '2026-10',
      '2027-01',
      'unstable',
    ]);
    expect(calendarVersions(Date.UTC(2027, 0, 1))[3]).toBe('2027-01');
  });

  it('answers served versions as themselves', async () => {
    for (const version of ['2026-07', '2026-10', '2026-01', '2027-01', 'unstable']) {
      const answer = await ask(version);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('x-shopify-api-version')).toBe(version);
      expect(answer.body.data.shop.name).toBe('paybridge-demo');
    }
  });

  it('falls forward from a retired version to the oldest supported stable one', async () => {
    for (const version of ['2025-10', '2024-01']) {
      const answer = await ask(version);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('x-shopify-api-version')).toBe('2026-01');
    }
  });

  it('answers 404 naming the problem for something that is no version', async () => {
    for (const version of ['2026-05', 'latest', '2026-13']) {
      const answer = await ask(version);
      expect(answer.status).toBe(404);
      expect(answer.body.errors).toContain(`'${version}' is not an API version`);
    }
  });

  it('sends webhooks of a retired subscription version as the version they fall forward to', async () => {
    const receiver = await startReceiver();
    try {
      shop.sim.handle.subscribe('orders/create', receiver.url, { apiVersion: '2025-07' });
      shop.sim.handle.subscribe('orders/create', `${receiver.url}/current`);
      shop.sim.handle.createOrder({ line_items: [{ title: 'A', price: '1.00' }] });
      await shop.sim.handle.deliveries.flush();
      const versions = receiver.received.map((r) => r.headers['x-shopify-api-version']).sort();
      expect(versions).toEqual(['2026-01', '2026-10']);
    } finally {
      await receiver.close();
    }
  });
});
