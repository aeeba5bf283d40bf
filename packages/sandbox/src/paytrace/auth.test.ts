import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClient } from '../test/paytrace-client.js';

let now = Date.UTC(2026, 0, 15, 12, 0, 0);
let client: Awaited<ReturnType<typeof startClient>>;

beforeAll(async () => {
  client = await startClient({ clock: () => now });
});
afterAll(() => client.sim.close());

describe('POST /oauth/token', () => {
  it('issues 7200 s bearer tokens for the password grant (JSON body)', async () => {
    const answer = await client.post('/oauth/token', {
      grant_type: 'password',
      username: 'demo-api-user',
      password: 'demo-api-password',
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ token_type: 'Bearer', expires_in: 7200 });
    expect(answer.body.access_token).toMatch(/^[0-9a-f]+:[0-9a-f]+:[0-9a-f]+$/);
    expect(answer.body.created_at).toBe(Math.floor(now / 1000));
  });

  it('accepts a form-encoded body', async () => {
    const response = await fetch(`${client.sim.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=password&username=demo-api-user&password=demo-api-password',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('answers invalid_grant with 400 on bad credentials', async () => {
    const answer = await client.post('/oauth/token', {
      grant_type: 'password',
      username: 'demo-api-user',
      password: 'wrong',
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('invalid_grant');
    expect(answer.body.error_description).toContain('authorization grant is invalid');
  });
});

describe('other grant types', () => {
  it('answers unsupported_grant_type for client_credentials', async () => {
    const answer = await client.post('/oauth/token', {
      grant_type: 'client_credentials',
      client_id: 'demo-api-user',
      client_secret: 'demo-api-password',
    });
    expect(answer.body.error).toBe('unsupported_grant_type');
  });
});

describe('bearer tokens on /v1', () => {
  it('answers invalid_token (401) without a token or with an unknown one', async () => {
    const missing = await client.post('/v1/transactions/settle', {});
    const unknown = await client.post('/v1/transactions/settle', {}, 'a:b:c');
    expect([missing.status, unknown.status]).toEqual([401, 401]);
    expect(unknown.body.error).toBe('invalid_token');
  });

  it('refuses the scheme word in another case', async () => {
    const response = await fetch(`${client.sim.url}/v1/transactions/settle`, {
      method: 'POST',
      headers: { authorization: `bearer ${client.bearer}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(401);
  });

  it('expires tokens after 7200 s of the injected clock', async () => {
    const token = await client.token();
    now += 7199_000;
    expect((await client.post('/v1/transactions/settle', {}, token)).status).toBe(200);
    now += 1000;
    const expired = await client.post('/v1/transactions/settle', {}, token);
    expect(expired.body.error).toBe('invalid_token');
  });

  it('uses the configured status for invalid_token', async () => {
    client.sim.handle.settings.invalidTokenStatus = 400;
    const answer = await client.post('/v1/transactions/settle', {}, 'nope');
    client.sim.handle.settings.invalidTokenStatus = 401;
    expect(answer.status).toBe(400);
  });

  it('lets /v1/ping through without a token', async () => {
    expect((await client.post('/v1/ping', {})).status).toBe(200);
  });
});
