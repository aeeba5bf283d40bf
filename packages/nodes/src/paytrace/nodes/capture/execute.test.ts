import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatorHarness, type SimulatorHarness } from '../../test/simulator-harness';
import { paytraceAuthorizeNode } from '../authorize/definition';
import { createAuthorizeExecutor } from '../authorize/execute';
import { paytraceCaptureNode } from './definition';
import { createCaptureExecutor } from './execute';

let h: SimulatorHarness;
let capture: ReturnType<typeof createCaptureExecutor>;

beforeAll(async () => {
  h = await startSimulatorHarness();
  capture = createCaptureExecutor(h.runtime);
  await h.createProfile('cust-cap');
});
afterAll(() => h.close());

async function authorize(amount = 5000): Promise<string> {
  const ctx = h.context(paytraceAuthorizeNode, {
    source: { kind: 'vault', customerId: 'cust-cap' },
    amount,
  });
  const result = (await createAuthorizeExecutor(h.runtime).execute(ctx)) as any;
  return result.output.transactionId;
}

const tx = (id: string) => h.sim.handle.state.transactions.get(Number(id));
const run = (config: Record<string, unknown>, options = {}) =>
  capture.execute(h.context(paytraceCaptureNode, config, options));

describe('paytrace.capture', () => {
  it('captures the full authorization under the same transaction id', async () => {
    const id = await authorize();
    const result = await run({ transactionId: id });
    expect(result).toMatchObject({
      port: 'approved',
      output: {
        operation: 'capture',
        transactionId: id,
        targetTransactionId: id,
        responseCode: 112,
        amount: null,
        invoiceId: null,
      },
    });
    expect(tx(id)).toMatchObject({ captured: true, capturedCents: 5000 });
  });

  it('captures part of an authorization', async () => {
    const id = await authorize();
    const result = await run({ transactionId: Number(id), amount: 2000 });
    expect(result).toMatchObject({ output: { amount: { minor: 2000, currency: 'USD' } } });
    expect(tx(id)).toMatchObject({ captured: true, capturedCents: 2000 });
  });

  it('refuses a second capture with 816, but a re-execution reuses the first', async () => {
    const id = await authorize();
    const store = h.store();
    await run({ transactionId: id }, { store });
    await expect(run({ transactionId: id }, { store })).resolves.toMatchObject({
      output: { origin: 'ledger' },
    });
    await expect(run({ transactionId: id })).rejects.toMatchObject({
      errorClass: 'permanent',
      code: 'PAYTRACE_REFUSED',
      details: { errors: [{ code: 816 }] },
    });
  });

  it('refuses unknown (811) and malformed (58) transaction ids', async () => {
    await expect(run({ transactionId: '999999999' })).rejects.toMatchObject({
      details: { errors: [{ code: 811 }] },
    });
    await expect(run({ transactionId: '1234567890123456' })).rejects.toMatchObject({
      details: { errors: [{ code: 58 }] },
    });
  });

  it('refuses more than was authorized, and other currencies before sending', async () => {
    const id = await authorize(1000);
    await expect(run({ transactionId: id, amount: 1001 })).rejects.toMatchObject({
      code: 'PAYTRACE_REFUSED',
    });
    await expect(run({ transactionId: id, amount: 100, currency: 'CAD' })).rejects.toMatchObject({
      code: 'CURRENCY_UNSUPPORTED',
    });
    expect(tx(id)).toMatchObject({ captured: false });
  });

  it('confirms a capture whose answer was lost without capturing twice', async () => {
    const id = await authorize();
    const store = h.store();
    const connection = { unknownOutcomeWaitSeconds: 0 };
    h.sim.handle.setFault('/v1/transactions/authorization/capture', {
      reset: 'after',
      remaining: 1,
    });
    await expect(
      run({ transactionId: id, amount: 1500 }, { store, connection }),
    ).rejects.toMatchObject({
      errorClass: 'transient',
    });
    expect(tx(id)).toMatchObject({ captured: true, capturedCents: 1500 });
    const found = await run({ transactionId: id, amount: 1500 }, { store, connection });
    expect(found).toMatchObject({
      port: 'approved',
      output: { origin: 'lookup', transactionId: id, amount: { minor: 1500 } },
    });
    expect(tx(id)).toMatchObject({ capturedCents: 1500 });
  });

  it('captures once a lost request is proven not to have captured', async () => {
    const id = await authorize();
    const store = h.store();
    const connection = { unknownOutcomeWaitSeconds: 0 };
    h.sim.handle.setFault('/v1/transactions/authorization/capture', {
      reset: 'before',
      remaining: 1,
    });
    await expect(run({ transactionId: id }, { store, connection })).rejects.toMatchObject({
      errorClass: 'transient',
    });
    expect(tx(id)).toMatchObject({ captured: false });
    await expect(run({ transactionId: id }, { store, connection })).resolves.toMatchObject({
      port: 'approved',
    });
    expect(tx(id)).toMatchObject({ captured: true, capturedCents: 5000 });
  });

  it('leaves a lost capture to an operator when the request changed meanwhile', async () => {
    const id = await authorize();
    const store = h.store();
    const connection = { unknownOutcomeWaitSeconds: 0 };
    h.sim.handle.setFault('/v1/transactions/authorization/capture', {
      reset: 'before',
      remaining: 1,
    });
    await expect(run({ transactionId: id, amount: 1000 }, { store, connection })).rejects.toThrow();
    await expect(
      run({ transactionId: id, amount: 3000 }, { store, connection }),
    ).rejects.toMatchObject({ code: 'PAYTRACE_OUTCOME_UNRESOLVED' });
    expect(tx(id)).toMatchObject({ captured: false });
  });
});
