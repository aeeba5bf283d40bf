import type { StepError } from '@paybridge/engine';
import type { TransactionSql } from 'postgres';
import { quoteError } from './messages';
import type { RuleKind } from './rule-kinds';

/** A rule row as the evaluator reads it. */
export interface RuleRow {
  id: string;
  name: string;
  kind: RuleKind;
  flowId: string | null;
  flowName: string | null;
  params: Record<string, number>;
  quietSeconds: number;
  channelIds: string[];
  firing: boolean;
  checkedUntil: Date | null;
  lastEventAt: Date | null;
  lastNoticeAt: Date | null;
  pendingCount: number;
  totalCount: number;
  createdAt: Date;
}

/** Events (failures, dead letters) counted in a span, and the newest one to quote. */
export interface EventCount {
  count: number;
  latest: {
    runId: string;
    flowId: string;
    flowName: string;
    nodeId: string | null;
    error: StepError | null;
  } | null;
}

/** A watched level: whether it is over its threshold, and words saying how far. */
export interface LevelReading {
  active: boolean;
  detail: string;
}

/** Counts failed runs (or new dead letters) of a flow or of all flows in `(from, to]`. */
export async function countEvents(
  tx: TransactionSql,
  rule: RuleRow,
  from: Date,
  to: Date,
): Promise<EventCount> {
  const rows =
    rule.kind === 'run_failed'
      ? await tx<
          {
            n: number;
            runId: string | null;
            flowId: string;
            flowName: string;
            nodeId: string | null;
            error: StepError | null;
          }[]
        >`
          with hits as (
            select r.id, r.flow_id, r.failed_node_id, r.error, r.finished_at from runs r
            where r.status = 'failed' and r.finished_at > ${from.toISOString()}::timestamptz and r.finished_at <= ${to.toISOString()}::timestamptz
              and (${rule.flowId}::uuid is null or r.flow_id = ${rule.flowId}::uuid))
          select (select count(*) from hits)::int as n, h.id::text as "runId",
                 h.flow_id::text as "flowId", f.name as "flowName",
                 h.failed_node_id as "nodeId", h.error
          from (select 1) one
          left join lateral (select * from hits order by finished_at desc limit 1) h on true
          left join flows f on f.id = h.flow_id`
      : await tx<
          {
            n: number;
            runId: string | null;
            flowId: string;
            flowName: string;
            nodeId: string | null;
            error: StepError | null;
          }[]
        >`
          with hits as (
            select d.run_id, d.flow_id, d.node_id, d.error, d.created_at from dead_letters d
            where d.created_at > ${from.toISOString()}::timestamptz and d.created_at <= ${to.toISOString()}::timestamptz
              and (${rule.flowId}::uuid is null or d.flow_id = ${rule.flowId}::uuid))
          select (select count(*) from hits)::int as n, h.run_id::text as "runId",
                 h.flow_id::text as "flowId", f.name as "flowName", h.node_id as "nodeId", h.error
          from (select 1) one
          left join lateral (select * from hits order by created_at desc limit 1) h on true
          left join flows f on f.id = h.flow_id`;
  const row = rows[0];
  if (!row || row.n === 0 || row.runId === null) return { count: 0, latest: null };
  return {
    count: row.n,
    latest: {
      runId: row.runId,
      flowId: row.flowId,
      flowName: row.flowName ?? row.flowId,
      nodeId: row.nodeId,
      error: row.error,
    },
  };
}

/** The words of one failure, as alerts quote it (error scrubbed, nothing of the run's data). */
export function describeFailure(
  latest: NonNullable<EventCount['latest']>,
  deadLetter: boolean,
): string {
  const where = latest.nodeId ? ` at node \`${latest.nodeId}\`` : '';
  const what = deadLetter ? ' and is in the dead-letter queue' : '';
  const error = latest.error ? `\n${latest.error.code}: ${quoteError(latest.error.message)}` : '';
  return `Flow ${latest.flowName}: run ${latest.runId} failed${where}${what}.${error}`;
}

const minutes = (s: number) => `${Math.round(s / 6) / 10} min`;

/** Reads the level a rule watches now. */
export async function readLevel(tx: TransactionSql, rule: RuleRow): Promise<LevelReading> {
  const p = rule.params;
  switch (rule.kind) {
    case 'decline_rate': {
      // Payment runs: runs of versions with a PayTrace node, finished in the window.
      const [row] = await tx<{ declined: number; finished: number }[]>`
        select count(*) filter (where r.status = 'declined')::int as declined,
               count(*)::int as finished
        from runs r join flow_versions v on v.id = r.flow_version_id
        where r.finished_at > now() - make_interval(mins => ${p.windowMinutes ?? 60}::int)
          and r.status in ('succeeded', 'declined', 'failed')
          and (${rule.flowId}::uuid is null or r.flow_id = ${rule.flowId}::uuid)
          and exists (select 1 from jsonb_array_elements(v.graph->'nodes') n
                      where n->>'type' like 'paytrace.%')`;
      const declined = row?.declined ?? 0;
      const finished = row?.finished ?? 0;
      const rate = finished === 0 ? 0 : Math.round((declined * 1000) / finished) / 10;
      const enough = finished >= (p.minRuns ?? 10);
      return {
        active: enough && rate > (p.thresholdPercent ?? 100),
        detail: `${declined} of ${finished} payment runs declined in the last ${p.windowMinutes} min (${rate}%, threshold ${p.thresholdPercent}%).`,
      };
    }
    case 'reconciliation_lag': {
      const rows = await tx<{ name: string; lag: number }[]>`
        select c.name, extract(epoch from now() - coalesce(s.last_success_at, s.created_at))::int as lag
        from shopify_sync_state s join connections c on c.id = s.connection_id
        where c.deleted_at is null
          and coalesce(s.last_success_at, s.created_at) < now() - make_interval(mins => ${p.minutes ?? 15}::int)
        order by lag desc`;
      return {
        active: rows.length > 0,
        detail:
          rows.length > 0
            ? `Shopify reconciliation is behind: ${rows.map((r) => `${r.name} (${minutes(r.lag)})`).join(', ')}; threshold ${p.minutes} min.`
            : `Shopify reconciliation is within ${p.minutes} min.`,
      };
    }
    case 'worker_silent': {
      const rows = await tx<{ processId: string; age: number }[]>`
        select process_id as "processId", extract(epoch from now() - last_seen_at)::int as age
        from worker_heartbeats order by last_seen_at`;
      const seconds = p.seconds ?? 60;
      const silent = rows.filter((r) => r.age > seconds);
      const live = rows.length - silent.length;
      const want = p.minWorkers ?? 1;
      return {
        active: silent.length > 0 || live < want,
        detail:
          silent.length > 0
            ? `Worker ${silent.map((s) => `${s.processId} (silent ${s.age}s)`).join(', ')} stopped heartbeating; ${live} worker(s) alive, ${want} expected.`
            : `${live} worker(s) heartbeating, ${want} expected.`,
      };
    }
    case 'queue_age': {
      const [row] = await tx<{ age: number | null }[]>`
        select extract(epoch from now() - least(
          (select min(created_at) from runs where status = 'queued'),
          (select min(run_at) from graphile_worker._private_jobs
            where locked_at is null and run_at <= now() and attempts < max_attempts)))::int as age`;
      const age = row?.age ?? 0;
      return {
        active: age > (p.minutes ?? 10) * 60,
        detail: `The oldest queued run has waited ${minutes(age)} (threshold ${p.minutes} min).`,
      };
    }
    default:
      return { active: false, detail: '' };
  }
}
