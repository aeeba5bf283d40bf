import type {
  EffectClaim,
  EffectRef,
  EffectState,
  EffectStore,
  RelatedEffect,
} from '@paybridge/engine';
import { effectKey, effectReference, referenceOf } from '@paybridge/engine';
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

/**
 * One statement: insert the first attempt, or open the next one after a release, or return the
 * record as it stands. The last branch reads the statement's snapshot, so it is told which of the
 * other two wrote. Parameters: $1 key, $2 flow, $3 event, $4 node, $5 item, $6 reference,
 * $7 fingerprint, $8 run, $9 target, $10 operation, $11 amount.
 */
const CLAIM = `
with inserted as (
  insert into effect_records
    (business_key, flow_id, event_id, node_id, item, reference, fingerprint, status, run_id,
     target_id, operation, amount_minor)
  values ($1, $2::uuid, $3::uuid, $4, $5, $6, $7, 'pending', $8::uuid, $9, $10, $11::bigint)
  on conflict do nothing
  returning reference, attempt, 'new'::text as state, fingerprint, attempt_started_at, outcome,
    remote_id, settled_by_run::text
), reopened as (
  update effect_records set attempt = attempt + 1, fingerprint = $7, status = 'pending',
    outcome = null, remote_id = null, run_id = $8::uuid, settled_by_run = null,
    target_id = $9, operation = $10, amount_minor = $11::bigint,
    attempt_started_at = now(), updated_at = now()
  where business_key = $1 and status = 'released' and not exists (select 1 from inserted)
  returning reference, attempt, 'new'::text as state, fingerprint, attempt_started_at, outcome,
    remote_id, settled_by_run::text
)
select * from inserted
union all select * from reopened
union all
select reference, attempt, case status when 'settled' then 'settled' else 'unknown' end,
  fingerprint, attempt_started_at, outcome, remote_id, settled_by_run::text
from effect_records
where business_key = $1 and status <> 'released'
  and not exists (select 1 from inserted) and not exists (select 1 from reopened)`;

/**
 * Settles, releases and remote ids are committed without waiting for the WAL flush. Losing one
 * in a database crash leaves the record pending, and a pending record is resolved by looking the
 * effect up at the service: slower, never wrong. Claims always wait for the flush: a claim lost
 * in a crash would let a charge happen twice.
 */
const NO_FLUSH = `with no_flush as (select set_config('synchronous_commit', 'off', true))`;

/**
 * The Postgres side of the engine's effect ledger for one run. Records are keyed by the effect's
 * business reference, so every path to the same business fact (retries, takeovers after a crash,
 * replays, other events, other flows, copies) shares them; effects without one fall back to the
 * run's flow and event.
 */
export function createEffectStore(
  sql: Sql,
  scope: {
    flowId: string;
    eventId: string;
    runId: string;
    /**
     * Set for a test run whose calls went to a simulator: its records are keyed (and referenced)
     * under it, so no real run ever finds a simulated effect in place of a real one.
     */
    namespace?: string | undefined;
  },
): EffectStore {
  const { flowId, eventId, runId, namespace } = scope;
  const keyOf: EffectStore['keyOf'] = (nodeId, ref) => {
    const key = effectKey(flowId, eventId, nodeId, ref);
    return namespace === undefined ? key : `${namespace}/${key}`;
  };
  const referenceFor = (nodeId: string, ref: EffectRef) =>
    namespace === undefined
      ? referenceOf(flowId, eventId, nodeId, ref)
      : effectReference(namespace, keyOf(nodeId, ref));
  return {
    keyOf,
    async claim(nodeId, ref, fingerprint, facts): Promise<EffectClaim> {
      const key = keyOf(nodeId, ref);
      const reference = referenceFor(nodeId, ref);
      const params = [
        key,
        flowId,
        eventId,
        nodeId,
        ref.item,
        reference,
        fingerprint,
        runId,
        facts.target ?? null,
        facts.operation ?? null,
        facts.amountMinor ?? null,
      ];
      // A concurrent first claim (a replay or another flow racing this run) commits after this
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
      throw new Error(`effect record ${key} could not be claimed`);
    },
    async noteRemoteId(nodeId, ref, attempt, remoteId) {
      await sql.unsafe(
        `${NO_FLUSH} update effect_records set remote_id = $3, updated_at = now() from no_flush
         where business_key = $1 and attempt = $2 and status = 'pending'`,
        [keyOf(nodeId, ref), attempt, remoteId],
        { prepare: true },
      );
    },
    async settle(nodeId, ref, attempt, outcome, remoteId) {
      await sql.unsafe(
        `${NO_FLUSH} update effect_records set status = 'settled', outcome = $3::jsonb,
           remote_id = coalesce($4, remote_id), settled_by_run = $5::uuid, updated_at = now()
         from no_flush where business_key = $1 and attempt = $2`,
        [keyOf(nodeId, ref), attempt, JSON.stringify(outcome ?? null), remoteId, runId],
        { prepare: true },
      );
    },
    async release(nodeId, ref, attempt) {
      await sql.unsafe(
        `${NO_FLUSH} update effect_records set status = 'released', updated_at = now()
         from no_flush where business_key = $1 and attempt = $2 and status = 'pending'`,
        [keyOf(nodeId, ref), attempt],
        { prepare: true },
      );
    },
    async related(target): Promise<RelatedEffect[]> {
      const rows = await sql<
        {
          business_key: string;
          status: RelatedEffect['status'];
          operation: string | null;
          amount_minor: string | null;
          outcome: unknown;
        }[]
      >`select business_key, status, operation, amount_minor::text, outcome
        from effect_records where target_id = ${target}`;
      return rows.map((row) => ({
        key: row.business_key,
        status: row.status,
        operation: row.operation,
        amountMinor: row.amount_minor === null ? null : Number(row.amount_minor),
        outcome: row.status === 'settled' ? row.outcome : null,
      }));
    },
  };
}
