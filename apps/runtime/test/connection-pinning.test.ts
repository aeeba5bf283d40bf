import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSql, type Sql } from '../src/db/client';
import type { RuntimeHandle } from '../src/start-runtime';
import { startEchoServer, type EchoServer } from './echo-server';
import { call, freshDatabase, restFlow, startTestRuntime, waitForRun } from './support';

/** Distinctive: any hit in what a non-admin reads is a leak, never a coincidence. */
const SECRET = `PINkey${randomBytes(6).toString('hex')}Zq8`;
const REVERSED = [...SECRET].reverse().join('');

let rt: RuntimeHandle;
let echo: EchoServer;
let base: string;
let connectionId: string;
let sql: Sql;

beforeAll(async () => {
  echo = await startEchoServer(SECRET);
  const dbUrl = await freshDatabase();
  sql = openSql(dbUrl, { max: 2 });
  rt = await startTestRuntime(dbUrl, {
    env: { PAYBRIDGE_HTTP_ALLOW_CIDRS: '127.0.0.1/32' },
  });
  base = rt.url!;
  const created = await call(base, 'POST', '/api/connections', {
    type: 'http.header-auth',
    name: 'Pinned key',
    values: { headerName: 'X-Api-Key', value: SECRET, allowedHosts: [new URL(echo.origin).host] },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  connectionId = created.body.id;
});
afterAll(async () => {
  await sql?.end();
  await rt?.stop();
  await echo?.close();
});

/** trigger -> http.request (with the connection) -> map copying the response body. */
async function runFlow(name: string, url: string, connection = connectionId) {
  const graph = restFlow(
    name,
    [
      { id: 'call', type: 'http.request', config: { url, connectionId: connection } },
      { id: 'copy', type: 'map', config: { expression: '{ "copied": $node("call").body }' } },
    ],
    [
      ['trigger', 'call'],
      ['call', 'copy'],
    ],
  );
  const flow = await call(base, 'POST', '/api/flows', { name, graph, activate: true });
  expect(flow.status, JSON.stringify(flow.body)).toBe(201);
  const sent = await call(base, 'POST', `/hooks/${name}`, { order: name });
  expect(sent.status).toBe(202);
  return waitForRun(base, sent.body.runId);
}

async function tokenFor(role: string): Promise<Record<string, string>> {
  const res = await call(base, 'POST', '/api/tokens', { name: `pin-${role}`, role });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { authorization: `Bearer ${res.body.token}` };
}

/** Every piece of the echo that would give the secret away. */
function leaks(text: string): string[] {
  const third = Math.ceil(REVERSED.length / 3);
  const pieces = [
    SECRET,
    REVERSED,
    ...[0, 1, 2].map((i) => REVERSED.slice(i * third, (i + 1) * third)),
  ];
  return pieces.filter((piece) => text.includes(piece));
}

describe('connections pinned to their hosts', () => {
  it('refuses to create an HTTP auth connection without allowed hosts', async () => {
    const res = await call(base, 'POST', '/api/connections', {
      type: 'http.header-auth',
      name: 'Unpinned',
      values: { headerName: 'X-Api-Key', value: 'k-unpinned' },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details.issues.map((i: any) => i.path)).toEqual(['values.allowedHosts']);
  });

  it('fails a step that would send the credentials to another host, sending nothing', async () => {
    const before = echo.received.length;
    const port = new URL(echo.origin).port;
    const run = await runFlow('pin-elsewhere', `http://localhost:${port}/mirror`);
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({
      code: 'CONNECTION_HOST_NOT_ALLOWED',
      message: expect.stringContaining(`localhost:${port}`),
    });
    expect(echo.received.length).toBe(before);
  });
});

describe('connections saved before hosts were pinned', () => {
  it('send nothing until an admin sets their allowed hosts, and say so', async () => {
    const created = await call(base, 'POST', '/api/connections', {
      type: 'http.header-auth',
      name: 'Legacy key',
      values: {
        headerName: 'X-Api-Key',
        value: SECRET,
        testUrl: `${echo.origin}/check`,
        allowedHosts: [new URL(echo.origin).host],
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    // As stored by a release without host pinning.
    await sql`update connections set values = values - 'allowedHosts' where id = ${id}`;
    const before = echo.received.length;

    const run = await runFlow('pin-legacy', `${echo.origin}/mirror`, id);
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({
      code: 'CONNECTION_HOST_NOT_ALLOWED',
      message: expect.stringContaining('an admin must set its Allowed hosts'),
    });
    const test = await call(base, 'POST', `/api/connections/${id}/test`);
    expect(test.body).toMatchObject({
      ok: false,
      message: expect.stringContaining('Allowed hosts'),
    });
    expect(echo.received.length).toBe(before);

    // Setting the hosts repairs it.
    const fixed = await call(base, 'PATCH', `/api/connections/${id}`, {
      values: { allowedHosts: [new URL(echo.origin).host] },
    });
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    expect((await call(base, 'POST', `/api/connections/${id}/test`)).body.ok).toBe(true);
  });
});

describe('run data of steps that used a connection', () => {
  it('never shows a non-admin the secret, however the service echoes it', async () => {
    const ok = await runFlow('pin-mirror', `${echo.origin}/mirror`);
    expect(ok.status).toBe('succeeded');
    const denied = await runFlow('pin-mirror-denied', `${echo.origin}/mirror?deny=1`);
    expect(denied.status).toBe('failed');
    expect(echo.received.at(-1)?.headers['x-api-key']).toBe(SECRET);

    // The echo got past the scrubber: admins, who manage the secret, see the run as recorded.
    const asAdmin = await call(base, 'GET', `/api/runs/${ok.id}`);
    expect(leaks(JSON.stringify(asAdmin.body))).not.toEqual([]);

    for (const role of ['viewer', 'operator', 'editor']) {
      const auth = await tokenFor(role);
      const reads = [
        await call(base, 'GET', `/api/runs/${ok.id}`, undefined, auth),
        await call(base, 'GET', `/api/runs/${denied.id}`, undefined, auth),
        await call(base, 'GET', '/api/runs?limit=500', undefined, auth),
        await call(base, 'GET', '/api/dead-letters?open=false', undefined, auth),
      ];
      for (const read of reads) {
        expect(read.status).toBe(200);
        expect(leaks(JSON.stringify(read.body)), role).toEqual([]);
      }
      // The shape of the run stays readable: steps, statuses, the HTTP status, error codes.
      const [run, failed] = reads.map((r) => r.body);
      expect(run.steps.map((s: any) => [s.nodeId, s.status])).toEqual([
        ['trigger', 'succeeded'],
        ['call', 'succeeded'],
        ['copy', 'succeeded'],
      ]);
      expect(run.steps[1].output).toMatchObject({
        status: 200,
        body: { withheld: 'CONNECTION_RESPONSE' },
        headers: { withheld: 'CONNECTION_RESPONSE' },
      });
      expect(run.steps[0].output).toEqual(asAdmin.body.steps[0].output);
      expect(failed.error).toMatchObject({ code: 'HTTP_401' });
    }
  });
});
