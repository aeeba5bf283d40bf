import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSql } from '../src/db/client';
import type { Logger } from '../src/logger';
import { startRuntime, type RuntimeHandle } from '../src/start-runtime';
import { ADMIN_TOKEN, call, freshDatabase, startTestRuntime, testEnv } from './support';

let dbUrl: string;
let rt: RuntimeHandle;
let base: string;

beforeAll(async () => {
  dbUrl = await freshDatabase();
  rt = await startTestRuntime(dbUrl);
  base = rt.url!;
});
afterAll(async () => {
  await rt?.stop();
});

/** Signs in like a browser; returns the status and the headers a browser would send next. */
async function signIn(email: string, password: string, at = base) {
  const res = await fetch(`${at}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const body = (await res.json()) as { csrfToken?: string };
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    browser: { cookie, 'x-csrf-token': body.csrfToken ?? '', authorization: '' },
  };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('API tokens follow their creator', () => {
  it("acts with at most the creator's current role, and not at all while the creator is disabled", async () => {
    const user = await call(base, 'POST', '/api/users', {
      email: 'ops-admin@example.com',
      password: 'admin passphrase one',
      role: 'admin',
    });
    expect(user.status).toBe(201);
    const s = await signIn('ops-admin@example.com', 'admin passphrase one');
    expect(s.status).toBe(200);
    const made = await call(base, 'POST', '/api/tokens', { name: 'ci', role: 'admin' }, s.browser);
    expect(made.status).toBe(201);
    const token = bearer(made.body.token);
    // A token made with that token is bound to the same person.
    const child = await call(base, 'POST', '/api/tokens', { name: 'ci-2', role: 'admin' }, token);
    expect(child.status).toBe(201);
    const childToken = bearer(child.body.token);
    expect((await call(base, 'GET', '/api/users', undefined, token)).status).toBe(200);
    expect((await call(base, 'GET', '/api/users', undefined, childToken)).status).toBe(200);

    // The token acts for its creator, so it cannot demote them (that would lock itself out).
    const own = await call(base, 'PATCH', `/api/users/${user.body.id}`, { role: 'viewer' }, token);
    expect(own.status).toBe(409);

    // Demoted to viewer: at once (the token cache must not keep the admin role), both tokens
    // read like a viewer and can no longer administer.
    expect(
      (await call(base, 'PATCH', `/api/users/${user.body.id}`, { role: 'viewer' })).status,
    ).toBe(200);
    for (const t of [token, childToken]) {
      expect((await call(base, 'GET', '/api/users', undefined, t)).status).toBe(403);
      expect((await call(base, 'GET', '/api/flows', undefined, t)).status).toBe(200);
      expect((await call(base, 'GET', '/api/auth/me', undefined, t)).body.role).toBe('viewer');
    }
    expect(
      (await call(base, 'POST', '/api/tokens', { name: 'x', role: 'admin' }, token)).status,
    ).toBe(403);

    // Disabled: the tokens stop working at once.
    await call(base, 'PATCH', `/api/users/${user.body.id}`, { disabled: true });
    for (const t of [token, childToken])
      expect((await call(base, 'GET', '/api/flows', undefined, t)).status).toBe(401);

    // Re-enabled: the tokens were never revoked, so they work again, still only as viewer.
    await call(base, 'PATCH', `/api/users/${user.body.id}`, { disabled: false });
    expect((await call(base, 'GET', '/api/flows', undefined, token)).status).toBe(200);
    expect((await call(base, 'GET', '/api/users', undefined, token)).status).toBe(403);

    // Promoted back to admin: the token's own role (admin) applies again.
    await call(base, 'PATCH', `/api/users/${user.body.id}`, { role: 'admin' });
    expect((await call(base, 'GET', '/api/users', undefined, token)).status).toBe(200);
  });

  it('applies a role change made through another process within the 5 s cache', async () => {
    const api = await startTestRuntime(dbUrl, { role: 'api' });
    try {
      const user = await call(base, 'POST', '/api/users', {
        email: 'far-admin@example.com',
        password: 'admin passphrase two',
        role: 'admin',
      });
      const s = await signIn('far-admin@example.com', 'admin passphrase two');
      const made = await call(
        base,
        'POST',
        '/api/tokens',
        { name: 'far', role: 'editor' },
        s.browser,
      );
      const token = bearer(made.body.token);
      expect((await call(api.url!, 'GET', '/api/auth/me', undefined, token)).body.role).toBe(
        'editor',
      );
      await call(base, 'PATCH', `/api/users/${user.body.id}`, { disabled: true });
      const until = Date.now() + 6000;
      let status = 0;
      while (Date.now() < until) {
        status = (await call(api.url!, 'GET', '/api/flows', undefined, token)).status;
        if (status === 401) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(status).toBe(401);
    } finally {
      await api.stop();
    }
  });

  it('keeps the bootstrap token, which has no creator, an admin', async () => {
    expect((await call(base, 'GET', '/api/auth/me')).body).toMatchObject({
      label: 'bootstrap',
      role: 'admin',
    });
    expect((await call(base, 'GET', '/api/users')).status).toBe(200);
  });
});

describe('bad bearer tokens', () => {
  it('limits failures from one address but never refuses a token that verifies', async () => {
    const bad = bearer('pbt_not-a-real-token-at-all');
    // 30 failures a minute per address (earlier tests here already spent a few).
    const answers: number[] = [];
    while (answers.length < 31 && answers.at(-1) !== 429)
      answers.push((await call(base, 'GET', '/api/flows', undefined, bad)).status);
    expect(answers.at(-1)).toBe(429);
    expect(answers.slice(0, -1).every((s) => s === 401)).toBe(true);
    // Same address, valid tokens: still served.
    expect((await call(base, 'GET', '/api/flows')).status).toBe(200);
    const viewer = await call(base, 'POST', '/api/tokens', { name: 'nat-user', role: 'viewer' });
    expect(viewer.status).toBe(201);
    expect(
      (await call(base, 'GET', '/api/flows', undefined, bearer(viewer.body.token))).status,
    ).toBe(200);
    // Bad ones are still refused with 429 and a wait.
    const again = await call(base, 'GET', '/api/flows', undefined, bad);
    expect(again.status).toBe(429);
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('sign-in throttling', () => {
  it('checks at most 5 of 40 concurrent wrong passwords for one account', async () => {
    await call(base, 'POST', '/api/users', {
      email: 'target@example.com',
      password: 'the right passphrase',
      role: 'viewer',
    });
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => signIn('target@example.com', `wrong guess ${i}`)),
    );
    const checked = answers.filter((a) => a.status === 401).length;
    const refused = answers.filter((a) => a.status === 429);
    expect(checked).toBeLessThanOrEqual(5);
    expect(checked + refused.length).toBe(40);
    expect(Number(refused[0]!.retryAfter)).toBeGreaterThan(800);
    const audit = await call(base, 'GET', '/api/audit?action=login.fail');
    expect(audit.body.entries.length).toBeLessThanOrEqual(5);

    // The right password is refused until the window ends...
    expect((await signIn('target@example.com', 'the right passphrase')).status).toBe(429);
    // ...and accepted once it has (the window is moved back rather than waited for).
    const sql = openSql(dbUrl, { max: 1 });
    try {
      await sql`update login_attempts set window_start = window_start - interval '15 minutes'`;
    } finally {
      await sql.end();
    }
    expect((await signIn('target@example.com', 'the right passphrase')).status).toBe(200);
  });
});

describe('bootstrap token', () => {
  it('stays revoked across a restart, with a warning in the log', async () => {
    const db = await freshDatabase();
    const warnings: string[] = [];
    const logger: Logger = {
      debug() {},
      info() {},
      warn: (msg) => void warnings.push(msg),
      error() {},
      child: () => logger,
    };
    const first = await startRuntime(testEnv(db), { logger });
    try {
      const listed = await call(first.url!, 'GET', '/api/tokens');
      const boot = listed.body.tokens.find((t: any) => t.name === 'bootstrap');
      expect((await call(first.url!, 'DELETE', `/api/tokens/${boot.id}`)).status).toBe(204);
      expect((await call(first.url!, 'GET', '/api/flows')).status).toBe(401);
    } finally {
      await first.stop();
    }
    expect(warnings.join('\n')).not.toMatch(/BOOTSTRAP_TOKEN/);
    const second = await startRuntime(testEnv(db), { logger });
    try {
      expect((await call(second.url!, 'GET', '/api/flows')).status).toBe(401);
      expect(warnings.join('\n')).toMatch(/PAYBRIDGE_BOOTSTRAP_TOKEN was revoked/);
      expect(warnings.join('\n')).not.toContain(ADMIN_TOKEN);
    } finally {
      await second.stop();
    }
  });
});
