import { createDb, type Sql } from '../db/client';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../db/embedded-postgres';
import { migrateDatabase } from '../db/migrate';
import type { Env } from '../env';
import type { Logger } from '../logger';
import { embeddedOwnerPid } from './embedded-in-use';

/** Refusal with a message for the operator (exit code 1, no stack). */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/**
 * Runs `work` on the database the runtime uses (DATABASE_URL, or the embedded Postgres in the data
 * directory, which must not be in use by a running runtime: `busyHint` says what to do instead),
 * migrated to this version, and closes it after.
 */
export async function withDatabase<T>(
  env: Env,
  logger: Logger,
  busyHint: string,
  work: (sql: Sql) => Promise<T>,
): Promise<T> {
  let embedded: EmbeddedDatabase | null = null;
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    const owner = embeddedOwnerPid(env.PAYBRIDGE_DATA_DIR);
    if (owner !== null) {
      throw new CliError(
        `The Paybridge runtime (pid ${owner}) is running on the embedded database in ` +
          `${env.PAYBRIDGE_DATA_DIR}. ${busyHint}`,
      );
    }
    embedded = await startEmbeddedPostgres({
      dataDir: env.PAYBRIDGE_DATA_DIR,
      port: env.PAYBRIDGE_EMBEDDED_PG_PORT,
      logger,
    });
    databaseUrl = embedded.url;
  }
  const { db, sql } = createDb(databaseUrl, 4);
  try {
    await migrateDatabase(db, sql, databaseUrl, logger);
    return await work(sql);
  } finally {
    await sql.end({ timeout: 5 });
    await embedded?.stop();
  }
}
