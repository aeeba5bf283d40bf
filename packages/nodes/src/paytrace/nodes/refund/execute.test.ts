import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatorHarness, type SimulatorHarness } from '../../test/simulator-harness';
import { paytraceAuthorizeNode } from '../authorize/definition';
import { createAuthorizeExecutor } from '../authorize/execute';
import { paytraceCaptureNode } from '../capture/definition';
import { createCaptureExecutor } from '../capture/execute';
import { paytraceSaleNode } from '../sale/definition';
import { createSaleExecutor } from '../sale/execute';
import { paytraceRefundNode } from './definition';
import { createRefundExecutor, VOID_INSTEAD_ITEM } from './execute';

let h: SimulatorHarness;
let refund: ReturnType<typeof createRefundExecutor>;

beforeAll(async () => {
  h = await startSimulatorHarness();
  refund = createRefundExecutor(h.runtime);
  await h.createProfile('cust-refund');
});
afterAll(() => h.close());

const source = { kind: 'vault', customerId: 'cust-refund' };
async function sale(amount = 1000): Promise<string> {
  const ctx = h.context(paytraceSaleNode, { source, amount });
  return ((await createSaleExecutor(h.runtime).execute(ctx)) as any).output.transactionId;
}
const tx = (id: string) => h.sim.handle.state.transactions.get(Number(id));
const refunds = (id: string) =>
  [...h.sim.handle.state.transactions.values()].filter((t) => t.refundOf === Number(id));
const run = (config: Record<string, unknown>, options = {}) =>
  refund.execute(h.context(paytraceRefundNode, config, options));

describe('paytrace.refund', () => {
  it('refunds a settled sale in full under a new transaction id', async () => {
    const id = await sale();
    await h.settle();
    const result = (await run({ transactionId: id })) as any;
    expect(result).toMatchObject({
      port: 'approved',
      output: {
        operation: 'refund',
        targetTransactionId: id,
        responseCode: 106,
        amount: null,
        invoiceId: expect.stringMatching(/^PB/),
      },
    });
    expect(result.output.transactionId).not.toBe(id);
    expect(refunds(id)).toEqual([expect.objectContaining({ capturedCents: 1000 })]);
  });

  it('refunds in parts, never more than was captured', async () => {
    const id = await sale(1000);
    await h.settle();
    await run({ transactionId: id, amount: 400 });
    await run({ transactionId: id, amount: 500 });
    await expect(run({ transactionId: id, amount: 200 })).rejects.toMatchObject({
      code: 'PAYTRACE_REFUSED',
    });
    expect(tx(id)).toMatchObject({ refundedCents: 900 });
  });

  it('refunds a partly captured authorization up to the captured amount only', async () => {
    const authCtx = h.context(paytraceAuthorizeNode, { source, amount: 5000 });
    const auth = ((await createAuthorizeExecutor(h.runtime).execute(authCtx)) as any).output;
    await createCaptureExecutor(h.runtime).execute(
      h.context(paytraceCaptureNode, { transactionId: auth.transactionId, amount: 2000 }),
    );
    await h.settle();
    // Refused by Paybridge before PayTrace is asked: more than was captured.
    await expect(run({ transactionId: auth.transactionId, amount: 2001 })).rejects.toMatchObject({
      code: 'REFUND_EXCEEDS_CAPTURED',
    });
    await expect(run({ transactionId: auth.transactionId, amount: 2000 })).resolves.toMatchObject({
      port: 'approved',
    });
  });

  it('refuses an unsettled transaction with 817, and releases the attempt', async () => {
    const id = await sale();
    const store = h.store();
    await expect(run({ transactionId: id }, { store })).rejects.toMatchObject({
      errorClass: 'permanent',
      details: { errors: [{ code: 817 }] },
    });
    expect([...store.records.values()]).toEqual([expect.objectContaining({ status: 'released' })]);
    expect(refunds(id)).toEqual([]);
  });

  it('voids an unsettled transaction instead when asked, as a separate ledger item', async () => {
    const id = await sale();
    const store = h.store();
    const config = { transactionId: id, voidIfUnsettled: true };
    const result = await run(config, { store });
    expect(result).toMatchObject({
      port: 'approved',
      output: { operation: 'void', transactionId: id, targetTransactionId: id, responseCode: 109 },
    });
    expect(tx(id)).toMatchObject({ voided: true });
    const voidKey = store.keyOf('pay', { item: VOID_INSTEAD_ITEM });
    expect(store.records.get(voidKey)).toMatchObject({ status: 'settled' });
    const again = await run(config, { store });
    expect(again).toMatchObject({ output: { operation: 'void', origin: 'ledger' } });
    expect(refunds(id)).toEqual([]);
  });

  it('turns only a whole-amount refund into a void', async () => {
    const id = await sale(1000);
    await expect(
      run({ transactionId: id, amount: 999, voidIfUnsettled: true }),
    ).rejects.toMatchObject({ code: 'PAYTRACE_PARTIAL_VOID' });
    expect(tx(id)).toMatchObject({ voided: false });
    await expect(
      run({ transactionId: id, amount: 1000, voidIfUnsettled: true }),
    ).resolves.toMatchObject({ output: { operation: 'void' } });
  });

  it('finds a refund whose answer was lost by its invoice id instead of refunding twice', async () => {
    const id = await sale(1000);
    await h.settle();
    const store = h.store();
    const connection = { unknownOutcomeWaitSeconds: 0 };
    h.sim.handle.setFault('/v1/transactions/refund/for_transaction', {
      reset: 'after',
      remaining: 1,
    });
    await expect(
      run({ transactionId: id, amount: 300 }, { store, connection }),
    ).rejects.toMatchObject({
      errorClass: 'transient',
    });
    const found = await run({ transactionId: id, amount: 300 }, { store, connection });
    expect(found).toMatchObject({
      port: 'approved',
      output: { origin: 'lookup', amount: { minor: 300, currency: 'USD' } },
    });
    expect(refunds(id)).toHaveLength(1);
  });

  it('refuses an unknown transaction id (811)', async () => {
    await expect(run({ transactionId: '999999998' })).rejects.toMatchObject({
      details: { errors: [{ code: 811 }] },
    });
  });
});

