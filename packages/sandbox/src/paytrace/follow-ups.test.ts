import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClient } from '../test/paytrace-client.js';

let client: Awaited<ReturnType<typeof startClient>>;

beforeAll(async () => {
  client = await startClient();
});
afterAll(() => client.sim.close());

const capture = (transaction_id: unknown, amount?: string) =>
  client.v1('/v1/transactions/authorization/capture', { transaction_id, amount });
const voidTx = (transaction_id: unknown) => client.v1('/v1/transactions/void', { transaction_id });
const refund = (transaction_id: unknown, amount?: string) =>
  client.v1('/v1/transactions/refund/for_transaction', { transaction_id, amount });
const settle = () => client.v1('/v1/transactions/settle', {});
const errorCodes = (answer: { body: { errors?: object } }) => Object.keys(answer.body.errors ?? {});

describe('capture', () => {
  it('captures an authorization in full with 112 and the same transaction id', async () => {
    const auth = await client.keyed('authorization', '5.00');
    const answer = await capture(auth.body.transaction_id);
    expect(answer.body).toMatchObject({
      success: true,
      response_code: 112,
      status_message: 'Your transaction was successfully captured.',
      transaction_id: auth.body.transaction_id,
    });
  });

  it('captures part of an authorization and settles only the captured amount', async () => {
    const auth = await client.keyed('authorization', '5.00');
    expect((await capture(auth.body.transaction_id, '2.00')).body.response_code).toBe(112);
    const tx = client.sim.handle.state.transactions.get(auth.body.transaction_id);
    expect(tx?.capturedCents).toBe(200);
  });

  it('refuses a second capture, a capture of a sale and of a declined auth with 816', async () => {
    const auth = await client.keyed('authorization', '5.00');
    await capture(auth.body.transaction_id);
    const sale = await client.keyed('sale', '5.00');
    const declined = await client.keyed('authorization', '0.29');
    expect(errorCodes(await capture(auth.body.transaction_id))).toEqual(['816']);
    expect(errorCodes(await capture(sale.body.transaction_id))).toEqual(['816']);
    expect(errorCodes(await capture(declined.body.transaction_id))).toEqual(['816']);
  });

  it('refuses capturing more than was authorized', async () => {
    const auth = await client.keyed('authorization', '5.00');
    expect((await capture(auth.body.transaction_id, '5.01')).body.success).toBe(false);
  });

  it('answers 58 for an empty id and 811 for an unknown one', async () => {
    expect(errorCodes(await capture(''))).toEqual(['58']);
    expect(errorCodes(await capture(999))).toEqual(['811']);
  });
});

describe('void', () => {
  it('voids a sale pending settlement with 109', async () => {
    const sale = await client.keyed('sale', '4.00');
    const answer = await voidTx(sale.body.transaction_id);
    expect(answer.body).toMatchObject({
      success: true,
      response_code: 109,
      status_message: 'Your transaction was successfully voided.',
      transaction_id: sale.body.transaction_id,
    });
  });

  it('voids an uncaptured authorization', async () => {
    const auth = await client.keyed('authorization', '4.00');
    expect((await voidTx(auth.body.transaction_id)).body.response_code).toBe(109);
  });

  it('refuses voiding twice, voiding a settled sale and voiding a decline with 818', async () => {
    const sale = await client.keyed('sale', '4.00');
    await voidTx(sale.body.transaction_id);
    const settled = await client.keyed('sale', '4.00');
    await settle();
    const declined = await client.keyed('sale', '0.29');
    expect(errorCodes(await voidTx(sale.body.transaction_id))).toEqual(['818']);
    expect(errorCodes(await voidTx(settled.body.transaction_id))).toEqual(['818']);
    expect(errorCodes(await voidTx(declined.body.transaction_id))).toEqual(['818']);
  });

  it('voids a captured authorization before settlement', async () => {
    const auth = await client.keyed('authorization', '4.00');
    await capture(auth.body.transaction_id);
    expect((await voidTx(auth.body.transaction_id)).body.response_code).toBe(109);
  });

  it('keeps voided sales out of the next batch', async () => {
    const sale = await client.keyed('sale', '4.00');
    await voidTx(sale.body.transaction_id);
    await settle();
    const tx = client.sim.handle.state.transactions.get(sale.body.transaction_id);
    expect(tx?.batchNumber).toBeNull();
  });

  it('treats an auto-voided (103) authorization as neither capturable nor voidable', async () => {
    const auth = await client.keyed('authorization', '4.00', { csc: '000' });
    expect(auth.body.response_code).toBe(103);
    expect(errorCodes(await capture(auth.body.transaction_id))).toEqual(['816']);
    expect(errorCodes(await voidTx(auth.body.transaction_id))).toEqual(['818']);
  });

  it('answers 58 for a missing id and 811 for an unknown one', async () => {
    expect(errorCodes(await voidTx(undefined))).toEqual(['58']);
    expect(errorCodes(await voidTx('123'))).toEqual(['811']);
  });
});

describe('refund for a transaction', () => {
  it('refuses refunding an unsettled sale with 817', async () => {
    const sale = await client.keyed('sale', '4.00');
    expect(errorCodes(await refund(sale.body.transaction_id))).toEqual(['817']);
  });

  it('refunds a settled sale in full with 106 and a new transaction id', async () => {
    const sale = await client.keyed('sale', '4.00');
    await settle();
    const answer = await refund(sale.body.transaction_id);
    expect(answer.body).toMatchObject({
      success: true,
      response_code: 106,
      status_message: 'Your transaction was successfully refunded.',
    });
    expect(answer.body).not.toHaveProperty('masked_card_number');
    expect(answer.body.transaction_id).not.toBe(sale.body.transaction_id);
  });

  it('refunds partially and never more than was captured in total', async () => {
    const sale = await client.keyed('sale', '4.00');
    await settle();
    expect((await refund(sale.body.transaction_id, '3.00')).body.response_code).toBe(106);
    expect((await refund(sale.body.transaction_id, '1.01')).body.success).toBe(false);
    expect((await refund(sale.body.transaction_id, '1.00')).body.response_code).toBe(106);
    expect((await refund(sale.body.transaction_id)).body.success).toBe(false);
  });

  it('limits refunds of a partially captured authorization to the captured amount', async () => {
    const auth = await client.keyed('authorization', '5.00');
    await capture(auth.body.transaction_id, '2.00');
    await settle();
    expect((await refund(auth.body.transaction_id, '2.01')).body.success).toBe(false);
    expect((await refund(auth.body.transaction_id, '2.00')).body.response_code).toBe(106);
  });

  it('voids a pending refund and makes its amount refundable again', async () => {
    const sale = await client.keyed('sale', '4.00');
    await settle();
    const first = await refund(sale.body.transaction_id);
    expect((await voidTx(first.body.transaction_id)).body.response_code).toBe(109);
    expect((await refund(sale.body.transaction_id)).body.response_code).toBe(106);
  });

  it('refuses refunding an uncaptured authorization or a voided sale with 817', async () => {
    const auth = await client.keyed('authorization', '5.00');
    const sale = await client.keyed('sale', '5.00');
    await voidTx(sale.body.transaction_id);
    await settle();
    expect(errorCodes(await refund(auth.body.transaction_id))).toEqual(['817']);
    expect(errorCodes(await refund(sale.body.transaction_id))).toEqual(['817']);
  });

  it('answers 58 and 811 for bad ids', async () => {
    expect(errorCodes(await refund('x'))).toEqual(['58']);
    expect(errorCodes(await refund(424242))).toEqual(['811']);
  });
});
