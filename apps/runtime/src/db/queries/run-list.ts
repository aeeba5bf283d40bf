import type { PendingQuery, Row } from 'postgres';
import type { StepError } from '@paybridge/engine';
import type { Sql } from '../client';
import type { RunStatus } from '../schema/index';

/** Operator statuses and trigger sources, as `http/run-schemas.ts` declares them. */
export type OperatorStatus = RunStatus | 'retrying' | 'dead-lettered';
export type TriggerSource = 'webhook' | 'reconciliation' | 'schedule' | 'manual' | 'replay';

/** The runs list's filters; bulk operations select their runs with the same. */
export interface RunListFilters {
  status?: readonly OperatorStatus[];
  flowId?: readonly string[];
  source?: readonly TriggerSource[];
  since?: Date;
  until?: Date;
  q?: string;
}

export interface RunListRow {
  id: string;
  flow_id: string;
  flow_version_id: string;
  event_id: string;
  status: RunStatus;
  parent_run_id: string | null;
  stop_after: string | null;
  test_mode: 'simulator' | 'live' | null;
  failed_node_id: string | null;
  error: StepError | null;
  resume_at: Date | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  updated_at: Date;
  executions: number;
  flow_name: string | null;
  operator_status: OperatorStatus;
  source: TriggerSource;
  attempts: number;
  dead_letter_id: string | null;
  created_key: string;
  updated_key: string;
}

type Fragment = PendingQuery<Row[]>;

