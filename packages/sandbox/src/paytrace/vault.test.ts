import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClient, VISA } from '../test/paytrace-client.js';

let client: Awaited<ReturnType<typeof startClient>>;

beforeAll(async () => {
  client = await startClient();
});
afterAll(() => client.sim.close());

const create = (customer_id: string, name = 'Ada Lovelace') =>
  client.v1('/v1/customer/create', {
    customer_id,
    credit_card: VISA,
    billing_address: { name, zip: '85284' },
  });

describe('customer vault', () => {
  it('creates a profile with 160 and the masked card number', async () => {
    const answer = await create('cust-1');
    expect(answer.body).toMatchObject({
      success: true,
      response_code: 160,
      status_message: 'The customer profile for cust-1/Ada Lovelace was successfully created.',
      customer_id: 'cust-1',
      masked_card_number: 'xxxxxxxxxxxx5439',
    });
  });

  it('refuses a duplicate customer id with 171', async () => {
    await create('cust-dup');
    const answer = await create('cust-dup');
    expect(answer.body.errors).toEqual({ '171': ['Please provide a unique customer ID.'] });
  });

  it('charges and authorizes a profile by customer id', async () => {
    await create('cust-charge');
    const sale = await client.v1('/v1/transactions/sale/by_customer', {
      customer_id: 'cust-charge',
      amount: '20.00',
    });
    const auth = await client.v1('/v1/transactions/authorization/by_customer', {
      customer_id: 'cust-charge',
      amount: '0.29',
    });
    expect(sale.body.response_code).toBe(101);
    expect(sale.body).not.toHaveProperty('masked_card_number');
    expect(auth.body.response_code).toBe(102);
  });

  it('creates a profile from a past transaction', async () => {
    const sale = await client.keyed('sale', '1.00');
    const answer = await client.v1('/v1/customer/create_from_transaction', {
      customer_id: 'cust-from-tx',
      transaction_id: sale.body.transaction_id,
    });
    expect(answer.body).toMatchObject({ response_code: 160, customer_id: 'cust-from-tx' });
  });

  it('updates a profile and answers 30 for an unknown one', async () => {
    await create('cust-up');
    const updated = await client.v1('/v1/customer/update', {
      customer_id: 'cust-up',
      credit_card: { number: '5499740000000057', expiration_month: 1, expiration_year: 2098 },
    });
    const unknown = await client.v1('/v1/customer/update', { customer_id: 'ghost' });
    expect(updated.body.masked_card_number).toBe('xxxxxxxxxxxx0057');
    expect(Object.keys(unknown.body.errors)).toEqual(['30']);
  });

  it('deletes a profile with 162, after which charging it answers 30', async () => {
    await create('cust-del', 'Bob');
    const deleted = await client.v1('/v1/customer/delete', { customer_id: 'cust-del' });
    const again = await client.v1('/v1/customer/delete', { customer_id: 'cust-del' });
    const sale = await client.v1('/v1/transactions/sale/by_customer', {
      customer_id: 'cust-del',
      amount: '1.00',
    });
    expect(deleted.body).toMatchObject({
      response_code: 162,
      status_message: 'The customer profile for cust-del/Bob was successfully deleted.',
    });
    expect(Object.keys(again.body.errors)).toEqual(['30']);
    expect(Object.keys(sale.body.errors)).toEqual(['30']);
  });

  it('exports profiles with masked cards, filtered by customer id', async () => {
    await create('cust-export');
    const answer = await client.v1('/v1/customer/export', { customer_id: 'cust-export' });
    expect(answer.body.customers).toEqual([
      expect.objectContaining({
        customer_id: 'cust-export',
        credit_card: {
          masked_number: 'xxxxxxxxxxxx5439',
          expiration_month: 12,
          expiration_year: 2099,
        },
      }),
    ]);
  });
});
