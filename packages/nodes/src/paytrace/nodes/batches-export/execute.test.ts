import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOutput } from '../../../test-context';
import { startSimulatorHarness, type SimulatorHarness } from '../../test/simulator-harness';
import { paytraceConnection } from '../../connection';
import { paytraceBatchTransactionsNode } from '../batch-transactions/definition';
import { createBatchTransactionsExecutor } from '../batch-transactions/execute';
import { paytraceSaleNode } from '../sale/definition';
import { createSaleExecutor } from '../sale/execute';
import { paytraceBatchesExportNode } from './definition';
import { createBatchesExportExecutor } from './execute';

let h: SimulatorHarness;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  h = await startSimulatorHarness();
  await h.createProfile('b-cust');
  const sale = createSaleExecutor(h.runtime);
  for (const amount of [1000, 250]) {
    await sale.execute(
      h.context(paytraceSaleNode, { source: { kind: 'vault', customerId: 'b-cust' }, amount }),
    );
  }
});
afterAll(() => h.close());

async function batches(query: Record<string, unknown>, connection?: Record<string, unknown>) {
  const ctx = h.context(paytraceBatchesExportNode, { query }, connection ? { connection } : {});
  const result = await createBatchesExportExecutor(h.runtime).execute(ctx);
  return expectOutput(paytraceBatchesExportNode, result).output as any;
}

describe('paytrace.batches-export and paytrace.batch-transactions', () => {
  it('describes the pending batch, then the closed one, in minor units', async () => {
    const pending = await batches({ by: 'one' });
    expect(pending.batches[0]).toMatchObject({
      createdAt: null,
      transactionCount: 2,
      salesAmount: { minor: 1250, currency: 'USD' },
    });
    await h.settle();
    const closed = await batches({ by: 'dateRange', startDate: today, endDate: today });
    expect(closed.count).toBe(1);
    const batch = closed.batches[0];
    expect(batch).toMatchObject({
      batchNumber: expect.any(Number),
      createdAt: expect.any(String),
      netAmount: { minor: 1250, currency: 'USD' },
      refundAmount: { minor: 0, currency: 'USD' },
    });
    const one = await batches({ by: 'one', batchNumber: batch.batchNumber });
    expect(one.batches).toEqual([batch]);
  });

  it("gives batch and transaction times in ISO 8601 with the offset of the account's zone", async () => {
    const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;
    const range = { by: 'dateRange', startDate: today, endDate: today };
    // The simulator writes the account's wall clock in UTC; the connection says which zone.
    const utc = (await batches(range)).batches[0];
    expect(utc.createdAt).toMatch(ISO);
    expect(utc.createdAt).toMatch(/\+00:00$/);
    const phoenix = (await batches(range, { timeZone: 'America/Phoenix' })).batches[0];
    expect(phoenix.createdAt).toMatch(ISO);
    expect(phoenix.createdAt).toMatch(/-07:00$/);
    expect(phoenix.createdAt.slice(0, 19)).toBe(utc.createdAt.slice(0, 19));

    const ctx = h.context(
      paytraceBatchTransactionsNode,
      { batchNumber: phoenix.batchNumber },
      { connection: { timeZone: 'Asia/Kolkata' } },
    );
    const result = await createBatchTransactionsExecutor(h.runtime).execute(ctx);
    const output = expectOutput(paytraceBatchTransactionsNode, result).output as any;
    for (const t of output.transactions) {
      expect(t.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+05:30$/);
      expect(t.settledAt).toMatch(/\+05:30$/);
    }
  });

  it('refuses a connection time zone that does not exist', () => {
    const values = h.connectionValues({ timeZone: 'Mars/Olympus_Mons' });
    expect(paytraceConnection.fields.safeParse(values).success).toBe(false);
    expect(paytraceConnection.fields.safeParse(h.connectionValues()).data).toMatchObject({
      timeZone: 'UTC',
    });
  });

  it('lists the transactions of a batch', async () => {
    const closed = await batches({ by: 'dateRange', startDate: today, endDate: today });
    const ctx = h.context(paytraceBatchTransactionsNode, {
      batchNumber: closed.batches[0].batchNumber,
    });
    const result = await createBatchTransactionsExecutor(h.runtime).execute(ctx);
    const output = expectOutput(paytraceBatchTransactionsNode, result).output as any;
    expect(output.count).toBe(2);
    expect(output.transactions.map((t: any) => t.amount.minor).sort()).toEqual([1000, 250]);
    expect(output.transactions.every((t: any) => t.status === 'settled')).toBe(true);
  });

  it("fails on an unknown batch number with PayTrace's refusal", async () => {
    const ctx = h.context(paytraceBatchTransactionsNode, { batchNumber: 9999 });
    await expect(createBatchTransactionsExecutor(h.runtime).execute(ctx)).rejects.toMatchObject({
      code: 'PAYTRACE_REFUSED',
    });
  });
});
