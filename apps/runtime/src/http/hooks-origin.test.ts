import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { hooksOriginOnly } from './hooks-origin';

function app(hooksUrl: string | undefined, publicUrl: string | undefined) {
  return new Hono()
    .use('*', hooksOriginOnly(hooksUrl, publicUrl))
    .all('*', (c) => c.text('served'));
}

const on = async (a: Hono, host: string, path: string) =>
  (await a.request(`http://${host}${path}`, { headers: { host } })).status;

describe('hooksOriginOnly', () => {
  it('serves only /hooks and /healthz under the hooks host, everything on the app host', async () => {
    const a = app('https://hooks.example.com', 'https://pay.example.com');
    expect(await on(a, 'hooks.example.com', '/hooks/orders')).toBe(200);
    expect(await on(a, 'hooks.example.com', '/healthz')).toBe(200);
    expect(await on(a, 'hooks.example.com', '/api/flows')).toBe(404);
    expect(await on(a, 'hooks.example.com', '/')).toBe(404);
    expect(await on(a, 'hooks.example.com', '/sandbox/shopify/__admin/shop')).toBe(404);
    expect(await on(a, 'pay.example.com', '/api/flows')).toBe(200);
    expect(await on(a, 'pay.example.com', '/hooks/orders')).toBe(200);
  });

  it('changes nothing without a hooks URL, or when it names the app’s own host', async () => {
    expect(await on(app(undefined, undefined), 'pay.example.com', '/')).toBe(200);
    const same = app('https://pay.example.com/in', 'https://pay.example.com');
    expect(await on(same, 'pay.example.com', '/api/flows')).toBe(200);
  });
});
