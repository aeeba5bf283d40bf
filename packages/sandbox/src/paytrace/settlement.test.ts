import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startClient } from '../test/paytrace-client.js';

let now = Date.UTC(2026, 2, 10, 15, 0, 0);
let client: Awaited<ReturnType<typeof startClient>>;

beforeAll(async () => {
  client = await startClient({ clock: () => now });
});
afterAll(() => client.sim.close());
beforeEach(() => {
  client.sim.handle.settings.batchCloseTime = null;
});

const settle = () => client.v1('/v1/transactions/settle', {});

describe('settle', () => {
  it('closes a batch with every transaction pending settlement', async () => {
    const sale = await client.keyed('sale', '10.00');
    const answer = await settle();
    expect(answer.body.success).toBe(true);
    const batch = client.sim.handle.state.batches.at(-1);
    expect(batch?.number).toBe(answer.body.batch_number);
    expect(batch?.transactionIds).toContain(sale.body.transaction_id);
  });

  it('leaves uncaptured authorizations and declines out of the batch', async () => {
    const auth = await client.keyed('authorization', '10.00');
    const declined = await client.keyed('sale', '0.29');
    const sale = await client.keyed('sale', '1.00');
    await settle();
    const ids = client.sim.handle.state.batches.at(-1)?.transactionIds ?? [];
    expect(ids).toEqual([sale.body.transaction_id]);
    expect(ids).not.toContain(auth.body.transaction_id);
    expect(ids).not.toContain(declined.body.transaction_id);
  });
});

describe('UNCONFIRMED settle details as settings', () => {
  it('answers settle with the configured response code', async () => {
    client.sim.handle.settings.settleResponseCode = 101;
    const answer = await settle();
    client.sim.handle.settings.settleResponseCode = 1;
    expect(answer.body.response_code).toBe(101);
  });

  it('shows unsettled rows with the configured settled value', async () => {
    client.sim.handle.settings.unsettledValue = null;
    const sale = await client.keyed('sale', '1.00');
    const answer = await client.v1('/v1/transactions/export/by_id', {
      transaction_id: sale.body.transaction_id,
    });
    client.sim.handle.settings.unsettledValue = '';
    expect(answer.body.transactions[0].settled).toBeNull();
  });
});

describe('daily batch close', () => {
  it('settles at the configured UTC cut-off once the clock passes it', async () => {
    client.sim.handle.settings.batchCloseTime = '23:00';
    await client.v1('/v1/ping');
    const sale = await client.keyed('sale', '12.00');
    now = Date.UTC(2026, 2, 10, 22, 59, 0);
    const before = await client.v1('/v1/transactions/refund/for_transaction', {
      transaction_id: sale.body.transaction_id,
    });
    now = Date.UTC(2026, 2, 10, 23, 0, 1);
    const after = await client.v1('/v1/transactions/refund/for_transaction', {
      transaction_id: sale.body.transaction_id,
    });
    expect(Object.keys(before.body.errors)).toEqual(['817']);
    expect(after.body.response_code).toBe(106);
    now = Date.UTC(2026, 2, 11, 15, 0, 0);
  });
});

