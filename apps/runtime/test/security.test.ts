import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../src/auth/roles';
import type { RuntimeHandle } from '../src/start-runtime';
import { call, freshDatabase, restFlow, startTestRuntime } from './support';

let rt: RuntimeHandle;
let base: string;
const tokens: Partial<Record<Role, string>> = {};

beforeAll(async () => {
  rt = await startTestRuntime(await freshDatabase());
  base = rt.url!;
  for (const role of ROLES) {
    const res = await call(base, 'POST', '/api/tokens', { name: `walk-${role}`, role });
    expect(res.status).toBe(201);
    tokens[role] = res.body.token;
  }
});
afterAll(async () => {
  await rt?.stop();
});

const as = (role: Role | null) => ({ authorization: role ? `Bearer ${tokens[role]}` : '' });

function concrete(path: string): string {
  return path
    .replace('{version}', '1')
    .replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
}

/** Cookie jar of one browser: the session cookie and the CSRF token from sign-in. */
async function signIn(email: string, password: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const cookie = res.headers.get('set-cookie') ?? '';
  const body = (await res.json()) as { csrfToken?: string };
  return {
    status: res.status,
    cookie: cookie.split(';')[0]!,
    setCookie: cookie,
    csrf: body.csrfToken ?? '',
  };
}

describe('route permissions', () => {
  it('declares a role for every API route, and only sign-in and setup are public', async () => {
    const { roles: ROUTE_POLICY, public: PUBLIC_ROUTES } = rt.routePolicy!;
    const declared = new Set(
      [...ROUTE_POLICY, ...PUBLIC_ROUTES].map((r) => `${r.method} ${r.path}`),
    );
    const doc = await call(base, 'GET', '/api/openapi.json');
    for (const [path, ops] of Object.entries(doc.body.paths as Record<string, object>)) {
      for (const method of Object.keys(ops)) {
        expect(declared, `${method} ${path}`).toContain(`${method.toUpperCase()} /api${path}`);
      }
    }
    expect(PUBLIC_ROUTES.map((r) => r.path).sort()).toEqual(
      [
        '/api/auth/login',
        '/api/auth/logout',
        '/api/auth/me',
        '/api/auth/setup',
        '/api/auth/setup',
      ].sort(),
    );
  });

  it('refuses every route to anonymous callers (401) and to smaller roles (403)', async () => {
    const ROUTE_POLICY = rt.routePolicy!.roles;
    expect(ROUTE_POLICY.length).toBeGreaterThan(20);
    for (const route of ROUTE_POLICY) {
      const path = concrete(route.path.slice('/api'.length));
      const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : {};
      const anon = await call(base, route.method, `/api${path}`, body, as(null));
      expect(anon.status, `anonymous ${route.method} ${route.path}`).toBe(401);
      for (const role of ROLES.slice(0, ROLES.indexOf(route.role))) {
        const res = await call(base, route.method, `/api${path}`, body, as(role));
        expect(res.status, `${role} ${route.method} ${route.path}`).toBe(403);
      }
      const allowed = await call(base, route.method, `/api${path}`, body, as(route.role));
      expect([401, 403], `${route.role} ${route.method} ${route.path}`).not.toContain(
        allowed.status,
      );
    }
  });
});

describe('users and sessions', () => {
  it('signs in with a session cookie, demands CSRF on changes, signs out', async () => {
    const created = await call(base, 'POST', '/api/users', {
      email: 'Editor@Example.com',
      password: 'a long enough passphrase',
      role: 'editor',
    });
    expect(created.status).toBe(201);
    expect(created.body.email).toBe('editor@example.com');

    const s = await signIn('editor@example.com', 'a long enough passphrase');
    expect(s.status).toBe(200);
    expect(s.setCookie).toMatch(/HttpOnly/i);
    expect(s.setCookie).toMatch(/SameSite=Strict/i);
    const browser = { cookie: s.cookie, authorization: '' };

    const me = await call(base, 'GET', '/api/auth/me', undefined, browser);
    expect(me.body).toMatchObject({ type: 'user', label: 'editor@example.com', role: 'editor' });
    const graph = restFlow('csrf/check', [], []);
    const noCsrf = await call(base, 'POST', '/api/flows', { name: 'x', graph }, browser);
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.error.code).toBe('CSRF_FAILED');
    const withCsrf = await call(
      base,
      'POST',
      '/api/flows',
      { name: 'x', graph },
      { ...browser, 'x-csrf-token': s.csrf },
    );
    expect(withCsrf.status).toBe(201);
    const adminOnly = await call(base, 'GET', '/api/users', undefined, browser);
    expect(adminOnly.status).toBe(403);

    const out = await call(base, 'POST', '/api/auth/logout', undefined, {
      ...browser,
      'x-csrf-token': s.csrf,
    });
    expect(out.status).toBe(204);
    expect((await call(base, 'GET', '/api/flows', undefined, browser)).status).toBe(401);
  });

  it('ends sessions when an admin changes the user, and refuses disabled users', async () => {
    const u = await call(base, 'POST', '/api/users', {
      email: 'op@example.com',
      password: 'operator passphrase',
      role: 'operator',
    });
    const s = await signIn('op@example.com', 'operator passphrase');
    const browser = { cookie: s.cookie, authorization: '' };
    expect((await call(base, 'GET', '/api/runs', undefined, browser)).status).toBe(200);
    await call(base, 'PATCH', `/api/users/${u.body.id}`, { disabled: true });
    expect((await call(base, 'GET', '/api/runs', undefined, browser)).status).toBe(401);
    expect((await signIn('op@example.com', 'operator passphrase')).status).toBe(401);
  });

  it('slows down password guessing per account', async () => {
    await call(base, 'POST', '/api/users', {
      email: 'victim@example.com',
      password: 'the real passphrase',
      role: 'viewer',
    });
    for (let i = 0; i < 5; i++)
      expect((await signIn('victim@example.com', `guess ${i}`)).status).toBe(401);
    const locked = await signIn('victim@example.com', 'the real passphrase');
    expect(locked.status).toBe(429);
    const audit = await call(base, 'GET', '/api/audit?action=login');
    const actions = audit.body.entries.map((e: any) => e.action);
    expect(actions).toContain('login.fail');
    expect(actions).toContain('login.throttled');
    expect(JSON.stringify(audit.body)).not.toMatch(/guess \d/);
  });
});

