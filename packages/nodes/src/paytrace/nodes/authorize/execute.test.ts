import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatorHarness, type SimulatorHarness } from '../../test/simulator-harness';
import { paytraceAuthorizeNode } from './definition';
import { createAuthorizeExecutor } from './execute';

let h: SimulatorHarness;
let authorize: ReturnType<typeof createAuthorizeExecutor>;

beforeAll(async () => {
  h = await startSimulatorHarness();
  authorize = createAuthorizeExecutor(h.runtime);
  await h.createProfile('cust-auth');
});
afterAll(() => h.close());

const run = (config: Record<string, unknown>) =>
  authorize.execute(h.context(paytraceAuthorizeNode, config));

describe('paytrace.authorize', () => {
  it('authorizes without capturing: nothing is pending settlement', async () => {
    const result = (await run({
      source: { kind: 'vault', customerId: 'cust-auth' },
      amount: 5000,
    })) as any;
    expect(result).toMatchObject({
      port: 'approved',
      output: { operation: 'authorization', amount: { minor: 5000, currency: 'USD' } },
    });
    const tx = h.sim.handle.state.transactions.get(Number(result.output.transactionId));
    expect(tx).toMatchObject({ type: 'AUTHORIZATION', captured: false, pendingSince: null });
  });

  it('verifies a card with a $0.00 authorization', async () => {
    const token = await h.protectToken({ number: '4012000098765439' });
    const result = await run({ source: { kind: 'protect', ...token }, amount: 0 });
    expect(result).toMatchObject({ port: 'approved', output: { amount: { minor: 0 } } });
  });

  it('routes a decline to "declined"', async () => {
    const result = await run({ source: { kind: 'vault', customerId: 'cust-auth' }, amount: 51 });
    expect(result).toMatchObject({
      port: 'declined',
      output: { reason: 'DECLINE - Insufficient funds', operation: 'authorization' },
    });
  });

  it('finds a lost authorization by invoice id and type', async () => {
    const store = h.store();
    h.sim.handle.setFault('/v1/transactions/authorization/by_customer', {
      reset: 'after',
      remaining: 1,
    });
    const before = h.count('AUTHORIZATION');
    const config = { source: { kind: 'vault', customerId: 'cust-auth' }, amount: 777 };
    const connection = { unknownOutcomeWaitSeconds: 0 };
    await expect(
      authorize.execute(h.context(paytraceAuthorizeNode, config, { store, connection })),
    ).rejects.toMatchObject({ errorClass: 'transient' });
    const found = await authorize.execute(
      h.context(paytraceAuthorizeNode, config, { store, connection }),
    );
    expect(found).toMatchObject({ port: 'approved', output: { origin: 'lookup' } });
    expect(h.count('AUTHORIZATION')).toBe(before + 1);
  });
});
