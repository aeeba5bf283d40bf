import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { loadEnv } from '../../apps/runtime/src/env';
import { createLogger } from '../../apps/runtime/src/logger';
import { startRuntime } from '../../apps/runtime/src/start-runtime';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    adminEmail: string;
    adminPassword: string;
  }
}

const EDITOR = fileURLToPath(new URL('../../apps/editor', import.meta.url));
export const ADMIN_EMAIL = 'e2e-admin@example.com';
export const ADMIN_PASSWORD = 'e2e-correct-horse-battery';

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** Builds the editor when `dist` is missing or older than its sources (npm test builds first). */
function ensureEditorBuilt(): void {
  const index = join(EDITOR, 'dist', 'index.html');
  const fresh =
    existsSync(index) &&
    statSync(index).mtimeMs >=
      Math.max(newest(join(EDITOR, 'src')), statSync(join(EDITOR, 'index.html')).mtimeMs);
  if (fresh) return;
  const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    cwd: EDITOR,
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error('editor build failed');
}

/**
 * One runtime for the e2e run, as `npm start` would run it: its own embedded Postgres in a
 * throw-away directory, a configured first admin, the built editor at `/`.
 */
export default async function setup(project: TestProject) {
  ensureEditorBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'paybridge-e2e-'));
  // As root, Postgres runs as the `postgres` user, which must be able to reach its data directory.
  chmodSync(dir, 0o755);
  const env = loadEnv({
    PORT: '0',
    HOST: '127.0.0.1',
    PAYBRIDGE_DATA_DIR: join(dir, 'data'),
    PAYBRIDGE_ADMIN_EMAIL: ADMIN_EMAIL,
    PAYBRIDGE_ADMIN_PASSWORD: ADMIN_PASSWORD,
    PAYBRIDGE_SECRET_KEY: Buffer.alloc(32, 9).toString('base64'),
    PAYBRIDGE_LOG_LEVEL: 'warn',
    PAYBRIDGE_WORKER_CONCURRENCY: '2',
    // Alert webhooks in the tests post to a receiver on this machine.
    PAYBRIDGE_HTTP_ALLOW_CIDRS: '127.0.0.1/32',
  });
  const runtime = await startRuntime(env, { logger: createLogger('warn') });
  if (!runtime.url) throw new Error('runtime serves no HTTP');
  project.provide('baseUrl', runtime.url);
  project.provide('adminEmail', ADMIN_EMAIL);
  project.provide('adminPassword', ADMIN_PASSWORD);
  return async () => {
    await runtime.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
