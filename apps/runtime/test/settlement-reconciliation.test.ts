import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeHandle } from '../src/start-runtime';
import { call, freshDatabase, startTestRuntime } from './support';

let rt: RuntimeHandle;
let base: string;

beforeAll(async () => {
  rt = await startTestRuntime(await freshDatabase());
  base = rt.url!;
});
afterAll(async () => {
  await rt?.stop();
});

describe('settlement reconciliation API', () => {
  it('lists no days before any reconciliation and refuses a reversed range', async () => {
    const days = await call(base, 'GET', '/api/reconciliation/days?from=2026-01-01&to=2026-01-31');
    expect(days).toMatchObject({ status: 200, body: { days: [] } });
    const bad = await call(base, 'GET', '/api/reconciliation/days?from=2026-02-01&to=2026-01-31');
    expect(bad.status).toBe(400);
    const missing = await call(base, 'GET', '/api/reconciliation/days/2026-01-02');
    expect(missing.status).toBe(404);
  });
});
