import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClient, VISA } from '../test/paytrace-client.js';

let client: Awaited<ReturnType<typeof startClient>>;

beforeAll(async () => {
  client = await startClient();
});
afterAll(() => client.sim.close());

describe('unreferenced refunds and receipts', () => {
  it('refunds a keyed card with 106 and a new id', async () => {
    const answer = await client.v1('/v1/transactions/refund/keyed', {
      amount: '7.00',
      credit_card: VISA,
    });
    expect(answer.body).toMatchObject({
      success: true,
      response_code: 106,
      masked_card_number: 'xxxxxxxxxxxx5439',
    });
  });

  it('refunds to a vault customer, and answers 30 for an unknown one', async () => {
    await client.v1('/v1/customer/create', { customer_id: 'refund-me', credit_card: VISA });
    const ok = await client.v1('/v1/transactions/refund/to_customer', {
      customer_id: 'refund-me',
      amount: '2.00',
    });
    const unknown = await client.v1('/v1/transactions/refund/to_customer', {
      customer_id: 'nobody',
      amount: '2.00',
    });
    expect(ok.body.response_code).toBe(106);
    expect(Object.keys(unknown.body.errors)).toEqual(['30']);
  });

  it('emails a receipt with 149', async () => {
    const sale = await client.keyed('sale', '1.00');
    const answer = await client.v1('/v1/transactions/email_receipt', {
      transaction_id: sale.body.transaction_id,
      email: 'ada@example.com',
    });
    expect(answer.body).toMatchObject({ success: true, response_code: 149 });
  });
});
