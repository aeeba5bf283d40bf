import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUICKBOOKS_DEMO_APP } from '@paybridge/sandbox';
import { call, freshDatabase, startTestRuntime } from '../../test/support';
import type { RuntimeHandle } from '../start-runtime';

let runtime: RuntimeHandle;
let base: string;

beforeAll(async () => {
  runtime = await startTestRuntime(await freshDatabase(), { env: { PAYBRIDGE_SANDBOX: 'true' } });
  base = runtime.url!;
});
afterAll(async () => {
  await runtime?.stop();
});

describe('connecting QuickBooks Online', () => {
  it('runs the authorization-code flow against the simulator and seals the refresh token', async () => {
    const created = await call(base, 'POST', '/api/connections', {
      type: 'quickbooks',
      name: 'Books',
      values: {
        environment: 'simulator',
        clientId: QUICKBOOKS_DEMO_APP.clientId,
        clientSecret: QUICKBOOKS_DEMO_APP.clientSecret,
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id ?? created.body.connection?.id;
    const start = await call(base, 'POST', `/api/quickbooks/connections/${id}/authorize`, {});
    expect(start.status).toBe(200);
    expect(start.body.url).toContain('/sandbox/quickbooks/connect/oauth2?');

    const consent = await fetch(start.body.url, { redirect: 'manual' });
    expect(consent.status).toBe(302);
    const callback = new URL(consent.headers.get('location')!);
    expect(callback.pathname).toBe('/oauth/quickbooks/callback');

    const forged = new URL(callback);
    forged.searchParams.set('state', `${id}.${Date.now() + 60_000}.forged`);
    expect((await fetch(forged)).status).toBe(400);

    const done = await fetch(callback);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('connected');
    const stored = await call(base, 'GET', `/api/connections/${id}`);
    expect(JSON.stringify(stored.body)).not.toMatch(/RT1-/);
    expect(stored.body.values?.realmId ?? stored.body.connection?.values?.realmId).toBe(
      QUICKBOOKS_DEMO_APP.realmId,
    );
    // The code is single-use: the same callback again is refused by the token endpoint.
    expect((await fetch(callback)).status).toBe(400);
  });
});
