import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectOutput } from '../../../test-context';
import { startSimulatorHarness, type SimulatorHarness } from '../../test/simulator-harness';
import { paytraceSaleNode } from './definition';
import { createSaleExecutor } from './execute';

let h: SimulatorHarness;
let sale: ReturnType<typeof createSaleExecutor>;

beforeAll(async () => {
  h = await startSimulatorHarness();
  sale = createSaleExecutor(h.runtime);
  await h.createProfile('cust-sale');
});
afterAll(() => h.close());
beforeEach(() => {
  h.sim.handle.clearFaults();
  Object.assign(h.sim.handle.settings, { declineStatus: 200, errorStatus: 400 });
});

const vault = { kind: 'vault', customerId: 'cust-sale' };

async function run(config: Record<string, unknown>, connection?: Record<string, unknown>) {
  const ctx = h.context(paytraceSaleNode, config, { ...(connection ? { connection } : {}) });
  return { ctx, result: expectOutput(paytraceSaleNode, await sale.execute(ctx)) };
}

describe('paytrace.sale', () => {
  it('charges a vault profile once and emits the approval on "approved"', async () => {
    const before = h.count('SALE');
    const { ctx, result } = await run({ source: vault, amount: 1050, description: 'Order 1001' });
    expect(result.port).toBe('approved');
    const output = result.output as any;
    expect(output).toMatchObject({
      status: 'approved',
      operation: 'sale',
      transactionId: expect.stringMatching(/^\d+$/),
      amount: { minor: 1050, currency: 'USD' },
      approvalCode: expect.stringMatching(/^TAS\d{3}$/),
      responseCode: 101,
      invoiceId: expect.stringMatching(/^PB[A-Z0-9]{16}$/),
      origin: 'gateway',
    });
    expect(h.count('SALE')).toBe(before + 1);
    const tx = h.sim.handle.state.transactions.get(Number(output.transactionId));
    expect(tx).toMatchObject({
      amountCents: 1050,
      invoiceId: output.invoiceId,
      description: 'Order 1001',
    });
    expect(ctx.logger.entries).toEqual([]);
  });

  it('charges encrypted keyed values when the connection allows keyed entry', async () => {
    const source = {
      kind: 'keyed',
      encryptedNumber: await h.encrypt('4012000098765439'),
      encryptedCsc: await h.encrypt('999'),
      expirationMonth: 12,
      expirationYear: 2099,
    };
    const { result } = await run(
      { source, amount: 2599, billingAddress: { streetAddress: '1 Main St', zip: '85284' } },
      { allowKeyedEntry: true },
    );
    expect(result.output).toMatchObject({
      status: 'approved',
      cardLastFour: '5439',
      avsResponse: 'Full Exact Match',
      cscResponse: 'Match',
      approvalMessage: 'EXACT MATCH - Approved and completed',
    });
    expect(JSON.stringify(result.output)).not.toContain('xxxx');
  });

  it('refuses keyed entry unless an admin enabled it, before anything is sent', async () => {
    const before = h.count();
    const source = {
      kind: 'keyed',
      encryptedNumber: await h.encrypt('4012000098765439'),
      expirationMonth: 12,
      expirationYear: 2099,
    };
    const ctx = h.context(paytraceSaleNode, { source, amount: 100 });
    await expect(sale.execute(ctx)).rejects.toMatchObject({
      errorClass: 'permanent',
      code: 'KEYED_ENTRY_DISABLED',
    });
    expect(h.count()).toBe(before);
  });

  it('never takes a clear card number, even as "encrypted" text', () => {
    const parsed = paytraceSaleNode.config.safeParse({
      connectionId: 'x',
      source: {
        kind: 'keyed',
        encryptedNumber: '4012000098765439',
        expirationMonth: 1,
        expirationYear: 2030,
      },
      amount: 100,
    });
    expect(parsed.success).toBe(false);
  });

  it('charges a Protect.js token and the card of a previous transaction', async () => {
    const token = await h.protectToken({ number: '5499740000000057', csc: '998' });
    const first = await run({ source: { kind: 'protect', ...token }, amount: 300 });
    expect(first.result.output).toMatchObject({
      status: 'approved',
      cardLastFour: '0057',
      cscResponse: 'Match',
    });
    const previous = (first.result.output as any).transactionId;
    const second = await run({
      source: { kind: 'transaction', transactionId: previous },
      amount: 400,
    });
    expect(second.result.output).toMatchObject({ status: 'approved', amount: { minor: 400 } });
  });

  it.each([
    [29, 'EXPIRED CARD - Expired card'],
    [51, 'DECLINE - Insufficient funds'],
    [11200, 'DECLINE - Do not honor'],
  ])('routes the %i-cent trigger to "declined" with the trimmed reason', async (amount, reason) => {
    const { result } = await run({ source: vault, amount });
    expect(result.port).toBe('declined');
    expect(result.output).toMatchObject({
      status: 'declined',
      responseCode: 102,
      reason,
      transactionId: expect.stringMatching(/^\d+$/),
      amount: { minor: amount, currency: 'USD' },
    });
  });

  it('treats an AVS auto-void (ZIP 99999, 103) as a decline with AVS and reason', async () => {
    const { result } = await run({ source: vault, amount: 700, billingAddress: { zip: '99999' } });
    expect(result.port).toBe('declined');
    expect(result.output).toMatchObject({
      responseCode: 103,
      avsResponse: 'No Match',
      reason: expect.stringContaining('voided because your address and/or CSC did not match'),
    });
  });

  it('approves ZIP 99999 when the account has no AVS auto-void rule', async () => {
    h.sim.handle.settings.avsAutoVoid = false;
    try {
      const { result } = await run({
        source: vault,
        amount: 700,
        billingAddress: { zip: '99999' },
      });
      expect(result.output).toMatchObject({ status: 'approved', avsResponse: 'No Match' });
    } finally {
      h.sim.handle.settings.avsAutoVoid = true;
    }
  });

  it('treats a CSC mismatch (000) as a decline carrying the CSC result', async () => {
    const token = await h.protectToken({ number: '4012000098765439', csc: '000' });
    const { result } = await run({ source: { kind: 'protect', ...token }, amount: 800 });
    expect(result.port).toBe('declined');
    expect(result.output).toMatchObject({ responseCode: 103, cscResponse: 'No Match' });
  });

  it('declines the same way when PayTrace answers declines with HTTP 402', async () => {
    h.sim.handle.settings.declineStatus = 402;
    const { result } = await run({ source: vault, amount: 29 });
    expect(result.output).toMatchObject({
      status: 'declined',
      reason: 'EXPIRED CARD - Expired card',
    });
  });

  it('fails with PayTrace error codes on a refusal, under either error status, and releases the attempt', async () => {
    for (const status of [400, 200]) {
      h.sim.handle.settings.errorStatus = status;
      const store = h.store();
      const config = { source: { kind: 'vault', customerId: 'nobody' }, amount: 100 };
      const ctx = h.context(paytraceSaleNode, config, { store });
      const error = await sale.execute(ctx).catch((e: unknown) => e);
      expect(error).toMatchObject({
        errorClass: 'permanent',
        code: 'PAYTRACE_REFUSED',
        details: {
          errors: [
            { code: 30, messages: ['Customer ID, nobody, was not found or is incomplete.'] },
          ],
        },
      });
      expect([...store.records.values()][0]).toMatchObject({ status: 'released', attempt: 1 });
    }
  });

  it('refuses other currencies before calling PayTrace', async () => {
    const before = h.count();
    const ctx = h.context(paytraceSaleNode, { source: vault, amount: 100, currency: 'EUR' });
    await expect(sale.execute(ctx)).rejects.toMatchObject({ code: 'CURRENCY_UNSUPPORTED' });
    expect(h.count()).toBe(before);
  });
});
