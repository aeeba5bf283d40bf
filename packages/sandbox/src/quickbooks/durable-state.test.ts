import { describe, expect, it } from 'vitest';
import { memoryStore } from '../persistence/store.js';
import { openQuickbooksSimulator, QUICKBOOKS_DEMO_APP } from './simulator.js';

const realm = QUICKBOOKS_DEMO_APP.realmId;
const basic = `Basic ${Buffer.from(`${QUICKBOOKS_DEMO_APP.clientId}:${QUICKBOOKS_DEMO_APP.clientSecret}`).toString('base64')}`;

describe('QuickBooks simulator over a durable store', () => {
  it('keeps entities and a connected company across a restart, seeding only once', async () => {
    const store = memoryStore();
    const first = await openQuickbooksSimulator({ durable: { store } });
    const { accessToken, refreshToken } = first.handle.connect();
    const accounts = first.handle.entities('Account').length;
    const created = await first.app.request(`/v3/company/${realm}/customer?minorversion=75`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${accessToken}`,
        accept: 'application/json',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ DisplayName: 'Kept (c-1)' }),
    });
    const customer = ((await created.json()) as any).Customer;
    await first.close();

    const second = await openQuickbooksSimulator({ durable: { store } });
    expect(second.handle.entities('Account')).toHaveLength(accounts);
    expect(second.handle.entities('Customer').map((c) => c.Id)).toContain(customer.Id);
    const refreshed = await second.app.request('/oauth2/v1/tokens/bearer', {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }),
    });
    expect(refreshed.status).toBe(200);
    const next = await second.app.request(`/v3/company/${realm}/customer?minorversion=75`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${accessToken}`,
        accept: 'application/json',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ DisplayName: 'Next (c-2)' }),
    });
    expect(Number(((await next.json()) as any).Customer.Id)).toBeGreaterThan(Number(customer.Id));
    await second.close();
  });
});
