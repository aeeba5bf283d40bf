import type { Sql } from '../db/client';
import type { SealedValue } from '../db/schema/connections';
import type { Logger } from '../logger';
import type { KeyRing } from './key-ring';
import { openSecret, sealWith } from './seal';
import {
  lockSealingExclusive,
  lockSealingShared,
  tryLockRotation,
  unlockRotation,
} from './sealing-lock';

/** What a rotation did. */
export interface RotationResult {
  /** The key every value is sealed with now. */
  activeKid: string;
  /** Connections whose values were re-sealed. */
  connections: number;
  /** Values re-sealed. */
  values: number;
  /** Key ids removed from the key file (key-file mode; never in env mode). */
  droppedKids: string[];
  /** Values that could not be opened (they keep their old key, which is kept too). */
  failures: { connectionId: string; field: string; message: string }[];
}

/** Another rotation holds the lock. */
export class RotationInProgressError extends Error {
  constructor() {
    super('A secret rotation is already running');
    this.name = 'RotationInProgressError';
  }
}

/**
 * Re-seals every connection secret with a new master key. Key file: a new random key is
 * generated and becomes active. Environment: the configured `PAYBRIDGE_SECRET_KEY` is the target,
 * and values still sealed with a `PAYBRIDGE_SECRET_KEY_PREVIOUS` key are moved to it.
 *
 * Each connection is re-sealed in its own transaction (row locked), so the runtime keeps serving
 * and a failure leaves every connection readable under its old or its new key. Only then are keys
 * that no value references any more dropped from the key file.
 */
export async function rotateSecrets(
  sql: Sql,
  ring: KeyRing,
  logger: Logger,
): Promise<RotationResult> {
  const session = await sql.reserve();
  try {
    if (!(await tryLockRotation(session))) throw new RotationInProgressError();
    try {
      return await rotate(sql, ring, logger);
    } finally {
      await unlockRotation(session);
    }
  } finally {
    session.release();
  }
}

async function rotate(sql: Sql, ring: KeyRing, logger: Logger): Promise<RotationResult> {
  const target = await sql.begin(async (tx) => {
    await lockSealingExclusive(tx);
    return ring.addActiveKey();
  });
  const result: RotationResult = {
    activeKid: target.kid,
    connections: 0,
    values: 0,
    droppedKids: [],
    failures: [],
  };
  const ids = await sql<{ id: string }[]>`
    select id from connections where secrets <> '{}'::jsonb order by id`;
  for (const { id } of ids) {
    const changed = await sql.begin(async (tx) => {
      await lockSealingShared(tx);
      const [row] = await tx<{ secrets: Record<string, SealedValue> }[]>`
        select secrets from connections where id = ${id} for update`;
      if (!row) return 0;
      const next: Record<string, SealedValue> = { ...row.secrets };
      let count = 0;
      for (const [field, sealed] of Object.entries(row.secrets)) {
        if (sealed.kid === target.kid) continue;
        const place = { connectionId: id, field };
        try {
          next[field] = sealWith(target, place, await openSecret(ring, place, sealed));
          count++;
        } catch (err) {
          result.failures.push({ connectionId: id, field, message: (err as Error).message });
        }
      }
      if (count > 0) {
        await tx`update connections set secrets = ${JSON.stringify(next)}::jsonb where id = ${id}`;
      }
      return count;
    });
    if (changed > 0) {
      result.connections++;
      result.values += changed;
    }
  }
  result.droppedKids = await sql.begin(async (tx) => {
    await lockSealingExclusive(tx);
    const rows = await tx<{ kid: string }[]>`
      select distinct s.value->>'kid' as kid from connections c, jsonb_each(c.secrets) s`;
    return ring.retainOnly(new Set(rows.map((r) => r.kid)));
  });
  logger.info('connection secrets rotated', {
    kid: result.activeKid,
    connections: result.connections,
    values: result.values,
    dropped: result.droppedKids,
    failures: result.failures.length,
  });
  return result;
}