describe('API tokens', () => {
  it('shows a token once, enforces its role and expiry, and revokes it', async () => {
    const created = await call(base, 'POST', '/api/tokens', { name: 'ci', role: 'viewer' });
    expect(created.body.token).toMatch(/^pbt_/);
    const listed = await call(base, 'GET', '/api/tokens');
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);
    const viewer = { authorization: `Bearer ${created.body.token}` };
    expect((await call(base, 'GET', '/api/flows', undefined, viewer)).status).toBe(200);
    expect((await call(base, 'POST', '/api/flows', { name: 'n', graph: {} }, viewer)).status).toBe(
      403,
    );
    expect((await call(base, 'DELETE', `/api/tokens/${created.body.id}`)).status).toBe(204);
    expect((await call(base, 'GET', '/api/flows', undefined, viewer)).status).toBe(401);

    const past = await call(base, 'POST', '/api/tokens', {
      name: 'old',
      role: 'admin',
      expiresAt: '2020-01-01T00:00:00Z',
    });
    expect(past.status).toBe(400);
    const soon = await call(base, 'POST', '/api/tokens', {
      name: 'short',
      role: 'viewer',
      expiresAt: new Date(Date.now() + 1500).toISOString(),
    });
    const shortLived = { authorization: `Bearer ${soon.body.token}` };
    expect((await call(base, 'GET', '/api/flows', undefined, shortLived)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1700));
    expect((await call(base, 'GET', '/api/flows', undefined, shortLived)).status).toBe(401);
    expect(
      (
        await call(base, 'GET', '/api/flows', undefined, {
          authorization: 'Bearer pbt_not-a-real-token-at-all',
        })
      ).status,
    ).toBe(401);
  });

  it('records who did what in the audit log, for admins only', async () => {
    const flow = await call(base, 'POST', '/api/flows', {
      name: 'audited',
      graph: restFlow('audited', [], []),
    });
    await call(base, 'POST', `/api/flows/${flow.body.id}/activate`);
    await call(base, 'POST', `/api/flows/${flow.body.id}/deactivate`);
    const log = await call(base, 'GET', `/api/audit?targetId=${flow.body.id}`);
    expect(log.body.entries.map((e: any) => e.action)).toEqual([
      'flow.deactivate',
      'flow.activate',
      'flow.create',
    ]);
    expect(log.body.entries[0]).toMatchObject({ actorType: 'token', actorLabel: 'bootstrap' });
    expect((await call(base, 'GET', '/api/audit', undefined, as('editor'))).status).toBe(403);
  });
});

describe('hardening', () => {
  it('sends strict security headers and never leaks internals in errors', async () => {
    const res = await fetch(`${base}/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const big = await call(base, 'POST', '/api/flows', 'x'.repeat(6 * 1024 * 1024), {
      'content-type': 'application/json',
    });
    expect(big.status).toBe(413);
    const malformed = await call(base, 'POST', '/api/flows', '{"name":', {
      'content-type': 'application/json',
    });
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body)).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('first admin', () => {
  it('prints a one-time setup link when no admin is configured, and it works once', async () => {
    const fresh = await startTestRuntime(await freshDatabase(), {
      env: { PAYBRIDGE_BOOTSTRAP_TOKEN: '' },
    });
    try {
      expect(fresh.setupLink).toMatch(/\/setup\?token=setup_/);
      const token = new URL(fresh.setupLink!).searchParams.get('token')!;
      const status = await call(fresh.url!, 'GET', '/api/auth/setup', undefined, {
        authorization: '',
      });
      expect(status.body.needsSetup).toBe(true);
      const weak = await call(
        fresh.url!,
        'POST',
        '/api/auth/setup',
        { token, email: 'a@b.co', password: 'short' },
        { authorization: '' },
      );
      expect(weak.status).toBe(400);
      const ok = await call(
        fresh.url!,
        'POST',
        '/api/auth/setup',
        { token, email: 'root@example.com', password: 'a proper passphrase' },
        { authorization: '' },
      );
      expect(ok.status).toBe(201);
      expect(ok.headers.get('set-cookie')).toMatch(/pb_session=/);
      const again = await call(
        fresh.url!,
        'POST',
        '/api/auth/setup',
        { token, email: 'x@example.com', password: 'a proper passphrase' },
        { authorization: '' },
      );
      expect(again.status).toBe(403);
    } finally {
      await fresh.stop();
    }
  });
});