describe('transaction exports', () => {
  it('exports one transaction by id with * masks, two-digit years and number amounts', async () => {
    const sale = await client.keyed('sale', '51.88', {
      invoice_id: 'inv-by-id',
      tax_amount: '8.10',
      billing_address: { name: 'Ada', zip: '85284' },
    });
    const answer = await client.v1('/v1/transactions/export/by_id', {
      transaction_id: sale.body.transaction_id,
    });
    expect(answer.body).toMatchObject({ success: true, response_code: 1 });
    const [record] = answer.body.transactions;
    expect(record).toMatchObject({
      transaction_id: sale.body.transaction_id,
      credit_card: { masked_number: '************5439', expiration_month: 12, expiration_year: 99 },
      transaction_type: 'SALE',
      amount: 51.88,
      tax_amount: '8.10',
      invoice_id: 'inv-by-id',
      settled: '',
    });
    expect(record.created.at).toBe('3/11/2026 3:00:00 PM');
  });

  it('answers 811 for an unknown id', async () => {
    const answer = await client.v1('/v1/transactions/export/by_id', { transaction_id: 5 });
    expect(Object.keys(answer.body.errors)).toEqual(['811']);
  });

  it('finds a transaction by invoice id within a date range (also via including_text)', async () => {
    const sale = await client.keyed('sale', '3.33', { invoice_id: 'pb-run-42' });
    await client.keyed('sale', '3.33', { invoice_id: 'other' });
    const exact = await client.v1('/v1/transactions/export/by_date_range', {
      start_date: '03/11/2026',
      end_date: '03/11/2026',
      invoice_id: 'pb-run-42',
    });
    const text = await client.v1('/v1/transactions/export/by_date_range', {
      start_date: '03/11/2026',
      end_date: '03/11/2026',
      including_text: 'pb-run-42',
    });
    expect(exact.body.transactions.map((t: any) => t.transaction_id)).toEqual([
      sale.body.transaction_id,
    ]);
    expect(text.body.transactions.map((t: any) => t.transaction_id)).toEqual([
      sale.body.transaction_id,
    ]);
  });

  it('finds declines through transaction_type DECLINED and excludes other days', async () => {
    const declined = await client.keyed('sale', '0.29', { invoice_id: 'declined-1' });
    const today = await client.v1('/v1/transactions/export/by_date_range', {
      start_date: '03/11/2026',
      end_date: '03/11/2026',
      transaction_type: 'DECLINED',
    });
    const yesterday = await client.v1('/v1/transactions/export/by_date_range', {
      start_date: '03/10/2026',
      end_date: '03/10/2026',
      invoice_id: 'declined-1',
    });
    expect(today.body.transactions.map((t: any) => t.transaction_id)).toContain(
      declined.body.transaction_id,
    );
    expect(yesterday.body.transactions).toEqual([]);
  });

  it('rejects dates that are not MM/DD/YYYY', async () => {
    const answer = await client.v1('/v1/transactions/export/by_date_range', {
      start_date: '2026-03-11',
      end_date: '03/11/2026',
    });
    expect(answer.body.response_code).toBe(1);
  });
});

describe('batch exports', () => {
  it('summarises a closed batch with totals and lists its transactions', async () => {
    await settle();
    await client.keyed('sale', '10.00');
    const visaSale = await client.keyed('sale', '2.50');
    const closed = await settle();
    const one = await client.v1('/v1/batches/export_one', {
      batch_number: closed.body.batch_number,
    });
    expect(one.body.batch).toMatchObject({
      number: closed.body.batch_number,
      transaction_count: 2,
      sales_count: 2,
      sales_amount: 12.5,
      net_amount: 12.5,
      refund_count: 0,
    });
    const list = await client.v1('/v1/batches/transaction_list', {
      batch_number: closed.body.batch_number,
    });
    expect(list.body.transactions.map((t: any) => t.transaction_id)).toContain(
      visaSale.body.transaction_id,
    );
    expect(list.body.transactions[0].settled).toBe('3/11/2026 3:00:00 PM');
  });

  it('nets refunds in a batch', async () => {
    const sale = await client.keyed('sale', '10.00');
    await settle();
    await client.v1('/v1/transactions/refund/for_transaction', {
      transaction_id: sale.body.transaction_id,
      amount: '4.00',
    });
    const closed = await settle();
    const one = await client.v1('/v1/batches/export_one', {
      batch_number: closed.body.batch_number,
    });
    expect(one.body.batch).toMatchObject({ refund_count: 1, refund_amount: 4, net_amount: -4 });
  });

  it('describes the pending batch when no number is given', async () => {
    await client.keyed('sale', '1.00');
    const answer = await client.v1('/v1/batches/export_one', {});
    expect(answer.body.batch.number).toBe(Number(client.sim.handle.state.sequences.peek('batch')));
    expect(answer.body.batch.transaction_count).toBe(1);
  });

  it('lists batches closed within a date range', async () => {
    const answer = await client.v1('/v1/batches/export', {
      start_date: '03/11/2026',
      end_date: '03/11/2026',
    });
    expect(answer.body.batches.length).toBeGreaterThan(0);
  });
});
