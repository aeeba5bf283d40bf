import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClient, VISA } from '../test/paytrace-client.js';

/** Answers compared with recorded real sandbox exchanges (paytrace-api.md §3.3, §3.4, §4.2). */
let client: Awaited<ReturnType<typeof startClient>>;
beforeAll(async () => {
  client = await startClient();
});
afterAll(async () => {
  await client.sim.close();
});

async function profile(customerId: string, zip: string) {
  const created = await client.v1('/v1/customer/create', {
    customer_id: customerId,
    credit_card: VISA,
    billing_address: { name: 'Stored Address', street_address: '1 Main St', zip },
  });
  expect(created.body.response_code).toBe(160);
}

describe('answers as recorded by the real gateway', () => {
  it('checks the stored billing address of a vault sale and authorization', async () => {
    await profile('avs-stored-90210', '90210');
    for (const kind of ['sale', 'authorization']) {
      const answer = await client.v1(`/v1/transactions/${kind}/by_customer`, {
        customer_id: 'avs-stored-90210',
        amount: '3.00',
      });
      expect(answer.body).toMatchObject({
        response_code: 101,
        avs_response: 'No Match',
        approval_message: '  NO  MATCH - Approved and completed',
      });
    }
  });

  it('checks the earlier transaction’s billing address of a sale by transaction', async () => {
    await profile('avs-stored-85284', '85284');
    const first = await client.v1('/v1/transactions/sale/by_customer', {
      customer_id: 'avs-stored-85284',
      amount: '3.00',
    });
    expect(first.body.avs_response).toBe('Full Exact Match');
    const again = await client.v1('/v1/transactions/authorization/by_transaction', {
      transaction_id: first.body.transaction_id,
      amount: '4.00',
    });
    expect(again.body).toMatchObject({
      response_code: 101,
      avs_response: 'Full Exact Match',
      approval_message: 'EXACT MATCH - Approved and completed',
    });
  });

  it('lets an address sent with a vault sale take precedence over the stored one', async () => {
    await profile('avs-override', '90210');
    const answer = await client.v1('/v1/transactions/sale/by_customer', {
      customer_id: 'avs-override',
      amount: '3.00',
      billing_address: { zip: '85284' },
    });
    expect(answer.body.avs_response).toBe('Zip Match Only');
  });

  it('answers a void without external_transaction_id and a refund of a transaction without masked_card_number', async () => {
    const sale = await client.keyed('sale', '6.00');
    const voided = await client.v1('/v1/transactions/void', {
      transaction_id: sale.body.transaction_id,
    });
    expect(voided.body.response_code).toBe(109);
    expect(voided.body).not.toHaveProperty('external_transaction_id');

    const settled = await client.keyed('sale', '7.00');
    await client.v1('/v1/transactions/settle', {});
    const refund = await client.v1('/v1/transactions/refund/for_transaction', {
      transaction_id: settled.body.transaction_id,
    });
    expect(refund.body.response_code).toBe(106);
    expect(refund.body).not.toHaveProperty('masked_card_number');
    const keyed = await client.v1('/v1/transactions/refund/keyed', {
      amount: '1.00',
      credit_card: VISA,
    });
    expect(keyed.body.masked_card_number).toBe('xxxxxxxxxxxx5439');
  });

  it('writes error 817 with two spaces after "refunded."', async () => {
    const sale = await client.keyed('sale', '8.00');
    const refused = await client.v1('/v1/transactions/refund/for_transaction', {
      transaction_id: sale.body.transaction_id,
    });
    expect(refused.body.errors['817']).toEqual([
      'The Transaction ID that you provided could not be refunded.  Only settled transactions can be refunded. Please try to void the transaction instead.',
    ]);
  });
});
