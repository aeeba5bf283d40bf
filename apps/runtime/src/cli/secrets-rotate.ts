import { AuditLog } from '../audit/audit-log';
import { ConnectionStore } from '../connections/connection-store';
import type { Env } from '../env';
import type { Logger } from '../logger';
import { loadKeyRing } from '../secrets/load-key-ring';
import type { RotationResult } from '../secrets/rotate-secrets';
import { CliError, withDatabase } from './with-database';

export { CliError };

/**
 * `paybridge secrets rotate`: connects like the runtime does (DATABASE_URL, or the embedded
 * Postgres in the data directory, which must not be in use by a running runtime) and re-seals
 * every connection secret under a new master key.
 */
export async function secretsRotate(env: Env, logger: Logger): Promise<RotationResult> {
  return withDatabase(
    env,
    logger,
    'Stop it first, or rotate through it: POST /api/admin/secrets/rotate as an admin.',
    async (sql) => {
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
    },
  );
}
