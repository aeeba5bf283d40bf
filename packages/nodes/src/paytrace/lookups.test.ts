import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPaytraceClient, type PaytraceClient } from './client/paytrace-client';
import { paytraceSettings } from './client/settings';
import { exportTransaction, findByInvoice, isListedAsVoid } from './lookups';
import { startSimulatorHarness, type SimulatorHarness } from './test/simulator-harness';

let h: SimulatorHarness;
let client: PaytraceClient;

beforeAll(async () => {
  h = await startSimulatorHarness();
  await h.createProfile('l-cust');
  client = createPaytraceClient(
    h.runtime,
    paytraceSettings(h.connectionValues(), h.sim.url),
    new AbortController().signal,
  );
});
afterAll(() => h.close());

const charge = (kind: 'sale' | 'authorization', invoice_id: string, amount = '1.00') =>
  h.v1(`/v1/transactions/${kind}/by_customer`, { customer_id: 'l-cust', amount, invoice_id });
const now = () => new Date();

describe('findByInvoice', () => {
  it('matches the invoice id exactly, not the free-text hits around it', async () => {
    const wanted = await charge('sale', 'PBLOOKUP1');
    await charge('sale', 'PBLOOKUP1X2');
    await charge('sale', 'XPBLOOKUP1');
    const found = await findByInvoice(client, {
      invoiceId: 'PBLOOKUP1',
      type: 'SALE',
      startedAt: now(),
      now: now(),
    });
    expect(found?.transaction_id).toBe(String(wanted.transaction_id));
  });

  it('matches the transaction type, and proves absence with undefined', async () => {
    await charge('authorization', 'PBLOOKUP2');
    const search = { invoiceId: 'PBLOOKUP2', startedAt: now(), now: now() };
    expect(await findByInvoice(client, { ...search, type: 'SALE' })).toBeUndefined();
    expect(await findByInvoice(client, { ...search, type: 'AUTHORIZATION' })).toBeDefined();
    expect(
      await findByInvoice(client, { ...search, invoiceId: 'PBNOSUCH', type: 'SALE' }),
    ).toBeUndefined();
  });

  it('searches from a day before the attempt started', async () => {
    await charge('sale', 'PBLOOKUP3');
    const twoDaysLater = new Date(Date.now() + 2 * 86_400_000);
    const found = await findByInvoice(client, {
      invoiceId: 'PBLOOKUP3',
      type: 'SALE',
      startedAt: now(),
      now: twoDaysLater,
    });
    expect(found).toBeDefined();
  });
});

describe('void detection', () => {
  it('tells a voided transaction by the documented VOID filter', async () => {
    const sale = await charge('sale', 'PBLOOKUP4');
    const id = String(sale.transaction_id);
    const record = await exportTransaction(client, id);
    if (!record) throw new Error('missing');
    expect(await isListedAsVoid(client, record, now())).toBe(false);
    await h.v1('/v1/transactions/void', { transaction_id: id });
    expect(await isListedAsVoid(client, record, now())).toBe(true);
  });

  it('exports nothing for an unknown id', async () => {
    expect(await exportTransaction(client, '999999995')).toBeUndefined();
  });
});
