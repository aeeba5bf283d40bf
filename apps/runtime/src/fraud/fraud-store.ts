/**
 * The fraud store as the fraud nodes use it ({@link createFraudStore}): the attempt history and
 * its summary (`history-sql.ts`), the scores given, and the reviews waiting for a decision. The
 * Fraud API reads and decides reviews through `review-queue.ts`.
 *
 * @module
 */
import type { FraudStore, ReviewState, ScoreRecord } from '@paybridge/nodes/executors';
import type { Sql } from '../db/client';
import { insertAttempts, summariseHistory } from './history-sql';
import { activeModelReader } from './model-versions';

interface ReviewRow {
  id: string;
  order_id: string;
  status: 'waiting' | 'approved' | 'rejected';
  expires_at: Date;
  timeout_action: 'approve' | 'reject';
  decided_at: Date | null;
  decided_by: string | null;
  note: string | null;
  timed_out: boolean;
}

const REVIEW_COLUMNS = (sql: Sql) =>
  sql`id, order_id, status, expires_at, timeout_action, decided_at, decided_by, note, timed_out`;

function reviewState(r: ReviewRow): ReviewState {
  return {
    id: r.id,
    orderId: r.order_id,
    status: r.status,
    expiresAt: new Date(r.expires_at),
    timeoutAction: r.timeout_action,
    decidedAt: r.decided_at ? new Date(r.decided_at) : null,
    decidedBy: r.decided_by,
    note: r.note,
    timedOut: r.timed_out,
  };
}

/** One review's state, or null. */
export async function readReview(sql: Sql, id: string): Promise<ReviewState | null> {
  const [row] = await sql<ReviewRow[]>`
    select ${REVIEW_COLUMNS(sql)} from fraud_reviews where id = ${id}`;
  return row ? reviewState(row) : null;
}

/** The label a decision teaches: a rejected order counts as fraud, an approved one as legit. */
export async function labelScore(
  sql: Sql,
  reviewId: string,
  decision: 'approved' | 'rejected',
  source: string,
): Promise<void> {
  await sql`
    update fraud_scores s set label = ${decision === 'approved' ? 'legit' : 'fraud'},
      label_source = ${source}, labelled_at = now()
    from fraud_reviews r
    where r.id = ${reviewId} and s.id = r.score_id and s.label_source is distinct from 'chargeback'`;
}

/** Stores a score once per run and node; again answers the first one's id. */
async function recordScoreRow(sql: Sql, s: ScoreRecord): Promise<{ scoreId: string }> {
  const [row] = await sql<{ id: string }[]>`
    with inserted as (
      insert into fraud_scores (run_id, node_id, order_id, order_name, score, level, reasons,
        features, history, payment_check, ip_country, order_json, model_version)
      values (${s.runId}, ${s.nodeId}, ${String(s.order.id)},
        ${typeof s.order['name'] === 'string' ? s.order['name'] : null}, ${s.score}, ${s.level},
        ${JSON.stringify(s.reasons)}::jsonb, ${JSON.stringify(s.features)}::jsonb,
        ${JSON.stringify(s.history)}::jsonb,
        ${s.check ? JSON.stringify(s.check) : null}::jsonb, ${s.ipCountry},
        ${JSON.stringify(s.order)}::jsonb, ${s.modelVersion})
      on conflict (run_id, node_id) do nothing
      returning id)
    select id from inserted
    union all
    select id from fraud_scores where run_id = ${s.runId} and node_id = ${s.nodeId}
    limit 1`;
  return { scoreId: row!.id };
}

export function createFraudStore(sql: Sql): FraudStore {
  return {
    activeModel: activeModelReader(sql),
    summarise: (order, check) => summariseHistory(sql, order, check),
    recordScore: (s) =>
      // One commit for both, without waiting for its WAL flush: the step's checkpoint that
      // follows is flushed, and WAL is written in order, so no checkpoint outlives the score it
      // names; a crash before the checkpoint runs the step, and records, again.
      sql.begin(async (tx) => {
        const t = tx as unknown as Sql;
        await t`select set_config('synchronous_commit', 'off', true)`;
        await insertAttempts(t, [
          { order: s.order, check: s.check, approved: s.approved, runId: s.runId },
        ]);
        return recordScoreRow(t, s);
      }),
    async openReview(r) {
      const [row] = await sql<ReviewRow[]>`
        with inserted as (
          insert into fraud_reviews (score_id, run_id, node_id, order_id, timeout_action,
            expires_at)
          values (${r.scoreId}, ${r.runId}, ${r.nodeId}, ${r.orderId}, ${r.timeoutAction},
            ${r.expiresAt})
          on conflict (run_id, node_id) do nothing
          returning ${REVIEW_COLUMNS(sql)})
        select * from inserted
        union all
        select ${REVIEW_COLUMNS(sql)} from fraud_reviews
        where run_id = ${r.runId} and node_id = ${r.nodeId}
        limit 1`;
      return reviewState(row!);
    },
    review: (id) => readReview(sql, id),
    async expireReview(id) {
      const [row] = await sql<ReviewRow[]>`
        update fraud_reviews set
          status = case timeout_action when 'approve' then 'approved' else 'rejected' end,
          timed_out = true, decided_at = now(), decided_by = 'timeout'
        where id = ${id} and status = 'waiting'
        returning ${REVIEW_COLUMNS(sql)}`;
      // A timeout teaches nothing: nobody looked at the order, so the score gets no label.
      return row ? reviewState(row) : (await readReview(sql, id))!;
    },
  };
}
