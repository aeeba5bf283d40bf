import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSql, type Sql } from '../src/db/client';
import type { RuntimeHandle } from '../src/start-runtime';
import { startEchoServer, type EchoServer } from './echo-server';
import { call, freshDatabase, startTestRuntime } from './support';

const RUNTIME_DIR = fileURLToPath(new URL('..', import.meta.url));
const KEY = 'k-rotate-4b1d9e27c3';

let echo: EchoServer;
beforeAll(async () => {
  echo = await startEchoServer(KEY);
});
afterAll(() => echo?.close());

async function kidsIn(sql: Sql): Promise<string[]> {
  const rows = await sql<{ kid: string }[]>`
    select distinct s.value->>'kid' as kid from connections c, jsonb_each(c.secrets) s`;
  return rows.map((r) => r.kid).sort();
}

async function create(base: string, name: string) {
  const header = await call(base, 'POST', '/api/connections', {
    type: 'http.header-auth',
    name,
    values: {
      headerName: 'X-Api-Key',
      value: KEY,
      testUrl: `${echo.origin}/check`,
      allowedHosts: [new URL(echo.origin).host],
    },
  });
  expect(header.status, JSON.stringify(header.body)).toBe(201);
  return header.body.id as string;
}

async function works(base: string, id: string): Promise<boolean> {
  return (await call(base, 'POST', `/api/connections/${id}/test`)).body.ok === true;
}

const env = (extra: Record<string, string>) => ({
  PAYBRIDGE_HTTP_ALLOW_CIDRS: '127.0.0.1/32',
  ...extra,
});

describe('rotation with the key file', () => {
  let dbUrl: string;
  let dataDir: string;
  let rt: RuntimeHandle;
  let sql: Sql;

  beforeAll(async () => {
    dbUrl = await freshDatabase();
    dataDir = join(await mkdtemp(join(tmpdir(), 'pb-rotate-')), 'data');
    rt = await startTestRuntime(dbUrl, {
      env: env({ PAYBRIDGE_SECRET_KEY: '', PAYBRIDGE_DATA_DIR: dataDir }),
    });
    sql = openSql(dbUrl, { max: 1 });
  });
  afterAll(async () => {
    await sql?.end();
    await rt?.stop();
  });

  const keyFile = async () => JSON.parse(await readFile(`${dataDir}.key`, 'utf8'));

  it('re-seals every value with a new key, keeps them readable, and drops the old key', async () => {
    const ids = [await create(rt.url!, 'one'), await create(rt.url!, 'two')];
    const basic = await call(rt.url!, 'POST', '/api/connections', {
      type: 'http.basic-auth',
      name: 'three',
      values: { username: 'ann', password: 'pw-rotate-77', allowedHosts: ['api.example.com'] },
    });
    expect(basic.status).toBe(201);
    const before = await keyFile();
    expect(await kidsIn(sql)).toEqual([before.active]);

    const res = await call(rt.url!, 'POST', '/api/admin/secrets/rotate');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      connections: 3,
      values: 3,
      droppedKids: [before.active],
      failures: [],
    });
    const after = await keyFile();
    expect(after.active).toBe(res.body.activeKid);
    expect(after.active).not.toBe(before.active);
    expect(Object.keys(after.keys)).toEqual([after.active]);
    expect(await kidsIn(sql)).toEqual([after.active]);
    for (const id of ids) expect(await works(rt.url!, id)).toBe(true);

    const [audit] =
      await sql`select details, t::text as text from audit_log t where action = 'secrets.rotate'`;
    expect(audit?.details).toMatchObject({ activeKid: after.active, values: 3 });
    expect(audit?.text).not.toContain(KEY);
    expect(audit?.text).not.toContain(after.keys[after.active]);
  });

  it('rotates from the CLI with the same settings as the runtime', async () => {
    const before = await keyFile();
    const cli = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', 'secrets', 'rotate'],
      {
        cwd: RUNTIME_DIR,
        env: {
          ...process.env,
          DATABASE_URL: dbUrl,
          PAYBRIDGE_DATA_DIR: dataDir,
          PAYBRIDGE_SECRET_KEY: '',
        },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(cli.status, cli.stderr).toBe(0);
    const after = await keyFile();
    expect(cli.stdout).toContain(`re-sealed with key ${after.active}`);
    expect(cli.stdout).toContain(`Removed unused keys: ${before.active}`);
    expect(`${cli.stdout}${cli.stderr}`).not.toContain(after.keys[after.active]);
    expect(await kidsIn(sql)).toEqual([after.active]);
    // The running runtime re-reads the key file when it meets the new key id.
    const [row] = await sql<
      { id: string }[]
    >`select id from connections where type = 'http.header-auth' limit 1`;
    expect(await works(rt.url!, row!.id)).toBe(true);
  });
});

describe('rotation with PAYBRIDGE_SECRET_KEY', () => {
  it('opens old values with PAYBRIDGE_SECRET_KEY_PREVIOUS until rotated to the new key', async () => {
    const dbUrl = await freshDatabase();
    const sql = openSql(dbUrl, { max: 1 });
    const oldKey = Buffer.alloc(32, 1).toString('base64');
    const newKey = Buffer.alloc(32, 2).toString('hex');
    try {
      let rt = await startTestRuntime(dbUrl, { env: env({ PAYBRIDGE_SECRET_KEY: oldKey }) });
      const first = await create(rt.url!, 'old');
      await rt.stop();

      rt = await startTestRuntime(dbUrl, {
        env: env({ PAYBRIDGE_SECRET_KEY: newKey, PAYBRIDGE_SECRET_KEY_PREVIOUS: oldKey }),
      });
      expect(await works(rt.url!, first)).toBe(true);
      const second = await create(rt.url!, 'new');
      expect((await kidsIn(sql)).length).toBe(2);
      const res = await call(rt.url!, 'POST', '/api/admin/secrets/rotate');
      expect(res.body).toMatchObject({ connections: 1, values: 1, droppedKids: [] });
      expect(await kidsIn(sql)).toEqual([res.body.activeKid]);
      await rt.stop();

      rt = await startTestRuntime(dbUrl, { env: env({ PAYBRIDGE_SECRET_KEY: newKey }) });
      expect(await works(rt.url!, first)).toBe(true);
      expect(await works(rt.url!, second)).toBe(true);
      await rt.stop();
    } finally {
      await sql.end();
    }
  });
});

describe('paybridge secrets rotate and the embedded database', () => {
  it('refuses while a runtime holds the embedded data directory', async () => {
    const dataDir = join(await mkdtemp(join(tmpdir(), 'pb-cli-')), 'data');
    await mkdir(dataDir, { recursive: true });
    // This test process stands in for a running runtime: alive, and not the CLI itself.
    await writeFile(join(dataDir, 'runtime.pid'), `${process.pid}\n`);
    const cli = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', 'secrets', 'rotate'],
      {
        cwd: RUNTIME_DIR,
        env: {
          ...process.env,
          DATABASE_URL: '',
          PAYBRIDGE_DATA_DIR: dataDir,
          PAYBRIDGE_SECRET_KEY: '',
        },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain(
      `runtime (pid ${process.pid}) is running on the embedded database`,
    );
    expect(cli.stderr).toContain('POST /api/admin/secrets/rotate');
  });
});
