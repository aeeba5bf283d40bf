import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOPIFY_DEMO_CREDENTIALS } from '../simulator.js';
import { startShop } from '../test-support.js';

let now = Date.UTC(2026, 0, 15, 12);
let shop: Awaited<ReturnType<typeof startShop>>;
const { clientId, clientSecret } = SHOPIFY_DEMO_CREDENTIALS;

const grant = (body: string, type: string) =>
  fetch(`${shop.sim.url}/admin/oauth/access_token`, {
    method: 'POST',
    headers: { 'content-type': type },
    body,
  });

beforeAll(async () => {
  shop = await startShop({ clock: () => now });
});
afterAll(() => shop.close());

describe('client-credentials grant', () => {
  it('issues a 24-hour shpat_ token for a form body', async () => {
    const response = await grant(
      `grant_type=client_credentials&client_id=${clientId}&client_secret=${clientSecret}`,
      'application/x-www-form-urlencoded',
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      access_token: expect.stringMatching(/^shpat_[0-9a-f]{32}$/),
      scope: 'read_orders,write_orders,read_customers,write_customers',
      expires_in: 86399,
    });
    const answer = await shop.gql('{ shop { name } }', undefined, {
      token: body.access_token as string,
    });
    expect(answer.status).toBe(200);
  });

  it('accepts a JSON body, as the official library sends it', async () => {
    const response = await grant(
      JSON.stringify({
        client_id: clientId,
        client_secret: clientSecret,
        grant_type: 'client_credentials',
      }),
      'application/json',
    );
    expect(response.status).toBe(200);
  });

  it('expires tokens after their lifetime on the simulator clock', async () => {
    const response = await grant(
      JSON.stringify({
        client_id: clientId,
        client_secret: clientSecret,
        grant_type: 'client_credentials',
      }),
      'application/json',
    );
    const { access_token } = (await response.json()) as { access_token: string };
    now += 86398_000;
    expect((await shop.gql('{ shop { name } }', undefined, { token: access_token })).status).toBe(
      200,
    );
    now += 1000;
    const expired = await shop.gql('{ shop { name } }', undefined, { token: access_token });
    expect(expired.status).toBe(401);
    expect(expired.body.errors).toContain('Invalid API key or access token');
  });

  it('keeps the static Admin API token valid and lets tests expire granted ones at once', async () => {
    const response = await grant(
      JSON.stringify({
        client_id: clientId,
        client_secret: clientSecret,
        grant_type: 'client_credentials',
      }),
      'application/json',
    );
    const { access_token } = (await response.json()) as { access_token: string };
    await shop.admin('POST', '/tokens/expire');
    expect((await shop.gql('{ shop { name } }', undefined, { token: access_token })).status).toBe(
      401,
    );
    expect((await shop.gql('{ shop { name } }')).status).toBe(200);
  });

  it('refuses a wrong secret, an unknown client and other grant types', async () => {
    const wrong = await grant(
      JSON.stringify({
        client_id: clientId,
        client_secret: 'nope',
        grant_type: 'client_credentials',
      }),
      'application/json',
    );
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: string }).error).toBe('invalid_client');
    const other = await grant(
      JSON.stringify({
        client_id: clientId,
        client_secret: clientSecret,
        grant_type: 'authorization_code',
      }),
      'application/json',
    );
    expect(((await other.json()) as { error: string }).error).toBe('unsupported_grant_type');
  });
});
