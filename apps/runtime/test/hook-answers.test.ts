import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeHandle } from '../src/start-runtime';
import { call, freshDatabase, restFlow, startTestRuntime } from './support';

/**
 * A sync REST flow answers from the app's own origin, so its answer must never be a page or a
 * script, nor set cookies, redirect or loosen the security headers (a flow editor served an admin
 * a page that minted an admin token for the editor), and the editor's own pages must not trust
 * scripts under /hooks.
 */
let rt: RuntimeHandle;
let base: string;

beforeAll(async () => {
  rt = await startTestRuntime(await freshDatabase(), {
    env: { PAYBRIDGE_HOOKS_URL: 'https://hooks.example.com' },
  });
  base = rt.url!;
});
afterAll(async () => {
  await rt?.stop();
});

const replyFlow = (path: string, config: Record<string, unknown>) =>
  restFlow(path, [{ id: 'reply', type: 'respond', config }], [['trigger', 'reply']], {
    mode: 'sync',
  });

async function activate(name: string, graph: unknown) {
  const res = await call(base, 'POST', '/api/flows', { name, graph, activate: true });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

function expectSandboxed(res: Response) {
  expect(res.headers.get('content-security-policy')).toMatch(/^sandbox\b/);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('content-type') ?? '').not.toMatch(/html|javascript|xml/);
  expect(res.headers.get('set-cookie')).toBeNull();
  expect(res.headers.get('location')).toBeNull();
}

describe('hook answers', () => {
  it.each([
    [{ 'Content-Type': 'text/html' }, /never a page or a script/],
    [{ 'Content-Type': 'application/javascript' }, /never a page or a script/],
    [{ 'Set-Cookie': 'pb_session=stolen; Path=/' }, /Set-Cookie\\?" cannot be set/],
    [{ Location: 'https://evil.example/' }, /Location\\?" cannot be set/],
    [{ 'Content-Security-Policy': 'script-src *' }, /cannot be set/],
  ])('refuses a respond with %j on save, saying why', async (headers, message) => {
    const res = await call(base, 'POST', '/api/flows', {
      name: 'page',
      graph: replyFlow('page', { headers, body: '<script>fetch("/api/tokens")</script>' }),
    });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).toMatch(message);
  });

  it('sends markup as sandboxed plain text, never as a page', async () => {
    await activate(
      'markup',
      replyFlow('markup', { body: '<script>alert(document.cookie)</script>' }),
    );
    const res = await fetch(`${base}/hooks/markup`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expectSandboxed(res);
    expect(await res.text()).toBe('<script>alert(document.cookie)</script>');
  });

  it('fails a run whose expression makes the answer a page, and still answers sandboxed JSON', async () => {
    await activate(
      'computed type',
      replyFlow('computed-type', {
        headers: { 'Content-Type': '=$trigger.body.type' },
        body: '=$trigger.body.html',
      }),
    );
    const res = await fetch(`${base}/hooks/computed-type`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'text/html', html: '<script>alert(1)</script>' }),
    });
    expect(res.status).toBe(502);
    expectSandboxed(res);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('sends JSON and declared downloads with the sandbox headers', async () => {
    await activate('json', replyFlow('json', { status: 201, body: { ok: true } }));
    const json = await fetch(`${base}/hooks/json`, { method: 'POST', body: '{}' });
    expect(json.status).toBe(201);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expectSandboxed(json);
    expect(await json.json()).toEqual({ ok: true });

    await activate(
      'csv',
      replyFlow('csv', {
        format: 'download',
        filename: 'orders.csv',
        headers: { 'Content-Type': 'text/csv' },
        body: 'id\n1',
      }),
    );
    const csv = await fetch(`${base}/hooks/csv`, { method: 'POST', body: '{}' });
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="orders.csv"/);
    expect(csv.headers.get('content-type')).toBe('text/csv');
    expectSandboxed(csv);
    expect(await csv.text()).toBe('id\n1');
  });

  it('answers 204 without a body', async () => {
    await activate('no content', replyFlow('no-content', { status: 204, body: null }));
    const res = await fetch(`${base}/hooks/no-content`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(204);
    expectSandboxed(res);
    expect(await res.text()).toBe('');
  });

  it('sandboxes the ingress’s own answers too', async () => {
    const res = await fetch(`${base}/hooks/nobody-listens`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
    expectSandboxed(res);
  });
});

describe('the editor and the hooks origin', () => {
  it('trusts scripts only from the editor bundle, not from /hooks', async () => {
    const res = await fetch(`${base}/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
    expect(scriptSrc).toBe(`${new URL(base).origin}/assets/`);
    expect(scriptSrc).not.toContain("'self'");
  });

  it('names the hooks origin for trigger endpoints and serves only /hooks under its host', async () => {
    const settings = await call(base, 'GET', '/api/settings');
    expect(settings.body).toMatchObject({ hooksUrl: 'https://hooks.example.com' });
    const port = new URL(base).port;
    // As a proxy for the hooks origin would forward it (fetch may not set Host).
    const onHooksHost = (path: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port, path, method: 'POST', headers: { host: 'hooks.example.com' } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end('{}');
      });
    expect(await onHooksHost('/api/settings')).toBe(404);
    expect(await onHooksHost('/')).toBe(404);
    expect(await onHooksHost('/hooks/json')).toBe(201);
    // The app's origin keeps accepting hooks for senders set up before the split.
    expect((await fetch(`${base}/hooks/json`, { method: 'POST', body: '{}' })).status).toBe(201);
  });
});
