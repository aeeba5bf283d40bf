import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeHandle } from '../src/start-runtime';
import { freshDatabase, startTestRuntime } from './support';

let on: RuntimeHandle;
let off: RuntimeHandle;

beforeAll(async () => {
  const db = await freshDatabase();
  on = await startTestRuntime(db, { role: 'api', env: { PAYBRIDGE_SANDBOX: 'true' } });
  off = await startTestRuntime(db, { role: 'api' });
});
afterAll(async () => {
  await Promise.all([on?.stop(), off?.stop()]);
});

const token = (base: string) =>
  fetch(`${base}/sandbox/paytrace/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=password&username=demo-api-user&password=demo-api-password',
  });

describe('sandbox mode', () => {
  it('serves the PayTrace simulator at /sandbox/paytrace, outside the editor headers', async () => {
    const res = await token(on.url!);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { access_token?: string; expires_in?: number };
    expect(body.access_token).toBeTruthy();
    expect(body.expires_in).toBe(7200);
    expect(res.headers.get('content-security-policy')).toBeNull();
  });

  it('is off by default with an external database', async () => {
    expect((await token(off.url!)).status).toBe(404);
  });
});
