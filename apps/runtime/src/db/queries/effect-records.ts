import type { EffectClaim, EffectState, EffectStore } from '@paybridge/engine';
import { effectReference } from '@paybridge/engine';
import type { Sql } from '../client';

interface ClaimRow {
  reference: string;
  attempt: number;
  state: EffectState;
  fingerprint: string;
  attempt_started_at: string;
  outcome: unknown;
  remote_id: string | null;
  settled_by_run: string | null;
}

const KEY = `flow_id = $1::uuid and event_id = $2::uuid and node_id = $3 and item = $4`;

/**
 * One statement: insert the first attempt, or open the next one after a release, or return the
 * record as it stands. The last branch reads the statement's snapshot, so it is told which of the
 * other two wrote.
 */
const CLAIM = `
with inserted as (
  insert into effect_records
    (flow_id, event_id, node_id, item, reference, fingerprint, status, run_id)
  values ($1::uuid, $2::uuid, $3, $4, $5, $6, 'pending', $7::uuid)
  on conflict do nothing
  returning reference, attempt, 'new'::text as state, fingerprint, attempt_started_at, outcome,
    remote_id, settled_by_run::text
), reopened as (
  update effect_records set attempt = attempt + 1, fingerprint = $6, status = 'pending',
    outcome = null, remote_id = null, run_id = $7::uuid, settled_by_run = null,
    attempt_started_at = now(), updated_at = now()
  where ${KEY} and status = 'released' and not exists (select 1 from inserted)
  returning reference, attempt, 'new'::text as state, fingerprint, attempt_started_at, outcome,
    remote_id, settled_by_run::text
)
select * from inserted
union all select * from reopened
union all
select reference, attempt, case status when 'settled' then 'settled' else 'unknown' end,
  fingerprint, attempt_started_at, outcome, remote_id, settled_by_run::text
from effect_records
where ${KEY} and status <> 'released'
  and not exists (select 1 from inserted) and not exists (select 1 from reopened)`;

/**
 * Settles, releases and remote ids are committed without waiting for the WAL flush. Losing one
 * in a database crash leaves the record pending, and a pending record is resolved by looking the
 * effect up at the service: slower, never wrong. Claims always wait for the flush: a claim lost
 * in a crash would let a charge happen twice.
 */
const NO_FLUSH = `with no_flush as (select set_config('synchronous_commit', 'off', true))`;

/**
 * The Postgres side of the engine's effect ledger for one run: records scoped by the run's flow
 * and event, so retries, takeovers after a crash and replays of the event share them.
 */
export function createEffectStore(
  sql: Sql,
  scope: { flowId: string; eventId: string; runId: string },
): EffectStore {
  const { flowId, eventId, runId } = scope;
  return {
    async claim(nodeId, item, fingerprint): Promise<EffectClaim> {
      const reference = effectReference(flowId, eventId, nodeId, item);
      const params = [flowId, eventId, nodeId, item, reference, fingerprint, runId];
      // A concurrent first claim (a replay racing the original run) commits after this
      // statement's snapshot: the insert then does nothing and no branch sees the row. Once more
      // with a fresh snapshot finds it.
      for (let round = 0; round < 3; round++) {
        const rows = await sql.unsafe<ClaimRow[]>(CLAIM, params, { prepare: true });
        const row = rows[0];
        if (row) {
          return {
            reference: row.reference,
            attempt: row.attempt,
            state: row.state,
            fingerprint: row.fingerprint,
            startedAt: new Date(row.attempt_started_at),
            outcome: row.state === 'settled' ? row.outcome : null,
            remoteId: row.remote_id,
            settledByRun: row.state === 'settled' ? row.settled_by_run : null,
          };
        }
      }
      throw new Error(`effect record ${nodeId}/${item} of event ${eventId} could not be claimed`);
    },
    async noteRemoteId(nodeId, item, attempt, remoteId) {
      await sql.unsafe(
        `${NO_FLUSH} update effect_records set remote_id = $6, updated_at = now() from no_flush
         where ${KEY} and attempt = $5 and status = 'pending'`,
        [flowId, eventId, nodeId, item, attempt, remoteId],
        { prepare: true },
      );
    },
    async settle(nodeId, item, attempt, outcome, remoteId) {
      await sql.unsafe(
        `${NO_FLUSH} update effect_records set status = 'settled', outcome = $6::jsonb,
           remote_id = coalesce($7, remote_id), settled_by_run = $8::uuid, updated_at = now()
         from no_flush where ${KEY} and attempt = $5`,
        [flowId, eventId, nodeId, item, attempt, JSON.stringify(outcome ?? null), remoteId, runId],
        { prepare: true },
      );
    },
    async release(nodeId, item, attempt) {
      await sql.unsafe(
        `${NO_FLUSH} update effect_records set status = 'released', updated_at = now()
         from no_flush where ${KEY} and attempt = $5 and status = 'pending'`,
        [flowId, eventId, nodeId, item, attempt],
        { prepare: true },
      );
    },
  };
}
