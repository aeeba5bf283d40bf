import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSql, type Sql } from '../src/db/client';
import { ConnectionStore } from '../src/connections/connection-store';
import { KeyRing } from '../src/secrets/key-ring';
import { masterKey, parseMasterKey } from '../src/secrets/master-key';
import type { RuntimeHandle } from '../src/start-runtime';
import { startEchoServer, type EchoServer } from './echo-server';
import {
  call,
  freshDatabase,
  restFlow,
  startTestRuntime,
  TEST_SECRET_KEY,
  waitForRun,
} from './support';

const API_KEY = 'k-live-7f3a9c2e51d84b06';
const PASSWORD = 'pw-Hx9!q2Lm-basic';

let rt: RuntimeHandle;
let base: string;
let sql: Sql;
let echo: EchoServer;

beforeAll(async () => {
  const url = await freshDatabase();
  rt = await startTestRuntime(url, { env: { PAYBRIDGE_HTTP_ALLOW_CIDRS: '127.0.0.1/32' } });
  base = rt.url!;
  sql = openSql(url, { max: 2 });
  echo = await startEchoServer(API_KEY);
});
afterAll(async () => {
  await echo?.close();
  await sql?.end();
  await rt?.stop();
});

async function createHeaderAuth(name = 'Key', key = API_KEY) {
  const res = await call(base, 'POST', '/api/connections', {
    type: 'http.header-auth',
    name,
    values: {
      headerName: 'X-Api-Key',
      value: key,
      testUrl: `${echo.origin}/check`,
      allowedHosts: [new URL(echo.origin).host],
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; values: Record<string, unknown> };
}

async function viewerToken(): Promise<string> {
  const res = await call(base, 'POST', '/api/tokens', { name: 'reader', role: 'viewer' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.token as string;
}

describe('connection API', () => {
  it('lists connection types with their field schemas and secret fields', async () => {
    const res = await call(base, 'GET', '/api/connection-types');
    expect(res.status).toBe(200);
    const types = res.body.connectionTypes as { type: string; secretFields: string[] }[];
    expect(types.find((t) => t.type === 'http.header-auth')?.secretFields).toEqual(['value']);
    expect(types.find((t) => t.type === 'http.basic-auth')?.secretFields).toEqual(['password']);
    const doc = await call(base, 'GET', '/api/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/connections/{id}/test', '/admin/secrets/rotate']),
    );
  });

  it('creates a connection and never answers with a secret value', async () => {
    const created = await createHeaderAuth();
    expect(created.values).toEqual({
      headerName: 'X-Api-Key',
      value: { set: true },
      testUrl: `${echo.origin}/check`,
      allowedHosts: [new URL(echo.origin).host],
    });
    for (const path of ['/api/connections', `/api/connections/${created.id}`]) {
      const res = await call(base, 'GET', path);
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain(API_KEY);
    }
    const [row] =
      await sql`select t::text as text, secrets from connections t where id = ${created.id}`;
    expect(row?.text).not.toContain(API_KEY);
    expect(Object.keys(row?.secrets.value).sort()).toEqual(['ct', 'iv', 'kid', 'tag']);
  });

  it('refuses bad input with field paths: 400 for the request shape, 422 for values', async () => {
    const noName = await call(base, 'POST', '/api/connections', {
      type: 'http.header-auth',
      values: {},
    });
    expect(noName.status).toBe(400);
    expect(noName.body.error.details.issues[0].path).toBe('name');

    const unknownType = await call(base, 'POST', '/api/connections', {
      type: 'nope',
      name: 'x',
      values: {},
    });
    expect(unknownType.status).toBe(422);
    expect(unknownType.body.error.details.issues).toEqual([
      { path: 'type', message: expect.any(String) },
    ]);

    const badValues = await call(base, 'POST', '/api/connections', {
      type: 'http.header-auth',
      name: 'bad',
      values: {
        headerName: 'no spaces allowed',
        value: 'secret-in-a-bad-request',
        allowedHosts: ['api.example.com'],
      },
    });
    expect(badValues.status).toBe(422);
    expect(badValues.body.error.details.issues.map((i: any) => i.path)).toEqual([
      'values.headerName',
    ]);
    expect(JSON.stringify(badValues.body)).not.toContain('secret-in-a-bad-request');
  });

  it('updates partially: left-out secrets keep their value, "" clears only where allowed', async () => {
    const created = await createHeaderAuth('Partial');
    const renamed = await call(base, 'PATCH', `/api/connections/${created.id}`, {
      name: 'Renamed',
      values: { headerName: 'x-api-key', value: { set: true } },
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Renamed', values: { value: { set: true } } });
    const test = await call(base, 'POST', `/api/connections/${created.id}/test`);
    expect(test.body).toMatchObject({ ok: true });

    const emptied = await call(base, 'PATCH', `/api/connections/${created.id}`, {
      values: { value: '' },
    });
    expect(emptied.status).toBe(422);
    expect(emptied.body.error.details.issues[0].path).toBe('values.value');

    const basic = await call(base, 'POST', '/api/connections', {
      type: 'http.basic-auth',
      name: 'Basic',
      values: { username: 'ann', password: PASSWORD, allowedHosts: ['api.example.com'] },
    });
    expect(basic.status).toBe(201);
    const noPassword = await call(base, 'PATCH', `/api/connections/${basic.body.id}`, {
      values: { password: '' },
    });
    expect(noPassword.status).toBe(200);
    expect(noPassword.body.values.password).toEqual({ set: true });
  });

  it('tests a connection against its service and scrubs an echoed secret from the answer', async () => {
    const good = await createHeaderAuth('Good');
    expect((await call(base, 'POST', `/api/connections/${good.id}/test`)).body).toEqual({
      ok: true,
      message: expect.stringContaining('answered 200'),
    });
    const bad = await createHeaderAuth('Bad', 'k-wrong-3e8b1f0a77');
    const res = await call(base, 'POST', `/api/connections/${bad.id}/test`);
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.message).toContain('answered 401');
    expect(res.body.message).toContain('invalid key [secret]');
    expect(echo.received.some((r) => r.headers['x-api-key'] === 'k-wrong-3e8b1f0a77')).toBe(true);
  });

  it('lets a viewer read but not change, test or rotate', async () => {
    const created = await createHeaderAuth('Viewer');
    const viewer = { authorization: `Bearer ${await viewerToken()}` };
    expect((await call(base, 'GET', '/api/connections', undefined, viewer)).status).toBe(200);
    expect(
      (await call(base, 'GET', `/api/connections/${created.id}`, undefined, viewer)).status,
    ).toBe(200);
    expect((await call(base, 'GET', '/api/connection-types', undefined, viewer)).status).toBe(200);
    const refused = [
      ['POST', '/api/connections', { type: 'http.header-auth', name: 'x', values: { value: 'v' } }],
      ['PATCH', `/api/connections/${created.id}`, { name: 'y' }],
      ['DELETE', `/api/connections/${created.id}`, undefined],
      ['POST', `/api/connections/${created.id}/test`, undefined],
      ['POST', '/api/admin/secrets/rotate', undefined],
    ] as const;
    for (const [method, path, body] of refused) {
      expect((await call(base, method, path, body, viewer)).status, `${method} ${path}`).toBe(403);
    }
    expect(
      (await call(base, 'GET', '/api/connections', undefined, { authorization: '' })).status,
    ).toBe(401);
  });

  it('deletes softly: gone from the API, secrets erased from the row', async () => {
    const created = await createHeaderAuth('Doomed');
    expect((await call(base, 'DELETE', `/api/connections/${created.id}`)).status).toBe(204);
    expect((await call(base, 'GET', `/api/connections/${created.id}`)).status).toBe(404);
    expect((await call(base, 'DELETE', `/api/connections/${created.id}`)).status).toBe(404);
    const list = await call(base, 'GET', '/api/connections');
    expect(list.body.connections.map((c: any) => c.id)).not.toContain(created.id);
    const [row] = await sql`select secrets, deleted_at from connections where id = ${created.id}`;
    expect(row?.secrets).toEqual({});
    expect(row?.deleted_at).not.toBeNull();
  });

  it('refuses to delete a connection an active flow uses, unless forced', async () => {
    const used = await createHeaderAuth('Used');
    const graph = restFlow(
      'uses-connection',
      [
        {
          id: 'call',
          type: 'http.request',
          config: { url: `${echo.origin}/x`, connectionId: used.id },
        },
      ],
      [['trigger', 'call']],
    );
    const flow = await call(base, 'POST', '/api/flows', { name: 'Uses it', graph, activate: true });
    expect(flow.status).toBe(201);
    const refused = await call(base, 'DELETE', `/api/connections/${used.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'CONNECTION_IN_USE',
      details: { flows: [{ id: flow.body.id, name: 'Uses it' }] },
    });
    expect((await call(base, 'DELETE', `/api/connections/${used.id}?force=true`)).status).toBe(204);
  });

  it('records create, update, test and delete in the audit log without values', async () => {
    const created = await createHeaderAuth('Audited');
    await call(base, 'PATCH', `/api/connections/${created.id}`, {
      values: { value: 'k-new-9d1e7a' },
    });
    await call(base, 'POST', `/api/connections/${created.id}/test`);
    await call(base, 'DELETE', `/api/connections/${created.id}`);
    const rows = await sql`
      select action, details, t::text as text from audit_log t
      where target_id = ${created.id} order by id`;
    expect(rows.map((r) => r.action)).toEqual([
      'connection.create',
      'connection.update',
      'connection.test',
      'connection.delete',
    ]);
    expect(rows[1]?.details).toMatchObject({ changedFields: ['value'] });
    for (const row of rows) {
      expect(row.text).not.toContain(API_KEY);
      expect(row.text).not.toContain('k-new-9d1e7a');
    }
  });
});

describe('tampered secrets fail loudly', () => {
  it('a flipped ciphertext byte fails the test and the flow, naming connection and field', async () => {
    const created = await createHeaderAuth('Tampered');
    await sql`
      update connections set secrets = jsonb_set(secrets, '{value,ct}',
        to_jsonb(translate(secrets->'value'->>'ct', 'ABCDEFGHabcdefgh', 'BCDEFGHAbcdefgha')))
      where id = ${created.id}`;
    const test = await call(base, 'POST', `/api/connections/${created.id}/test`);
    expect(test.body.ok).toBe(false);
    expect(test.body.message).toContain(`Secret field "value" of connection ${created.id}`);

    const graph = restFlow('tampered', [], []);
    graph.nodes.push({
      id: 'call',
      type: 'http.request',
      typeVersion: 1,
      config: { url: `${echo.origin}/flow`, connectionId: created.id },
    } as never);
    graph.edges.push({ from: { node: 'trigger', port: 'out' }, to: { node: 'call', port: 'in' } });
    expect(
      (await call(base, 'POST', '/api/flows', { name: 'tampered', graph, activate: true })).status,
    ).toBe(201);
    const before = echo.received.length;
    const sent = await call(base, 'POST', '/hooks/tampered', {});
    const run = await waitForRun(base, sent.body.runId);
    expect(run.status).toBe('failed');
    const step = run.steps.find((s: any) => s.nodeId === 'call');
    expect(step.error).toMatchObject({ errorClass: 'permanent', code: 'SECRET_UNREADABLE' });
    expect(echo.received.length).toBe(before); // failed closed: nothing was sent

    // Re-entering the secret repairs it.
    const fixed = await call(base, 'PATCH', `/api/connections/${created.id}`, {
      values: { value: API_KEY },
    });
    expect(fixed.status).toBe(200);
    expect((await call(base, 'POST', `/api/connections/${created.id}/test`)).body.ok).toBe(true);
  });

  it('a sealed value copied to another connection does not open there', async () => {
    const a = await createHeaderAuth('A');
    const b = await createHeaderAuth('B', 'k-other-0c4f2a9b');
    await sql`update connections set secrets = (select secrets from connections where id = ${a.id}) where id = ${b.id}`;
    const test = await call(base, 'POST', `/api/connections/${b.id}/test`);
    expect(test.body).toMatchObject({ ok: false, message: expect.stringContaining(b.id) });
    expect(test.body.message).not.toContain(API_KEY);
  });

  it('an unknown key id is refused', async () => {
    const created = await createHeaderAuth('Unknown kid');
    await sql`update connections set secrets = jsonb_set(secrets, '{value,kid}', '"00000000"') where id = ${created.id}`;
    const test = await call(base, 'POST', `/api/connections/${created.id}/test`);
    expect(test.body).toMatchObject({
      ok: false,
      message: expect.stringContaining('key 00000000'),
    });
  });
});

describe('checkConnectionsExist', () => {
  it('reports connections a flow names that are missing or of the wrong type', async () => {
    const store = new ConnectionStore(
      sql,
      new KeyRing({ kind: 'env' }, masterKey(parseMasterKey(TEST_SECRET_KEY)!)),
    );
    const header = await createHeaderAuth('Exists');
    const resolved = await store.resolve(header.id);
    expect(resolved?.values.value).toBe(API_KEY);
    const missing = '5d7e3c1a-0000-4000-8000-000000000000';
    const graph = restFlow(
      'x',
      [
        {
          id: 'ok',
          type: 'http.request',
          config: { url: 'https://a.example', connectionId: header.id },
        },
        {
          id: 'gone',
          type: 'http.request',
          config: { url: 'https://a.example', connectionId: missing },
        },
        { id: 'none', type: 'http.request', config: { url: 'https://a.example' } },
      ],
      [],
      { auth: { type: 'bearer', connectionId: header.id } },
    );
    expect(await store.checkConnectionsExist(graph as never)).toEqual([
      {
        path: ['nodes', 2, 'config', 'connectionId'],
        code: 'CONNECTION_NOT_FOUND',
        message: `No connection with id ${missing}`,
        nodeId: 'gone',
      },
      {
        path: ['nodes', 0, 'config', 'auth', 'connectionId'],
        code: 'CONNECTION_INVALID',
        message: `Connection ${header.id} is a http.header-auth connection; this node needs webhook.bearer`,
        nodeId: 'trigger',
      },
    ]);
  });
});
