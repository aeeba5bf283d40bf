import { createHash, randomUUID } from 'node:crypto';
import type { Sql } from '../db/client';
import { findFlow, findVersion } from '../db/queries/flows';
import type { Db } from '../db/client';
import { flowFlag } from '../jobs/flow-slots';
import type { ReplayMode } from './replay-test-run';

/** The version a replay runs on: the flow's active version, else its latest. */
export async function replayVersionOf(db: Db, flowId: string): Promise<string | null> {
  const flow = await findFlow(db, flowId);
  if (!flow) return null;
  if (flow.active?.versionId) return flow.active.versionId;
  return (await findVersion(db, flow.flow.id, flow.flow.latestVersion))?.id ?? null;
}

export interface ReplayInput {
  original: { id: string; flowId: string; eventId: string };
  versionId: string;
  /** An edited trigger payload: stored as a new event of source `replay`. Absent: same event. */
  payload?: { value: unknown } | undefined;
  note?: string | undefined;
  /** For the replay of a test run: a test run again, up to the same node ({@link ReplayMode}). */
  mode?: ReplayMode | undefined;
}

export interface Replayed {
  runId: string;
  eventId: string;
  /** The replayed run's dead letter, resolved with a note naming the new run. */
  resolvedDeadLetterId: string | null;
}

/**
 * Starts a new run linked to `original` (its `parent_run_id`), on the original event or on a new
 * event holding an edited payload, in one transaction with its job; an open dead letter of the
 * original is resolved with a note naming the new run, since the replay is how it was handled.
 * The new run's effects go through the same business-keyed effect records as every run, so a
 * replay of an order that was charged finds the charge and never charges again. A replayed test
 * run is marked as a test run with its stop node (`mode`), so it runs as one.
 */
export async function replayRunIn(tx: Sql, input: ReplayInput): Promise<Replayed> {
  const runId = randomUUID();
  let eventId = input.original.eventId;
  if (input.payload) {
    eventId = randomUUID();
    await tx`insert into events (id, source, external_id, payload)
             values (${eventId}, 'replay', ${`replay:${runId}`}, ${JSON.stringify(input.payload.value)}::json)`;
  }
  await tx`select set_config('plan_cache_mode', 'force_custom_plan', true)`;
  await tx`insert into runs (id, flow_id, flow_version_id, event_id, parent_run_id, test_mode, stop_after)
           values (${runId}, ${input.original.flowId}, ${input.versionId}, ${eventId}, ${input.original.id},
                   ${input.mode?.testMode ?? null}, ${input.mode?.stopAfter ?? null})`;
  await tx`select graphile_worker.add_job('run.execute',
             json_build_object('runId', ${runId}::text, 'flowId', ${input.original.flowId}::text),
             flags => array[${flowFlag(input.original.flowId)}])`;
  const note = `Replayed as run ${runId}${input.note ? `: ${input.note}` : ''}`;
  const [dead] = await tx<{ id: string }[]>`
    update dead_letters set resolved_at = now(), resolution = ${note}
    where run_id = ${input.original.id} and resolved_at is null returning id::text as id`;
  if (dead) await tx`update runs set updated_at = now() where id = ${input.original.id}`;
  return { runId, eventId, resolvedDeadLetterId: dead?.id ?? null };
}

/** {@link replayRunIn} in its own transaction. */
export async function replayRun(sql: Sql, input: ReplayInput): Promise<Replayed> {
  return sql.begin((tx) => replayRunIn(tx as unknown as Sql, input)) as Promise<Replayed>;
}

/** SHA-256 of a payload's JSON text, for the audit log (the payload itself may hold personal data). */
export function payloadHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/**
 * The paths where an edited payload differs from the original (at most 50), for the audit log:
 * where the operator changed something, never the values.
 */
export function changedPaths(before: unknown, after: unknown, limit = 50): string[] {
  const out: string[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (out.length >= limit) return;
    const objA = a !== null && typeof a === 'object';
    const objB = b !== null && typeof b === 'object';
    if (objA && objB && Array.isArray(a) === Array.isArray(b)) {
      const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
      for (const k of keys) {
        walk(
          (a as Record<string, unknown>)[k],
          (b as Record<string, unknown>)[k],
          path ? `${path}.${k}` : k,
        );
      }
      return;
    }
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(path || '$');
  };
  walk(before, after, '');
  return out;
}
