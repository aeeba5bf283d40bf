import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/db/embedded-postgres';
import { processAlive } from '../src/db/process-alive';
import { createLogger } from '../src/logger';

/**
 * A Postgres of a test's own, so that the test can restart it or kill it without disturbing the
 * shared cluster of global-setup that other test files use. The URL stays the same across
 * restarts (same port, same credentials), as it does for a real server.
 */
export interface PrivatePostgres {
  url: string;
  /** Clean stop, then start: `pg_ctl restart -m fast` (sessions see admin_shutdown). */
  restart(downMs?: number): Promise<void>;
  /** SIGKILL of the postmaster, then start: a crash; the server runs crash recovery. */
  crash(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const quiet = createLogger('silent');

async function postmasterPid(dir: string): Promise<number> {
  const text = await readFile(join(dir, 'pg', 'postmaster.pid'), 'utf8');
  return Number(text.split('\n')[0]);
}

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check() && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
}

/** Starts a Postgres in a throw-away directory on a fixed free port. */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = await mkdtemp(join(tmpdir(), 'paybridge-restart-'));
  let db: EmbeddedDatabase = await startEmbeddedPostgres({ dataDir: dir, port: 0, logger: quiet });
  const port = Number(new URL(db.url).port);
  const url = db.url;

  const start = async () => {
    // After a crash the old server's backends notice their postmaster died and exit within
    // moments; until they do, a new server refuses the shared memory they still hold.
    for (let attempt = 1; ; attempt++) {
      try {
        db = await startEmbeddedPostgres({ dataDir: dir, port, logger: quiet });
        return;
      } catch (err) {
        if (attempt >= 20) throw err;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  };

  return {
    url,
    async restart(downMs = 1000) {
      await db.stop();
      await new Promise((r) => setTimeout(r, downMs));
      await start();
    },
    async crash(downMs = 1000) {
      const pid = await postmasterPid(dir);
      process.kill(pid, 'SIGKILL');
      await waitUntil(() => !processAlive(pid), 5000);
      await new Promise((r) => setTimeout(r, downMs));
      await start();
    },
    async stop() {
      await db.stop().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
