import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StagedShopifyOrder } from '@paybridge/nodes/reconcile/server';
import { freshDatabase } from '../../test/support';
import { createDb, type Sql } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { createLogger } from '../logger';
import { shopifyCoverage, shopifyOrdersWithoutTransaction, stageShopifyOrders } from './staging';

let sql: Sql;

beforeAll(async () => {
  const url = await freshDatabase();
  const db = createDb(url, 2);
  sql = db.sql;
  await migrateDatabase(db.db, sql, url, createLogger('warn'));
});
afterAll(async () => {
  await sql?.end();
});

const order = (over: Partial<StagedShopifyOrder>): StagedShopifyOrder => ({
  orderId: '1001',
  name: '#1001',
  transactionId: null,
  amount: 1_000,
  currency: 'USD',
  createdAt: '2026-03-10T12:00:00Z',
  updatedAt: '2026-03-10T12:00:00Z',
  ...over,
});

async function staged(connection: string) {
  return sql<{ transaction_id: string | null; amount: string }[]>`
    select transaction_id, amount::text from reconciliation_shopify_orders
     where connection = ${connection}`;
}

describe('staging Shopify orders', () => {
  it('never replaces a newer copy of an order with an older one (two runs at once)', async () => {
    const newer = order({ transactionId: '501', amount: 1_200, updatedAt: '2026-03-10T13:00:00Z' });
    await stageShopifyOrders(sql, 'store-a', [newer]);
    await stageShopifyOrders(sql, 'store-a', [order({ amount: 1_000 })]);
    expect(await staged('store-a')).toEqual([{ transaction_id: '501', amount: '1200' }]);
  });

  it('keeps a transaction id a copy of the same updatedAt lacks (metafield writes)', async () => {
    await stageShopifyOrders(sql, 'store-b', [order({ transactionId: '502' })]);
    await stageShopifyOrders(sql, 'store-b', [order({ transactionId: null })]);
    expect(await staged('store-b')).toEqual([{ transaction_id: '502', amount: '1000' }]);
    expect(
      await shopifyOrdersWithoutTransaction(
        sql,
        'store-b',
        '2026-03-10T00:00:00Z',
        '2026-03-11T00:00:00Z',
      ),
    ).toEqual([]);
  });

  it('lists the staged orders of a window still without a transaction id', async () => {
    await stageShopifyOrders(sql, 'store-c', [
      order({ orderId: '1' }),
      order({ orderId: '2', transactionId: '503' }),
      order({ orderId: '3', createdAt: '2026-03-12T00:00:00Z' }),
    ]);
    expect(
      await shopifyOrdersWithoutTransaction(
        sql,
        'store-c',
        '2026-03-10T00:00:00Z',
        '2026-03-12T00:00:00Z',
      ),
    ).toEqual(['1']);
  });

  it('records covered days with the read time, moving a watermark only forward', async () => {
    const days = ['2026-03-09', '2026-03-10'];
    const shop = 'demo.myshopify.com https://demo.myshopify.com';
    await stageShopifyOrders(sql, 'store-d', [], {
      shop,
      days,
      readAt: '2026-03-11T06:00:00.000Z',
    });
    await stageShopifyOrders(sql, 'store-d', [], {
      shop,
      days: ['2026-03-10', '2026-03-11'],
      readAt: '2026-03-11T05:00:00.000Z',
    });
    const march = (connection: string, of = shop) =>
      shopifyCoverage(sql, connection, of, '2026-03-01', '2026-03-31');
    expect(await march('store-d')).toEqual([
      { day: '2026-03-09', readAt: '2026-03-11T06:00:00.000Z' },
      { day: '2026-03-10', readAt: '2026-03-11T06:00:00.000Z' },
      { day: '2026-03-11', readAt: '2026-03-11T05:00:00.000Z' },
    ]);
    expect(await shopifyCoverage(sql, 'store-d', shop, '2026-03-10', '2026-03-10')).toHaveLength(1);
    expect(await march('store-a')).toEqual([]);
  });

  it('does not count what was read from another store through the same connection', async () => {
    const simulator = 'demo.myshopify.com http://127.0.0.1:8080/sandbox/shopify';
    const live = 'demo.myshopify.com https://demo.myshopify.com';
    const read = (shop: string, readAt: string) =>
      stageShopifyOrders(sql, 'store-e', [], { shop, days: ['2026-03-10'], readAt });
    await read(simulator, '2026-03-11T06:00:00.000Z');
    expect(await shopifyCoverage(sql, 'store-e', live, '2026-03-10', '2026-03-10')).toEqual([]);
    await read(live, '2026-03-11T05:00:00.000Z');
    expect(await shopifyCoverage(sql, 'store-e', live, '2026-03-10', '2026-03-10')).toEqual([
      { day: '2026-03-10', readAt: '2026-03-11T05:00:00.000Z' },
    ]);
    expect(await shopifyCoverage(sql, 'store-e', simulator, '2026-03-10', '2026-03-10')).toEqual(
      [],
    );
  });
});
