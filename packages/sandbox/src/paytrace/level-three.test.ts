import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClient } from '../test/paytrace-client.js';

let client: Awaited<ReturnType<typeof startClient>>;

beforeAll(async () => {
  client = await startClient();
});
afterAll(() => client.sim.close());

describe('Level 3 data', () => {
  it('adds Visa line items to an approved unsettled Visa sale with 170', async () => {
    const sale = await client.keyed('sale', '10.00');
    const answer = await client.v1('/v1/level_three/visa', {
      transaction_id: sale.body.transaction_id,
      line_items: [{ amount: '10.00', quantity: 1, description: 'Widget' }],
    });
    expect(answer.body).toMatchObject({
      success: true,
      response_code: 170,
      status_message: `Visa/MasterCard enhanced data was successfully added to Transaction ID ${sale.body.transaction_id}. 1 line item records were created.`,
    });
  });

  it('refuses Mastercard data on a Visa sale and data on a settled sale', async () => {
    const sale = await client.keyed('sale', '10.00');
    const wrong = await client.v1('/v1/level_three/mastercard', {
      transaction_id: sale.body.transaction_id,
    });
    await client.v1('/v1/transactions/settle');
    const settled = await client.v1('/v1/level_three/visa', {
      transaction_id: sale.body.transaction_id,
    });
    expect(wrong.body.success).toBe(false);
    expect(settled.body.success).toBe(false);
  });
});
