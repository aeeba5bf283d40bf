import { AuditLog } from '../audit/audit-log';
import { ConnectionStore } from '../connections/connection-store';
import { createDb } from '../db/client';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../db/embedded-postgres';
import { migrateDatabase } from '../db/migrate';
import type { Env } from '../env';
import type { Logger } from '../logger';
import { loadKeyRing } from '../secrets/load-key-ring';
import type { RotationResult } from '../secrets/rotate-secrets';
import { embeddedOwnerPid } from './embedded-in-use';

/** Refusal with a message for the operator (exit code 1, no stack). */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/**
 * `paybridge secrets rotate`: connects like the runtime does (DATABASE_URL, or the embedded
 * Postgres in the data directory, which must not be in use by a running runtime) and re-seals
 * every connection secret under a new master key.
 */
export async function secretsRotate(env: Env, logger: Logger): Promise<RotationResult> {
  let embedded: EmbeddedDatabase | null = null;
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    const owner = embeddedOwnerPid(env.PAYBRIDGE_DATA_DIR);
    if (owner !== null) {
      throw new CliError(
        `The Paybridge runtime (pid ${owner}) is running on the embedded database in ` +
          `${env.PAYBRIDGE_DATA_DIR}. Stop it first, or rotate through it: ` +
          'POST /api/admin/secrets/rotate as an admin.',
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
    const store = new ConnectionStore(sql, await loadKeyRing(env, logger));
    const result = await store.rotateSecrets(logger);
    await new AuditLog(sql).record(null, {
      action: 'secrets.rotate',
      targetType: 'secrets',
      details: {
        via: 'cli',
        activeKid: result.activeKid,
        connections: result.connections,
        values: result.values,
        droppedKids: result.droppedKids,
        failures: result.failures.length,
      },
    });
    return result;
  } finally {
    await sql.end({ timeout: 5 });
    await embedded?.stop();
  }
}
