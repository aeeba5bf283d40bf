import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatorHarness, type SimulatorHarness } from '../../test/simulator-harness';
import { paytraceAuthorizeNode } from '../authorize/definition';
import { createAuthorizeExecutor } from '../authorize/execute';
import { paytraceSaleNode } from '../sale/definition';
import { createSaleExecutor } from '../sale/execute';
import { paytraceVoidNode } from './definition';
import { createVoidExecutor } from './execute';

let h: SimulatorHarness;
let voider: ReturnType<typeof createVoidExecutor>;

beforeAll(async () => {
  h = await startSimulatorHarness();
  voider = createVoidExecutor(h.runtime);
  await h.createProfile('cust-void');
});
afterAll(() => h.close());

const source = { kind: 'vault', customerId: 'cust-void' };
async function sale(amount = 2500): Promise<string> {
  const ctx = h.context(paytraceSaleNode, { source, amount });
  return ((await createSaleExecutor(h.runtime).execute(ctx)) as any).output.transactionId;
}
async function authorization(): Promise<string> {
  const ctx = h.context(paytraceAuthorizeNode, { source, amount: 900 });
  return ((await createAuthorizeExecutor(h.runtime).execute(ctx)) as any).output.transactionId;
}
const tx = (id: string) => h.sim.handle.state.transactions.get(Number(id));
const run = (transactionId: string, options = {}) =>
  voider.execute(h.context(paytraceVoidNode, { transactionId }, options));

describe('paytrace.void', () => {
  it('voids a sale pending settlement and an uncaptured authorization', async () => {
    for (const id of [await sale(), await authorization()]) {
      await expect(run(id)).resolves.toMatchObject({
        port: 'approved',
        output: { operation: 'void', transactionId: id, responseCode: 109, amount: null },
      });
      expect(tx(id)).toMatchObject({ voided: true });
    }
  });

  it('refuses to void a settled sale (818): refund it instead', async () => {
    const id = await sale();
    await h.settle();
    await expect(run(id)).rejects.toMatchObject({
      errorClass: 'permanent',
      details: { errors: [{ code: 818 }] },
    });
    expect(tx(id)).toMatchObject({ voided: false });
  });

  it('finds a void whose answer was lost, and voids after a lost request that never arrived', async () => {
    const connection = { unknownOutcomeWaitSeconds: 0 };
    for (const reset of ['after', 'before'] as const) {
      const id = await sale();
      const store = h.store();
      h.sim.handle.setFault('/v1/transactions/void', { reset, remaining: 1 });
      await expect(run(id, { store, connection })).rejects.toMatchObject({
        errorClass: 'transient',
      });
      expect(tx(id)?.voided).toBe(reset === 'after');
      const result = await run(id, { store, connection });
      expect(result).toMatchObject({
        port: 'approved',
        output: { origin: reset === 'after' ? 'lookup' : 'gateway', transactionId: id },
      });
      expect(tx(id)).toMatchObject({ voided: true });
    }
  });
});
