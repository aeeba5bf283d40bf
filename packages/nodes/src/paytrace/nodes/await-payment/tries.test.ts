/**
 * The exactly-once rule of pay page tries, against the PayTrace simulator: every try of an order
 * is recorded under the order's sale before it is sent; a declined try lets the next one go (with
 * its own invoice id), an approved one makes every other try a conflict, never a second sale.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chargeConfig } from '../shared/charge-config';
import { performCharge } from '../shared/charge-executor';
import { paytraceSaleNode } from '../sale/definition';
import { startSimulatorHarness, type SimulatorHarness } from '../../test/simulator-harness';

let h: SimulatorHarness;
beforeAll(async () => {
  h = await startSimulatorHarness();
});
afterAll(() => h.close());

async function tryToPay(
  store: ReturnType<SimulatorHarness['store']>,
  order: string,
  attempt: string,
  amount: number,
) {
  const tokens = await h.protectToken({ number: '4012000098765439', csc: '999' });
  const config = chargeConfig(1).parse({
    connectionId: 'c',
    source: { kind: 'protect', ...tokens },
    amount,
  });
  const ctx = h.context(paytraceSaleNode, config, { store });
  return performCharge(
    ctx,
    h.runtime,
    'sale',
    ctx.config,
    `paytrace:c:sale:order:${order}`,
    attempt,
  );
}

describe('pay page tries of one order', () => {
  it('sends each try after a decline, under its own invoice id', async () => {
    const store = h.store();
    const before = h.count('SALE');
    const first = await tryToPay(store, '501', 'try-1', 29);
    const second = await tryToPay(store, '501', 'try-2', 29);
    expect([first.status, second.status]).toEqual(['declined', 'declined']);
    expect(second.invoiceId).not.toBe(first.invoiceId);
    expect(h.count('SALE')).toBe(before + 2);
  });

  it('never sends a second sale once a try was approved', async () => {
    const store = h.store();
    const before = h.count('SALE');
    const paid = await tryToPay(store, '502', 'try-1', 1234);
    expect(paid).toMatchObject({ status: 'approved', origin: 'gateway' });
    await expect(tryToPay(store, '502', 'try-2', 1234)).rejects.toMatchObject({
      code: 'IDEMPOTENCY_CONFLICT',
    });
    const again = await tryToPay(store, '502', 'try-1', 1234);
    expect(again).toMatchObject({ status: 'approved', origin: 'ledger' });
    expect(again.transactionId).toBe(paid.status === 'approved' ? paid.transactionId : null);
    expect(h.count('SALE')).toBe(before + 1);
  });
});
