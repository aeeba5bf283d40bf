import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClient } from '../test/paytrace-client.js';

let client: Awaited<ReturnType<typeof startClient>>;

beforeAll(async () => {
  client = await startClient();
});
afterAll(() => client.sim.close());

async function tokenize(card: Record<string, string>) {
  const key = await client.v1('/v1/payment_fields/token/create', {});
  return client.post('/protect/tokenize', { clientKey: key.body.clientKey, ...card });
}

const VISA = { number: '4012000098765439', expiration_month: '12', expiration_year: '2099' };

describe('Protect.js emulation', () => {
  it('issues a client key to a bearer-authenticated call', async () => {
    const answer = await client.v1('/v1/payment_fields/token/create', {});
    expect(typeof answer.body.clientKey).toBe('string');
    expect((await client.post('/v1/payment_fields/token/create', {})).status).toBe(401);
  });

  it('serves a protect.min.js stand-in exposing PTPayment and an iframe page', async () => {
    const script = await fetch(`${client.sim.url}/protect/js/protect.min.js`);
    const page = await fetch(`${client.sim.url}/protect/fields?clientKey=k`);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect(await script.text()).toContain('window.PTPayment');
    expect(await page.text()).toContain('id="number"');
  });

  it('sells with a one-time hpf_token + enc_key and echoes the masked card', async () => {
    const token = await tokenize({ ...VISA, csc: '999' });
    const sale = await client.v1('/v1/transactions/sale/pt_protect', {
      amount: '10.00',
      ...token.body,
    });
    const reuse = await client.v1('/v1/transactions/sale/pt_protect', {
      amount: '10.00',
      ...token.body,
    });
    expect(sale.body).toMatchObject({
      response_code: 101,
      csc_response: 'Match',
      masked_card_number: 'xxxxxxxxxxxx5439',
    });
    expect(reuse.body.response_code).toBe(1);
  });

  it('refuses a token with the wrong enc_key', async () => {
    const token = await tokenize(VISA);
    const answer = await client.v1('/v1/transactions/authorization/pt_protect', {
      amount: '1.00',
      hpf_token: token.body.hpf_token,
      enc_key: 'nope',
    });
    expect(answer.body.success).toBe(false);
  });

  it('refuses tokenizing without a valid client key, and reports field codes 35/43', async () => {
    const noKey = await client.post('/protect/tokenize', { clientKey: 'forged', ...VISA });
    const bad = await tokenize({ number: '1234', expiration_month: '13', expiration_year: '99' });
    expect(noKey.status).toBe(401);
    expect(bad.body.errors.map((e: any) => e.responseCode)).toEqual([35, 43]);
  });

  it('creates a vault profile from a Protect.js token', async () => {
    const token = await tokenize(VISA);
    const answer = await client.v1('/v1/customer/pt_protect_create', {
      customer_id: 'protected-1',
      ...token.body,
    });
    expect(answer.body).toMatchObject({ response_code: 160, customer_id: 'protected-1' });
    expect(JSON.stringify([...client.sim.handle.state.customers.values()])).not.toContain(
      VISA.number,
    );
  });
});
