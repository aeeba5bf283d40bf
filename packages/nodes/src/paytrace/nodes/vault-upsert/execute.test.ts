import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOutput } from '../../../test-context';
import { startSimulatorHarness, type SimulatorHarness } from '../../test/simulator-harness';
import { paytraceSaleNode } from '../sale/definition';
import { createSaleExecutor } from '../sale/execute';
import { paytraceVaultUpsertNode } from './definition';
import { createVaultUpsertExecutor } from './execute';

let h: SimulatorHarness;
let upsert: ReturnType<typeof createVaultUpsertExecutor>;

beforeAll(async () => {
  h = await startSimulatorHarness();
  upsert = createVaultUpsertExecutor(h.runtime);
});
afterAll(() => h.close());

const profile = (id: string) => h.sim.handle.state.customers.get(id);
async function run(config: Record<string, unknown>, connection: Record<string, unknown> = {}) {
  const ctx = h.context(paytraceVaultUpsertNode, config, { connection });
  return expectOutput(paytraceVaultUpsertNode, await upsert.execute(ctx)).output;
}
async function keyed(number: string) {
  return {
    kind: 'keyed',
    encryptedNumber: await h.encrypt(number),
    expirationMonth: 11,
    expirationYear: 2098,
  };
}

describe('paytrace.vault-upsert', () => {
  it('creates a profile from a Protect.js token', async () => {
    const token = await h.protectToken({ number: '5499740000000057' });
    const output = await run({
      customerId: 'v-protect',
      source: { kind: 'protect', ...token },
      billingAddress: { name: 'Ada Lovelace', zip: '85284' },
      email: 'ada@example.com',
    });
    expect(output).toEqual({
      customerId: 'v-protect',
      action: 'created',
      cardReplaced: true,
      cardLastFour: '0057',
    });
    expect(profile('v-protect')).toMatchObject({
      email: 'ada@example.com',
      card: { lastFour: '0057' },
    });
  });

  it('creates a profile from a previous transaction, and the profile can be charged', async () => {
    const token = await h.protectToken({ number: '4012000098765439' });
    const sale = (await createSaleExecutor(h.runtime).execute(
      h.context(paytraceSaleNode, { source: { kind: 'protect', ...token }, amount: 100 }),
    )) as any;
    const output = await run({
      customerId: 'v-from-tx',
      source: { kind: 'transaction', transactionId: sale.output.transactionId },
    });
    expect(output).toMatchObject({ action: 'created' });
    const charged = await createSaleExecutor(h.runtime).execute(
      h.context(paytraceSaleNode, {
        source: { kind: 'vault', customerId: 'v-from-tx' },
        amount: 200,
      }),
    );
    expect(charged).toMatchObject({ port: 'approved' });
  });

  it('updates an existing profile (171) with a new encrypted card', async () => {
    const allow = { allowKeyedEntry: true };
    await run({ customerId: 'v-keyed', source: await keyed('4012000098765439') }, allow);
    const output = await run(
      {
        customerId: 'v-keyed',
        source: await keyed('5499740000000057'),
        billingAddress: { name: 'New Name' },
      },
      allow,
    );
    expect(output).toEqual({
      customerId: 'v-keyed',
      action: 'updated',
      cardReplaced: true,
      cardLastFour: '0057',
    });
    expect(profile('v-keyed')).toMatchObject({
      card: { lastFour: '0057' },
      billing: { name: 'New Name' },
    });
  });

  it('keeps the card of an existing profile for a Protect.js token, and says so', async () => {
    const first = await h.protectToken({ number: '4012000098765439' });
    await run({ customerId: 'v-keep', source: { kind: 'protect', ...first } });
    const second = await h.protectToken({ number: '5499740000000057' });
    const output = await run({
      customerId: 'v-keep',
      source: { kind: 'protect', ...second },
      phone: '555-0100',
    });
    expect(output).toMatchObject({ action: 'updated', cardReplaced: false, cardLastFour: '5439' });
    expect(profile('v-keep')).toMatchObject({ phone: '555-0100', card: { lastFour: '5439' } });
  });

  it('refuses keyed values unless the connection allows keyed entry', async () => {
    await expect(
      upsert.execute(
        h.context(paytraceVaultUpsertNode, {
          customerId: 'v-no',
          source: await keyed('4012000098765439'),
        }),
      ),
    ).rejects.toMatchObject({ code: 'KEYED_ENTRY_DISABLED' });
    expect(profile('v-no')).toBeUndefined();
  });

  it('fails with PayTrace codes for a transaction it does not know', async () => {
    await expect(
      upsert.execute(
        h.context(paytraceVaultUpsertNode, {
          customerId: 'v-bad',
          source: { kind: 'transaction', transactionId: '999999997' },
        }),
      ),
    ).rejects.toMatchObject({ code: 'PAYTRACE_REFUSED', details: { errors: [{ code: 811 }] } });
  });
});
