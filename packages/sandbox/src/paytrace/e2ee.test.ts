import { constants, publicEncrypt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClient } from '../test/paytrace-client.js';
import { createPaytraceSimulator } from './simulator.js';

let client: Awaited<ReturnType<typeof startClient>>;
let publicKey: string;

beforeAll(async () => {
  client = await startClient();
  publicKey = await (await fetch(`${client.sim.url}/e2ee/public-key.pem`)).text();
});
afterAll(() => client.sim.close());

/** What PayTrace's browser library does: RSA-OAEP (SHA-256) with the served key, base64. */
const encrypt = (text: string, key = publicKey) =>
  publicEncrypt(
    { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    Buffer.from(text),
  ).toString('base64');

const encryptedVisa = () => ({
  encrypted_number: encrypt('4012000098765439'),
  expiration_month: '12',
  expiration_year: '2099',
});

describe('client-side encryption', () => {
  it('serves one RSA public key as PEM, without a token, at both paths', async () => {
    expect(publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n$/);
    const v1 = await fetch(`${client.sim.url}/v1/e2ee/public-key.pem`);
    expect(v1.status).toBe(200);
    expect(await v1.text()).toBe(publicKey);
    expect(await client.sim.handle.e2eePublicKey()).toBe(publicKey);
  });

  it('gives each simulator its own key pair, kept across reset', async () => {
    const other = createPaytraceSimulator();
    expect(await other.handle.e2eePublicKey()).not.toBe(publicKey);
    client.sim.handle.reset();
    expect(await client.sim.handle.e2eePublicKey()).toBe(publicKey);
  });

  it('ciphertexts are the ~344 base64 characters PayTrace documents', () => {
    expect(encrypt('4012000098765439')).toHaveLength(344);
  });

  it('approves an encrypted keyed sale exactly as a clear one', async () => {
    const answer = await client.v1('/v1/transactions/sale/keyed', {
      amount: '3.00',
      credit_card: encryptedVisa(),
      encrypted_csc: encrypt('999'),
      billing_address: { street_address: '1 Main St', zip: '85284' },
    });
    expect(answer.body).toMatchObject({
      response_code: 101,
      masked_card_number: 'xxxxxxxxxxxx5439',
      csc_response: 'Match',
      avs_response: 'Full Exact Match',
    });
    const tx = client.sim.handle.state.transactions.get(answer.body.transaction_id);
    expect(JSON.stringify(tx)).not.toContain('4012000098765439');
  });

  it('applies the CSC trigger to an encrypted CSC: 000 is auto-voided (103)', async () => {
    const answer = await client.v1('/v1/transactions/authorization/keyed', {
      amount: '3.00',
      credit_card: encryptedVisa(),
      encrypted_csc: encrypt('000'),
    });
    expect(answer.body).toMatchObject({ response_code: 103, csc_response: 'No Match' });
  });

  it('refuses a number encrypted with another key (35) and an undecryptable CSC (148)', async () => {
    const otherKey = await createPaytraceSimulator().handle.e2eePublicKey();
    const wrongKey = await client.v1('/v1/transactions/sale/keyed', {
      amount: '3.00',
      credit_card: { ...encryptedVisa(), encrypted_number: encrypt('4012000098765439', otherKey) },
    });
    expect(wrongKey.status).toBe(400);
    expect(wrongKey.body.errors).toEqual({ '35': ['Please provide a valid Credit Card Number.'] });
    const badCsc = await client.v1('/v1/transactions/sale/keyed', {
      amount: '3.00',
      credit_card: encryptedVisa(),
      encrypted_csc: 'not base64!',
    });
    expect(badCsc.body.errors).toEqual({ '148': ['Please provide a valid CSC.'] });
  });

  it('takes encrypted cards for keyed refunds and for creating and updating vault profiles', async () => {
    const refund = await client.v1('/v1/transactions/refund/keyed', {
      amount: '1.25',
      credit_card: encryptedVisa(),
    });
    expect(refund.body).toMatchObject({
      response_code: 106,
      masked_card_number: 'xxxxxxxxxxxx5439',
    });
    const created = await client.v1('/v1/customer/create', {
      customer_id: 'e2ee-1',
      credit_card: encryptedVisa(),
      billing_address: { name: 'Ada' },
    });
    expect(created.body).toMatchObject({
      response_code: 160,
      masked_card_number: 'xxxxxxxxxxxx5439',
    });
    const updated = await client.v1('/v1/customer/update', {
      customer_id: 'e2ee-1',
      credit_card: {
        encrypted_number: encrypt('5499740000000057'),
        expiration_month: '1',
        expiration_year: '2098',
      },
    });
    expect(updated.body).toMatchObject({
      response_code: 161,
      masked_card_number: 'xxxxxxxxxxxx0057',
    });
  });
});
