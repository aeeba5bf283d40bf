import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSql, type Sql } from '../src/db/client';
import type { RuntimeHandle } from '../src/start-runtime';
import { call, freshDatabase, restFlow, startTestRuntime } from './support';

let rt: RuntimeHandle;
let base: string;
let sql: Sql;

beforeAll(async () => {
  const dbUrl = await freshDatabase();
  rt = await startTestRuntime(dbUrl);
  base = rt.url!;
  sql = openSql(dbUrl, { max: 2 });
});
afterAll(async () => {
  await sql?.end();
  await rt?.stop();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('about', () => {
  it('tells signed-in users which release runs, on which Node.js', async () => {
    const res = await call(base, 'GET', '/api/settings');
    expect(res.status).toBe(200);
    expect(res.body.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(res.body.nodeVersion).toBe(process.version);
  });
});

describe('API tokens', () => {
  it('creates a token whose value works once shown, is never listed, and stops at revoke', async () => {
    const made = await call(base, 'POST', '/api/tokens', { name: 'ci deploy', role: 'viewer' });
    expect(made.status).toBe(201);
    const secret = made.body.token as string;
    expect((await call(base, 'GET', '/api/flows', undefined, bearer(secret))).status).toBe(200);
    // A viewer token cannot manage users.
    expect((await call(base, 'GET', '/api/users', undefined, bearer(secret))).status).toBe(403);
    const listed = await call(base, 'GET', '/api/tokens');
    const row = listed.body.tokens.find((t: { id: string }) => t.id === made.body.id);
    expect(row).toMatchObject({ name: 'ci deploy', role: 'viewer', revoked: false });
    expect(row.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect((await call(base, 'DELETE', `/api/tokens/${made.body.id}`)).status).toBe(204);
    expect((await call(base, 'GET', '/api/flows', undefined, bearer(secret))).status).toBe(401);
  });
});

describe('audit log', () => {
  it('filters by action family, actor label, target type and time, and pages by cursor', async () => {
    await new Promise((r) => setTimeout(r, 10));
    const before = new Date().toISOString();
    for (const name of ['audit one', 'audit two', 'audit three']) {
      expect((await call(base, 'POST', '/api/tokens', { name, role: 'viewer' })).status).toBe(201);
    }
    const user = await call(base, 'POST', '/api/users', {
      email: 'audited@example.com',
      password: 'a-long-enough-password',
      role: 'operator',
    });
    expect(user.status).toBe(201);

    const tokens = await call(base, 'GET', `/api/audit?action=token&since=${before}`);
    expect(tokens.status, JSON.stringify(tokens.body)).toBe(200);
    expect(tokens.body.entries.map((e: { action: string }) => e.action)).toEqual([
      'token.create',
      'token.create',
      'token.create',
    ]);
    const users = await call(base, 'GET', `/api/audit?targetType=user&since=${before}`);
    expect(users.body.entries).toHaveLength(1);
    expect(users.body.entries[0]).toMatchObject({
      action: 'user.create',
      targetId: user.body.id,
      details: { email: 'audited@example.com', role: 'operator' },
    });
    expect(users.body.entries[0].at).toMatch(/^\d{4}-\d\d-\d\dT/);

    // The bootstrap token's label is its name; a label search is case-blind and literal.
    const mine = await call(base, 'GET', '/api/audit?actor=BOOTSTRAP&limit=500');
    expect(mine.body.entries.length).toBeGreaterThan(0);
    expect((await call(base, 'GET', '/api/audit?actor=%25')).body.entries).toEqual([]);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await call(base, 'GET', `/api/audit?since=${future}`)).body.entries).toEqual([]);

    const first = await call(base, 'GET', `/api/audit?action=token.create&limit=2&since=${before}`);
    expect(first.body.entries).toHaveLength(2);
    expect(first.body.nextBefore).toBe(first.body.entries[1].id);
    const second = await call(
      base,
      'GET',
      `/api/audit?action=token.create&limit=2&since=${before}&before=${first.body.nextBefore}`,
    );
    expect(second.body.entries).toHaveLength(1);
    expect(second.body.nextBefore).toBeNull();
    expect(second.body.entries[0].id).toBeLessThan(first.body.entries[1].id);
  });
});

describe('make a version live', () => {
  it('switches the live version while webhooks keep arriving, and loses none of them', async () => {
    const graph = (label: string) =>
      restFlow(
        'make-live',
        [{ id: 'shape', type: 'map', config: { expression: `{ "version": "${label}" }` } }],
        [['trigger', 'shape']],
      );
    const created = await call(base, 'POST', '/api/flows', {
      name: 'make live',
      graph: graph('one'),
      activate: true,
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const saved = await call(base, 'PUT', `/api/flows/${id}`, { graph: graph('two') });
    expect(saved.status).toBe(200);
    expect(saved.body.activeVersion).toBe(1);

    let sending = true;
    const answers: number[] = [];
    const sender = async (n: number) => {
      for (let i = 0; sending; i++) {
        const res = await call(base, 'POST', '/hooks/make-live', { n, i });
        answers.push(res.status);
      }
    };
    const senders = [sender(1), sender(2), sender(3)];
    const live: number[] = [];
    for (let s = 0; s < 12; s++) {
      const version = s % 2 === 0 ? 2 : 1;
      const res = await call(base, 'POST', `/api/flows/${id}/activate`, { version });
      expect(res.status).toBe(200);
      live.push(res.body.activeVersion);
      await new Promise((r) => setTimeout(r, 20));
    }
    sending = false;
    await Promise.all(senders);

    expect(live).toEqual([2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]);
    expect(answers.length).toBeGreaterThan(20);
    expect(answers.filter((s) => s !== 202)).toEqual([]);
    const runs = await sql<{ n: number; versions: number }[]>`
      select count(*)::int as n, count(distinct flow_version_id)::int as versions
      from runs where flow_id = ${id}`;
    expect(runs[0]!.n).toBe(answers.length);
    expect(runs[0]!.versions).toBe(2);

    const audit = await call(base, 'GET', `/api/audit?action=flow.activate&targetId=${id}&limit=1`);
    expect(audit.body.entries[0].details).toEqual({ version: 1, previousVersion: 2 });
  });
});
