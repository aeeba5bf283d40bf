import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeHandle } from '../src/start-runtime';
import { call, freshDatabase, restFlow, startTestRuntime } from './support';

let a: RuntimeHandle;
let b: RuntimeHandle;

beforeAll(async () => {
  const db = await freshDatabase();
  a = await startTestRuntime(db, { role: 'api' });
  b = await startTestRuntime(db, { role: 'api' });
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
});

const hook = (base: string, token: string) =>
  fetch(`${base}/hooks/rotating`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: '{}',
  }).then((r) => r.status);

describe('trigger secrets across API processes', () => {
  it('stops accepting a rotated bearer token in every process at once', async () => {
    const conn = await call(a.url!, 'POST', '/api/connections', {
      type: 'webhook.bearer',
      name: 'rotating',
      values: { token: 'tok_first_secret_0123456789' },
    });
    expect(conn.status).toBe(201);
    const graph = restFlow('rotating', [], [], {
      auth: { type: 'bearer', connectionId: conn.body.id },
    });
    expect(
      (await call(a.url!, 'POST', '/api/flows', { name: 'r', graph, activate: true })).status,
    ).toBe(201);
    await new Promise((r) => setTimeout(r, 200)); // flow change notification reaches B
    // B verifies (and caches) the first token.
    expect(await hook(b.url!, 'tok_first_secret_0123456789')).toBe(202);

    const changed = await call(a.url!, 'PATCH', `/api/connections/${conn.body.id}`, {
      values: { token: 'tok_second_secret_0123456789' },
    });
    expect(changed.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(await hook(b.url!, 'tok_first_secret_0123456789')).toBe(401);
    expect(await hook(b.url!, 'tok_second_secret_0123456789')).toBe(202);
  });
});
