import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startClient, VISA } from '../test/paytrace-client.js';

let client: Awaited<ReturnType<typeof startClient>>;

beforeAll(async () => {
  client = await startClient();
});
afterAll(() => client.sim.close());
beforeEach(() => {
  client.sim.handle.settings.declineStatus = 200;
  client.sim.handle.settings.errorStatus = 400;
});

describe('keyed sales and authorizations', () => {
  it('approves the sandbox test cards with 101', async () => {
    const cards = [
      ['4012000098765439', '999'],
      ['5499740000000057', '998'],
      ['6011000993026909', '996'],
      ['371449635392376', '9997'],
    ];
    for (const [number, csc] of cards) {
      const answer = await client.v1('/v1/transactions/sale/keyed', {
        amount: '1.00',
        credit_card: { number, expiration_month: 12, expiration_year: 2099 },
        csc,
      });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        success: true,
        response_code: 101,
        status_message: 'Your transaction was successfully approved.',
        csc_response: 'Match',
        external_transaction_id: '',
      });
    }
  });

  it('answers an integer transaction id, a TAS approval code and the masked card number', async () => {
    const answer = await client.keyed('sale', 51.88);
    expect(Number.isInteger(answer.body.transaction_id)).toBe(true);
    expect(answer.body.approval_code).toMatch(/^TAS\d{3}$/);
    expect(answer.body.masked_card_number).toBe('xxxxxxxxxxxx5439');
  });

  it('reports AVS No Match with the padded approval text for a foreign ZIP', async () => {
    const answer = await client.keyed('sale', '2.00', { billing_address: { zip: '90210' } });
    expect(answer.body.response_code).toBe(101);
    expect(answer.body.avs_response).toBe('No Match');
    expect(answer.body.approval_message).toBe('  NO  MATCH - Approved and completed');
    expect(answer.body.csc_response).toBe('');
  });

  it('reports Full Exact Match for street and ZIP 85284', async () => {
    const answer = await client.keyed('sale', '2.00', {
      billing_address: { street_address: '8320 E. West St.', zip: '85284' },
    });
    expect(answer.body.avs_response).toBe('Full Exact Match');
    expect(answer.body.approval_message).toBe('EXACT MATCH - Approved and completed');
  });

  it('declines 0.29 as an expired card (102) and still assigns a transaction id', async () => {
    const answer = await client.keyed('authorization', '0.29');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      success: false,
      response_code: 102,
      status_message: 'Your transaction was not approved.',
      approval_code: '',
      approval_message: '  EXPIRED CARD - Expired card',
    });
    expect(Number.isInteger(answer.body.transaction_id)).toBe(true);
  });

  it('declines 0.51 for insufficient funds and 112.00 as do not honor', async () => {
    expect((await client.keyed('sale', '0.51')).body.approval_message).toBe(
      '    DECLINE - Insufficient funds',
    );
    expect((await client.keyed('sale', '112.00')).body.approval_message).toBe(
      '    DECLINE - Do not honor',
    );
  });

  it('declines a card past its expiry date', async () => {
    const answer = await client.v1('/v1/transactions/sale/keyed', {
      amount: '1.00',
      credit_card: { ...VISA, expiration_month: '01', expiration_year: '2020' },
    });
    expect(answer.body.response_code).toBe(102);
  });

  it('answers declines with the configured HTTP status', async () => {
    client.sim.handle.settings.declineStatus = 402;
    expect((await client.keyed('sale', '0.29')).status).toBe(402);
  });

  it('auto-voids an approval with 103 on ZIP 99999 (AVS rule)', async () => {
    const answer = await client.keyed('sale', '3.00', { billing_address: { zip: '99999' } });
    expect(answer.body.response_code).toBe(103);
    expect(answer.body.avs_response).toBe('No Match');
  });

  it('auto-voids an approval with 103 on CSC 000 (CSC rule)', async () => {
    const answer = await client.keyed('sale', '3.00', { csc: '000' });
    expect(answer.body.response_code).toBe(103);
    expect(answer.body.csc_response).toBe('No Match');
  });

  it('approves CSC 000 with No Match when the CSC auto-void rule is off', async () => {
    client.sim.handle.settings.cscAutoVoid = false;
    const answer = await client.keyed('sale', '3.00', { csc: '000' });
    client.sim.handle.settings.cscAutoVoid = true;
    expect(answer.body.response_code).toBe(101);
  });

  it('reports card errors 35 and 43 together, keyed by numeric strings, with HTTP 400', async () => {
    const answer = await client.v1('/v1/transactions/sale/keyed', {
      amount: '1.00',
      credit_card: { number: '54545454545454', expiration_month: 14, expiration_year: 2099 },
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      success: false,
      response_code: 1,
      status_message: 'One or more errors has occurred.',
    });
    expect(answer.body.errors['35']).toEqual(['Please provide a valid Credit Card Number.']);
    expect(answer.body.errors['43']).toEqual(['Please provide a valid Expiration Month.']);
  });

  it('answers code-1 errors with the configured HTTP status', async () => {
    client.sim.handle.settings.errorStatus = 200;
    const answer = await client.v1('/v1/transactions/sale/keyed', { amount: '1.00' });
    expect(answer.status).toBe(200);
    expect(answer.body.response_code).toBe(1);
  });

  it('accepts a $0.00 authorization but not a $0.00 sale', async () => {
    expect((await client.keyed('authorization', '0.00')).body.response_code).toBe(101);
    expect((await client.keyed('sale', '0.00')).body.response_code).toBe(1);
  });

  it('refuses amounts with three decimals', async () => {
    expect((await client.keyed('sale', '1.005')).body.errors).toHaveProperty('500');
  });
});

