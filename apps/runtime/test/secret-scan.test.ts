import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openSql, type Sql } from '../src/db/client';
import type { RuntimeHandle } from '../src/start-runtime';
import { dumpDatabase } from './db-dump';
import { call, freshDatabase, restFlow, startTestRuntime, waitForRun } from './support';

/** Distinctive values: any hit in the scan is a leak, never a coincidence. */
const tag = randomBytes(6).toString('hex');
const HEADER_SECRET = `SCANhdr${tag}x9Q`;
const BEARER_TOKEN = `SCANtok${tag}z4W`;
const PASSWORD = `SCANpw${tag}k7E`;
const ROTATED_SECRET = `SCANnew${tag}m2R`;
const REJECTED_SECRET = `SCANbad${tag}p5T`;
const BASIC_TOKEN = Buffer.from(`ann:${PASSWORD}`).toString('base64');
const SECRETS = [
  HEADER_SECRET,
  BEARER_TOKEN,
  PASSWORD,
  ROTATED_SECRET,
  REJECTED_SECRET,
  BASIC_TOKEN,
];

let rt: RuntimeHandle;
let sql: Sql;
let origin: string;
let closeServer: () => void;
const received: IncomingHttpHeaders[] = [];
const logged: string[] = [];

beforeAll(async () => {
  // The service echoes every header it got, the way debugging endpoints and careless error
  // pages do: whatever the flow records of its answers must still hold no secret.
  const server = createServer((req, res) => {
    received.push(req.headers);
    res.setHeader('content-type', 'application/json');
    res.statusCode = req.url === '/deny' ? 401 : 200;
    res.end(JSON.stringify({ youSent: req.headers, path: req.url }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  closeServer = () => {
    server.closeAllConnections();
    server.close();
  };
  // Everything the runtime logs, at the most talkative level.
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      logged.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    });
  }
  const dbUrl = await freshDatabase();
  sql = openSql(dbUrl, { max: 2 });
  rt = await startTestRuntime(dbUrl, {
    env: { PAYBRIDGE_HTTP_ALLOW_CIDRS: '127.0.0.1/32', PAYBRIDGE_LOG_LEVEL: 'debug' },
  });
});
afterAll(async () => {
  vi.restoreAllMocks();
  closeServer?.();
  await sql?.end();
  await rt?.stop();
});

async function connection(type: string, name: string, values: Record<string, unknown>) {
  const res = await call(rt.url!, 'POST', '/api/connections', { type, name, values });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

/** A REST flow whose single http.request node calls `path` with a connection. */
async function callingFlow(name: string, path: string, connectionId: string, method = 'GET') {
  const graph = restFlow(name, [], []);
  graph.nodes.push(
    {
      id: 'call',
      type: 'http.request',
      typeVersion: 1,
      config: { method, url: `${origin}${path}`, connectionId },
      retry: { maxAttempts: 1 },
    } as never,
    {
      id: 'shape',
      type: 'map',
      typeVersion: 1,
      config: { expression: '{ "echo": body }' },
    } as never,
  );
  graph.edges.push(
    { from: { node: 'trigger', port: 'out' }, to: { node: 'call', port: 'in' } },
    { from: { node: 'call', port: 'out' }, to: { node: 'shape', port: 'in' } },
  );
  const res = await call(rt.url!, 'POST', '/api/flows', { name, graph, activate: true });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const sent = await call(rt.url!, 'POST', `/hooks/${name}`, { order: name });
  expect(sent.status).toBe(202);
  return waitForRun(rt.url!, sent.body.runId);
}

/** Every row of every table of ours and of the queue, as text. */
const dumpAll = () => dumpDatabase(sql);

describe('secret scan', () => {
  it('finds no secret anywhere in the database or the logs after connections were used', async () => {
    const header = await connection('http.header-auth', 'Scan header', {
      headerName: 'X-Api-Key',
      value: HEADER_SECRET,
      testUrl: `${origin}/me`,
      allowedHosts: [new URL(origin).host],
    });
    const bearer = await connection('http.header-auth', 'Scan bearer', {
      value: `Bearer ${BEARER_TOKEN}`,
      allowedHosts: [new URL(origin).host],
    });
    const basic = await connection('http.basic-auth', 'Scan basic', {
      username: 'ann',
      password: PASSWORD,
      allowedHosts: [new URL(origin).host],
    });
    const refused = await call(rt.url!, 'POST', '/api/connections', {
      type: 'http.header-auth',
      name: 'refused',
      values: { headerName: 'bad name', value: REJECTED_SECRET },
    });
    expect(refused.status).toBe(422);

    // Runs: success with the echoed headers recorded, a 401 quoting the key, basic and bearer.
    const ok = await callingFlow('scan-header', '/echo', header);
    expect(ok.status).toBe('succeeded');
    const denied = await callingFlow('scan-denied', '/deny', header);
    expect(denied.status).toBe('failed');
    expect((await callingFlow('scan-basic', '/echo', basic, 'POST')).status).toBe('succeeded');
    expect((await callingFlow('scan-bearer', '/echo', bearer)).status).toBe('succeeded');

    // The service did get the credentials.
    expect(received.map((h) => h['x-api-key'])).toContain(HEADER_SECRET);
    expect(received.map((h) => h.authorization)).toContain(`Basic ${BASIC_TOKEN}`);
    expect(received.map((h) => h.authorization)).toContain(`Bearer ${BEARER_TOKEN}`);
    // ...and run history shows where they were, scrubbed.
    const echoed = ok.steps.find((s: any) => s.nodeId === 'call').output.body.youSent;
    expect(echoed['x-api-key']).toBe('[secret]');

    // Admin operations: test, change a secret, rotate the master key, delete.
    expect((await call(rt.url!, 'POST', `/api/connections/${header}/test`)).body.ok).toBe(true);
    const patched = await call(rt.url!, 'PATCH', `/api/connections/${header}`, {
      values: { value: ROTATED_SECRET },
    });
    expect(patched.status).toBe(200);
    expect((await callingFlow('scan-after', '/echo', header)).status).toBe('succeeded');
    expect(received.map((h) => h['x-api-key'])).toContain(ROTATED_SECRET);
    expect((await call(rt.url!, 'POST', '/api/admin/secrets/rotate')).status).toBe(200);
    expect((await call(rt.url!, 'DELETE', `/api/connections/${bearer}?force=true`)).status).toBe(
      204,
    );

    // Everything the API answers, for good measure.
    const answers = await Promise.all(
      ['/api/connections', '/api/runs?limit=50', '/api/audit?limit=500', '/api/dead-letters'].map(
        (path) => call(rt.url!, 'GET', path),
      ),
    );
    const runs = await Promise.all(
      [ok, denied].map((r) => call(rt.url!, 'GET', `/api/runs/${r.id}`)),
    );

    const dump = await dumpAll();
    expect(dump.tables).toEqual(
      expect.arrayContaining(['public.connections', 'public.run_steps', 'public.audit_log']),
    );
    expect(dump.text).toContain('[secret]'); // steps were recorded, with secrets scrubbed
    const logs = logged.join('');
    expect(logs.length).toBeGreaterThan(0);
    const apiText = JSON.stringify([...answers, ...runs].map((a) => a.body));
    for (const secret of SECRETS) {
      expect(dump.text.includes(secret), `database holds ${secret}`).toBe(false);
      expect(logs.includes(secret), `logs hold ${secret}`).toBe(false);
      expect(apiText.includes(secret), `API answers hold ${secret}`).toBe(false);
    }
  });
});
