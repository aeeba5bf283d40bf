import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOutput } from '../../../test-context';
import { startSimulatorHarness, type SimulatorHarness } from '../../test/simulator-harness';
import { usDate } from '../../lookups';
import { paytraceSaleNode } from '../sale/definition';
import { createSaleExecutor } from '../sale/execute';
import { paytraceTransactionsExportNode } from './definition';
import { createTransactionsExportExecutor } from './execute';

let h: SimulatorHarness;
let exporter: ReturnType<typeof createTransactionsExportExecutor>;
let saleId: string;
let declinedId: string;

const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  h = await startSimulatorHarness();
  exporter = createTransactionsExportExecutor(h.runtime);
  await h.createProfile('x-cust');
  const sale = createSaleExecutor(h.runtime);
  const charge = async (amount: number) =>
    (
      (await sale.execute(
        h.context(paytraceSaleNode, {
          source: { kind: 'vault', customerId: 'x-cust' },
          amount,
          description: 'export test',
          taxAmount: 81,
        }),
      )) as any
    ).output.transactionId as string;
  saleId = await charge(11000);
  declinedId = await charge(29);
});
afterAll(() => h.close());

async function run(query: Record<string, unknown>) {
  const ctx = h.context(paytraceTransactionsExportNode, { query });
  return expectOutput(paytraceTransactionsExportNode, await exporter.execute(ctx)).output as any;
}

describe('paytrace.transactions-export', () => {
  it('reads one transaction by id, exactly in minor units, with the last four only', async () => {
    const output = await run({ by: 'id', transactionId: saleId });
    expect(output.count).toBe(1);
    expect(output.transactions[0]).toMatchObject({
      transactionId: saleId,
      type: 'SALE',
      status: 'pending',
      amount: { minor: 11000, currency: 'USD' },
      taxAmount: { minor: 81, currency: 'USD' },
      description: 'export test',
      customerId: 'x-cust',
      cardLastFour: '5439',
      settledAt: null,
    });
    expect(JSON.stringify(output)).not.toMatch(/\*{4}|x{4}|4012/);
  });

  it('gives an empty list for an id PayTrace does not know', async () => {
    await expect(run({ by: 'id', transactionId: '999999996' })).resolves.toEqual({
      transactions: [],
      count: 0,
    });
  });

  it('reads a date range with the documented filters', async () => {
    const all = await run({ by: 'dateRange', startDate: today, endDate: today });
    expect(all.count).toBeGreaterThanOrEqual(2);
    const declined = await run({
      by: 'dateRange',
      startDate: today,
      endDate: today,
      transactionType: 'DECLINED',
    });
    expect(declined.transactions.map((t: any) => t.transactionId)).toEqual([declinedId]);
    expect(declined.transactions[0]).toMatchObject({ status: 'declined', approvalCode: '' });
  });

  it('reads unsettled rows whether PayTrace leaves "settled" empty or null', async () => {
    for (const value of ['', null] as const) {
      h.sim.handle.settings.unsettledValue = value;
      const output = await run({ by: 'id', transactionId: saleId });
      expect(output.transactions[0]).toMatchObject({ status: 'pending', settledAt: null });
    }
    h.sim.handle.settings.unsettledValue = '';
  });

  it('shows settlement once the batch closed', async () => {
    await h.settle();
    const output = await run({ by: 'id', transactionId: saleId });
    expect(output.transactions[0]).toMatchObject({
      status: 'settled',
      settledAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/),
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/),
    });
    const ctx = h.context(
      paytraceTransactionsExportNode,
      { query: { by: 'id', transactionId: saleId } },
      { connection: { timeZone: 'America/New_York' } },
    );
    const there = expectOutput(paytraceTransactionsExportNode, await exporter.execute(ctx))
      .output as any;
    expect(there.transactions[0].createdAt).toMatch(/-0[45]:00$/);
    expect(there.transactions[0].createdAt.slice(0, 19)).toBe(
      output.transactions[0].createdAt.slice(0, 19),
    );
  });

  it('refuses a range that ends before it starts', () => {
    const parsed = paytraceTransactionsExportNode.config.safeParse({
      connectionId: 'c',
      query: { by: 'dateRange', startDate: '2025-02-01', endDate: '2025-01-01' },
    });
    expect(parsed.success).toBe(false);
  });

  it('writes dates as PayTrace filters take them', () => {
    expect(usDate(new Date('2025-01-05T23:00:00Z'))).toBe('01/05/2025');
  });
});