describe('charges by previous transaction and by customer', () => {
  it('charges the card of a previous transaction without echoing the masked number', async () => {
    const first = await client.keyed('sale', '5.00');
    const again = await client.v1('/v1/transactions/sale/by_transaction', {
      transaction_id: String(first.body.transaction_id),
      amount: '6.00',
    });
    expect(again.body.response_code).toBe(101);
    expect(again.body.transaction_id).not.toBe(first.body.transaction_id);
    expect(again.body).not.toHaveProperty('masked_card_number');
  });

  it('answers 811 for an unknown previous transaction and 58 for a malformed id', async () => {
    const unknown = await client.v1('/v1/transactions/sale/by_transaction', {
      transaction_id: 1,
      amount: '1.00',
    });
    const malformed = await client.v1('/v1/transactions/sale/by_transaction', {
      transaction_id: 'abc',
      amount: '1.00',
    });
    expect(Object.keys(unknown.body.errors)).toEqual(['811']);
    expect(Object.keys(malformed.body.errors)).toEqual(['58']);
  });

  it('answers 30 for an unknown vault customer', async () => {
    const answer = await client.v1('/v1/transactions/authorization/by_customer', {
      customer_id: 'nobody',
      amount: '1.00',
    });
    expect(answer.body.errors['30']).toEqual([
      'Customer ID, nobody, was not found or is incomplete.',
    ]);
  });
});

describe('card data at rest', () => {
  it('keeps neither the full card number nor the CSC in state', async () => {
    await client.keyed('sale', '9.00', { csc: '999' });
    const state = JSON.stringify(
      await (await fetch(`${client.sim.url}/__admin/transactions`)).json(),
    );
    expect(state).not.toContain(VISA.number);
    expect(state).not.toContain('"999"');
    expect(state).toContain('xxxxxxxxxxxx5439');
  });
});

describe('required-field switches', () => {
  it('refuses a charge without a required invoice id, before assigning an id', async () => {
    client.sim.handle.settings.requiredFields = ['invoice_id'];
    const without = await client.keyed('sale', '1.00');
    const withIt = await client.keyed('sale', '1.00', { invoice_id: 'inv-req' });
    client.sim.handle.settings.requiredFields = [];
    expect(without.body).not.toHaveProperty('transaction_id');
    expect(Object.keys(without.body.errors)).toEqual(['506']);
    expect(withIt.body.response_code).toBe(101);
  });

  it('requires ZIP and CSC on keyed charges only', async () => {
    await client.v1('/v1/customer/create', { customer_id: 'req-cust', credit_card: VISA });
    client.sim.handle.settings.requiredFields = ['billing_zip', 'csc'];
    const keyed = await client.keyed('sale', '1.00');
    const vault = await client.v1('/v1/transactions/sale/by_customer', {
      customer_id: 'req-cust',
      amount: '1.00',
    });
    client.sim.handle.settings.requiredFields = [];
    expect(Object.keys(keyed.body.errors).sort()).toEqual(['508', '509']);
    expect(vault.body.response_code).toBe(101);
  });
});

describe('duplicate window', () => {
  it('blocks the same card, amount and invoice inside the window', async () => {
    client.sim.handle.settings.duplicateWindowMinutes = 10;
    const first = await client.keyed('sale', '77.00', { invoice_id: 'dup-1' });
    const second = await client.keyed('sale', '77.00', { invoice_id: 'dup-1' });
    const other = await client.keyed('sale', '77.00', { invoice_id: 'dup-2' });
    client.sim.handle.settings.duplicateWindowMinutes = 0;
    expect(first.body.response_code).toBe(101);
    expect(second.body.response_code).toBe(1);
    expect(other.body.response_code).toBe(101);
  });
});