describe('paytrace.refund: wait for settlement, then refund', () => {
  const wait = { whenUnsettled: 'wait', settlementCheckSeconds: 60, settlementWaitHours: 2 };

  it('waits durably while the sale is unsettled, then refunds a partial amount', async () => {
    const id = await sale(1000);
    const store = h.store();
    const config = { transactionId: id, amount: 400, ...wait };
    const first = (await run(config, { store })) as any;
    expect(first.suspendUntil.getTime() - Date.now()).toBeGreaterThan(55_000);
    expect(first.state).toEqual({ waitingSince: expect.any(String) });
    expect(refunds(id)).toEqual([]);
    expect(store.records.size).toBe(0);

    // Resumed before the batch closed: it waits on, counting from when it started waiting.
    const again = (await run(config, { store, resume: { state: first.state } })) as any;
    expect(again.state).toEqual(first.state);
    expect(refunds(id)).toEqual([]);

    await h.settle();
    const done = await run(config, { store, resume: { state: first.state } });
    expect(done).toMatchObject({
      port: 'approved',
      output: { operation: 'refund', amount: { minor: 400 }, targetTransactionId: id },
    });
    expect(refunds(id)).toEqual([expect.objectContaining({ amountCents: 400 })]);
  });

  it('gives up after the longest wait, without refunding', async () => {
    const id = await sale(1000);
    const waitingSince = new Date(Date.now() - 3 * 3_600_000).toISOString();
    await expect(
      run({ transactionId: id, amount: 400, ...wait }, { resume: { state: { waitingSince } } }),
    ).rejects.toMatchObject({ code: 'PAYTRACE_SETTLEMENT_TIMEOUT', errorClass: 'permanent' });
    expect(refunds(id)).toEqual([]);
  });

  it('refunds a settled sale at once', async () => {
    const id = await sale(1000);
    await h.settle();
    await expect(run({ transactionId: id, amount: 250, ...wait })).resolves.toMatchObject({
      port: 'approved',
    });
  });
});