/** Microsecond-exact text of a timestamp: cursors must not lose the precision Postgres keeps. */
const keyOf = (sql: Sql, column: string) =>
  sql.unsafe(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`);

// Fixed SQL text (no user input): a failed run with an open dead letter, a waiting run whose
// current wait is a step's retry delay.
const OPEN_DEAD_LETTER = `exists (select 1 from dead_letters d where d.run_id = r.id and d.resolved_at is null)`;
const RETRY_WAIT = `exists (select 1 from run_steps s where s.run_id = r.id and s.status = 'retrying' and s.resume_at = r.resume_at)`;

/** The operator status of run `r`, in SQL. */
export const OPERATOR_STATUS_SQL = `case
  when r.status = 'failed' and ${OPEN_DEAD_LETTER} then 'dead-lettered'
  when r.status = 'waiting' and ${RETRY_WAIT} then 'retrying'
  else r.status end`;

/**
 * The trigger source of run `r` with event `e`: a replay is a run an operator started from
 * another (`parent_run_id`); otherwise the event's source says it (Shopify events record whether
 * the webhook or the reconciliation poller brought them).
 */
export const SOURCE_SQL = `case
  when r.parent_run_id is not null then 'replay'
  when e.source = 'schedule' then 'schedule'
  when e.source = 'manual' then 'manual'
  when e.source like 'shopify:%' and (e.payload ->> 'source') = 'reconciliation' then 'reconciliation'
  else 'webhook' end`;

/** A predicate on `r` per operator status, each usable with the status index. */
function statusPredicate(sql: Sql, status: OperatorStatus): Fragment {
  switch (status) {
    case 'dead-lettered':
      return sql.unsafe(`(r.status = 'failed' and ${OPEN_DEAD_LETTER})`);
    case 'failed':
      return sql.unsafe(`(r.status = 'failed' and not ${OPEN_DEAD_LETTER})`);
    case 'retrying':
      return sql.unsafe(`(r.status = 'waiting' and ${RETRY_WAIT})`);
    case 'waiting':
      return sql.unsafe(`(r.status = 'waiting' and not ${RETRY_WAIT})`);
    default:
      return sql`r.status = ${status}`;
  }
}

function sourcePredicate(sql: Sql, source: TriggerSource): Fragment {
  switch (source) {
    case 'replay':
      return sql`r.parent_run_id is not null`;
    case 'schedule':
    case 'manual':
      return sql`(r.parent_run_id is null and e.source = ${source})`;
    case 'reconciliation':
      return sql.unsafe(
        `(r.parent_run_id is null and e.source like 'shopify:%' and (e.payload ->> 'source') = 'reconciliation')`,
      );
    case 'webhook':
      return sql.unsafe(
        `(r.parent_run_id is null and e.source not in ('schedule', 'manual', 'replay')
          and not (e.source like 'shopify:%' and (e.payload ->> 'source') = 'reconciliation'))`,
      );
  }
}

const or = (sql: Sql, parts: Fragment[]): Fragment => parts.reduce((acc, p) => sql`${acc} or ${p}`);
const and = (sql: Sql, parts: Fragment[]): Fragment =>
  parts.length === 0 ? sql`true` : parts.reduce((acc, p) => sql`${acc} and ${p}`);

/** Most events and effect records one reference search looks at. */
const SEARCH_LIMIT = 500;

/**
 * The ids of the runs that touched a business reference, each branch an index lookup and
 * bounded: Shopify events whose body has it as id, name (`#1002`, or `1002` for `#1002`) or
 * order id, and effect records that carry it as remote id, reference, target, or as the order or
 * custom reference in their business key. A run touched it when it processed such an event,
 * claimed or settled such an effect, or shares the effect's event.
 */
function searchCte(sql: Sql, q: string): Fragment {
  const names = q.startsWith('#') ? [q] : [q, `#${q}`];
  return sql`
    ev_hits as (
      (select e2.id from events e2 where e2.source like 'shopify:%' and ((e2.payload -> 'body') ->> 'id') = ${q} limit ${SEARCH_LIMIT})
      union
      (select e2.id from events e2 where e2.source like 'shopify:%' and ((e2.payload -> 'body') ->> 'name') = any(${names}::text[]) limit ${SEARCH_LIMIT})
      union
      (select e2.id from events e2 where e2.source like 'shopify:%' and ((e2.payload -> 'body') ->> 'order_id') = ${q} limit ${SEARCH_LIMIT})
    ),
    fx_hits as (
      (select er.event_id, er.run_id, er.settled_by_run from effect_records er where er.remote_id = ${q} limit ${SEARCH_LIMIT})
      union
      (select er.event_id, er.run_id, er.settled_by_run from effect_records er where er.reference = ${q} limit ${SEARCH_LIMIT})
      union
      (select er.event_id, er.run_id, er.settled_by_run from effect_records er where er.target_id = ${q} limit ${SEARCH_LIMIT})
      union
      (select er.event_id, er.run_id, er.settled_by_run from effect_records er where er.business_key = ${q} limit ${SEARCH_LIMIT})
      union
      (select er.event_id, er.run_id, er.settled_by_run from effect_records er
        where substring(er.business_key from ':order:([^:#]+)') = ${q} limit ${SEARCH_LIMIT})
      union
      (select er.event_id, er.run_id, er.settled_by_run from effect_records er
        where substring(er.business_key from ':ref:([^#]+)') = ${q} limit ${SEARCH_LIMIT})
    ),
    matched as (
      select r2.id from runs r2
        where r2.event_id in (select id from ev_hits union select event_id from fx_hits)
      union select run_id from fx_hits
      union select settled_by_run from fx_hits where settled_by_run is not null
    )`;
}

/** The WHERE predicate of the filters (the search joins separately). */
function filterPredicate(sql: Sql, f: RunListFilters): Fragment {
  const parts: Fragment[] = [];
  if (f.status?.length)
    parts.push(
      sql`(${or(
        sql,
        f.status.map((s) => statusPredicate(sql, s)),
      )})`,
    );
  if (f.flowId?.length) parts.push(sql`r.flow_id = any(${[...f.flowId]}::uuid[])`);
  if (f.source?.length)
    parts.push(
      sql`(${or(
        sql,
        f.source.map((s) => sourcePredicate(sql, s)),
      )})`,
    );
  if (f.since) parts.push(sql`r.created_at >= ${f.since}`);
  if (f.until) parts.push(sql`r.created_at <= ${f.until}`);
  return and(sql, parts);
}

export type RunPage =
  | { kind: 'page'; after?: { key: string; id: string }; before?: Date }
  | { kind: 'changes'; after: { key: string; id: string } };

/**
 * One page of runs under the filters: newest first with keyset paging on (created_at, id), or,
 * for live updates, the runs changed after a point, oldest change first, keyset on
 * (updated_at, id). Every branch uses an index; a search first collects its (bounded) run ids.
 */
export async function queryRuns(
  sql: Sql,
  f: RunListFilters,
  page: RunPage,
  limit: number,
  /** Only this run (the run view reads its list fields the same way). */
  runId?: string,
): Promise<RunListRow[]> {
  const where: Fragment[] = [filterPredicate(sql, f)];
  if (runId !== undefined) where.push(sql`r.id = ${runId}::uuid`);
  if (page.kind === 'page' && page.after) {
    where.push(
      sql`(r.created_at, r.id) < (${page.after.key}::timestamptz, ${page.after.id}::uuid)`,
    );
  }
  if (page.kind === 'page' && page.before) where.push(sql`r.created_at < ${page.before}`);
  if (page.kind === 'changes') {
    where.push(
      sql`(r.updated_at, r.id) > (${page.after.key}::timestamptz, ${page.after.id}::uuid)`,
    );
  }
  const order =
    page.kind === 'changes'
      ? sql`order by r.updated_at asc, r.id asc`
      : sql`order by r.created_at desc, r.id desc`;
  const from = f.q
    ? sql`with ${searchCte(sql, f.q)} select ${columns(sql)} from matched m join runs r on r.id = m.id`
    : sql`select ${columns(sql)} from runs r`;
  const rows = await sql<RunListRow[]>`
    ${from}
    join events e on e.id = r.event_id
    left join flows f on f.id = r.flow_id
    where ${and(sql, where)}
    ${order}
    limit ${limit}`;
  // postgres.js here hands timestamps over as text.
  return rows.map((r) => ({
    ...r,
    resume_at: dateOrNull(r.resume_at),
    created_at: new Date(r.created_at),
    started_at: dateOrNull(r.started_at),
    finished_at: dateOrNull(r.finished_at),
    updated_at: new Date(r.updated_at),
  }));
}

/** A timestamp column's value as a Date (the driver may give text). */
export function dateOrNull(v: Date | string | null): Date | null {
  return v === null ? null : new Date(v);
}

function columns(sql: Sql): Fragment {
  return sql`r.id::text as id, r.flow_id::text as flow_id, r.flow_version_id::text as flow_version_id,
    r.event_id::text as event_id, r.status, r.parent_run_id::text as parent_run_id, r.stop_after,
    r.test_mode,
    r.failed_node_id, r.error, r.resume_at, r.created_at, r.started_at, r.finished_at, r.updated_at,
    r.executions, f.name as flow_name,
    ${sql.unsafe(OPERATOR_STATUS_SQL)} as operator_status,
    ${sql.unsafe(SOURCE_SQL)} as source,
    coalesce((select max(s.attempt) from run_steps s where s.run_id = r.id), 0)::int as attempts,
    (select d.id::text from dead_letters d where d.run_id = r.id and d.resolved_at is null) as dead_letter_id,
    ${keyOf(sql, 'r.created_at')} as created_key,
    ${keyOf(sql, 'r.updated_at')} as updated_key`;
}

/**
 * Where live updates start: the database's clock less an overlap, since `updated_at` is a
 * transaction's start time and a transaction that began earlier may commit after this answer.
 * Answers may so repeat a run; clients upsert by id.
 */
export async function changesStart(sql: Sql): Promise<string> {
  const [row] = await sql<{ key: string }[]>`
    select ${keyOf(sql, "(now() - interval '10 seconds')")} as key`;
  return row!.key;
}

/** Ids of up to `limit` runs matching the filters, newest first (bulk operations). */
export async function runIdsMatching(
  sql: Sql,
  f: RunListFilters,
  limit: number,
): Promise<string[]> {
  const rows = await queryRuns(sql, f, { kind: 'page' }, limit);
  return rows.map((r) => r.id);
}

/** Counts per operator status under the filters (status filter and paging aside). */
export async function countOperatorStatuses(
  sql: Sql,
  f: RunListFilters,
): Promise<Partial<Record<OperatorStatus, number>>> {
  const base = { ...f, status: undefined };
  const from = f.q
    ? sql`with ${searchCte(sql, f.q)} select ${sql.unsafe(OPERATOR_STATUS_SQL)} as s from matched m join runs r on r.id = m.id`
    : sql`select ${sql.unsafe(OPERATOR_STATUS_SQL)} as s from runs r`;
  const rows = await sql<{ s: OperatorStatus; n: number }[]>`
    select s, count(*)::int as n from (
      ${from} join events e on e.id = r.event_id where ${filterPredicate(sql, base)}
    ) x group by s`;
  return Object.fromEntries(rows.map((r) => [r.s, r.n]));
}
