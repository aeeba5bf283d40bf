import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { createLogger } from '../src/logger';

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
  }
}

/** One private Postgres for the test run, in a throw-away directory. */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), 'paybridge-test-'));
  const db = await startEmbeddedPostgres({ dataDir: dir, port: 0, logger: createLogger('warn') });
  project.provide('adminDatabaseUrl', db.url);
  return async () => {
    await db.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
