/**
 * The review queue as the Fraud API reads and decides it: the list (waiting first), one review
 * with the order, its signals and the customer's history, and the decision, which labels the
 * score and wakes the waiting run. The one home of the queue's SQL.
 *
 * @module
 */
import type { HistorySummary, ScoreReason } from '@paybridge/fraud';
import type { Sql } from '../db/client';
import { wakeSuspendedStep } from '../runs/wake-suspended';
import { labelScore } from './fraud-store';
import { toMinorIn } from './history-sql';

export type ReviewStatus = 'waiting' | 'approved' | 'rejected';

/** A review as the list shows it. */
export interface ReviewListItem {
  id: string;
  runId: string;
  orderId: string;
  orderName: string | null;
  email: string | null;
  amount: { minor: number; currency: string } | null;
  status: ReviewStatus;
  score: number | null;
  level: 'low' | 'elevated' | 'high' | null;
  reasons: ScoreReason[];
  createdAt: string;
  expiresAt: string;
  timeoutAction: 'approve' | 'reject';
  decidedAt: string | null;
  decidedBy: string | null;
  note: string | null;
  timedOut: boolean;
}

interface ListRow {
  id: string;
  run_id: string;
  order_id: string;
  order_name: string | null;
  email: string | null;
  total_price: string | null;
  currency: string | null;
  status: ReviewStatus;
  score: number | null;
  level: 'low' | 'elevated' | 'high' | null;
  reasons: ScoreReason[] | null;
  created_at: Date;
  expires_at: Date;
  timeout_action: 'approve' | 'reject';
  decided_at: Date | null;
  decided_by: string | null;
  note: string | null;
  timed_out: boolean;
}

const LIST_COLUMNS = (sql: Sql) => sql`
  r.id, r.run_id, r.order_id, s.order_name, s.order_json->>'email' as email,
  s.order_json->>'total_price' as total_price, s.order_json->>'currency' as currency,
  r.status, s.score, s.level, s.reasons, r.created_at, r.expires_at, r.timeout_action,
  r.decided_at, r.decided_by, r.note, r.timed_out`;

/** "12.34" to minor units; null when the order carried something else. */
function minorOf(price: string | null, currency: string | null): number | null {
  return price !== null && /^-?\d+(\.\d{1,3})?$/.test(price) ? toMinorIn(price, currency) : null;
}

function toItem(r: ListRow): ReviewListItem {
  const minor = minorOf(r.total_price, r.currency);
  return {
    id: r.id,
    runId: r.run_id,
    orderId: r.order_id,
    orderName: r.order_name,
    email: r.email,
    amount: minor === null || !r.currency ? null : { minor, currency: r.currency },
    status: r.status,
    score: r.score,
    level: r.level,
    reasons: r.reasons ?? [],
    createdAt: new Date(r.created_at).toISOString(),
    expiresAt: new Date(r.expires_at).toISOString(),
    timeoutAction: r.timeout_action,
    decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
    decidedBy: r.decided_by,
    note: r.note,
    timedOut: r.timed_out,
  };
}

/** Reviews, waiting ones first (oldest first: the queue), then decided ones, newest first. */
export async function listReviews(
  sql: Sql,
  f: { status?: ReviewStatus[] | undefined; timedOut?: boolean | undefined; limit: number },
): Promise<{ reviews: ReviewListItem[]; total: number; waiting: number }> {
  const byStatus = f.status && f.status.length > 0 ? sql`r.status in ${sql(f.status)}` : sql`true`;
  const where =
    f.timedOut === undefined
      ? sql`where ${byStatus}`
      : sql`where ${byStatus} and r.timed_out = ${f.timedOut}`;
  const rows = await sql<ListRow[]>`
    select ${LIST_COLUMNS(sql)}
    from fraud_reviews r left join fraud_scores s on s.id = r.score_id
    ${where}
    order by (r.status = 'waiting') desc,
      case when r.status = 'waiting' then r.created_at end asc,
      r.created_at desc, r.id
    limit ${f.limit}`;
  const [count] = await sql<{ n: number; waiting: number }[]>`
    select count(*)::int as n,
      (select count(*)::int from fraud_reviews where status = 'waiting') as waiting
    from fraud_reviews r ${where}`;
  return { reviews: rows.map(toItem), total: count!.n, waiting: count!.waiting };
}

/** One past attempt of the same customer, for the review page. */
export interface CustomerAttempt {
  orderId: string;
  createdAt: string;
  amount: { minor: number; currency: string };
  approved: boolean;
  refunded: boolean;
  chargebackAt: string | null;
}

/** A review with everything an operator decides on. */
export interface ReviewDetail {
  review: ReviewListItem;
  order: Record<string, unknown> | null;
  ipAddress: string | null;
  ipCountry: string | null;
  paymentCheck: {
    avsResponse: string | null;
    cscResponse: string | null;
    maskedCard: string | null;
  } | null;
  history: HistorySummary | null;
  features: Record<string, number> | null;
  modelVersion: string | null;
  customerAttempts: CustomerAttempt[];
}

/** One review with its order, signals and the customer's last orders, or null. */
export async function reviewDetail(sql: Sql, id: string): Promise<ReviewDetail | null> {
  const [row] = await sql<
    (ListRow & {
      order_json: Record<string, unknown> | null;
      ip_country: string | null;
      payment_check: Record<string, string | null> | null;
      history: HistorySummary | null;
      features: Record<string, number> | null;
      model_version: string | null;
    })[]
  >`
    select ${LIST_COLUMNS(sql)}, s.order_json, s.ip_country, s.payment_check, s.history,
      s.features, s.model_version
    from fraud_reviews r left join fraud_scores s on s.id = r.score_id
    where r.id = ${id}`;
  if (!row) return null;
  const order = row.order_json;
  const customer = (order?.['customer'] as { id?: unknown } | null | undefined)?.id;
  const attempts =
    customer === undefined || customer === null
      ? []
      : await sql<
          {
            order_id: string;
            created_at: Date;
            amount_minor: string;
            currency: string;
            approved: boolean;
            refunded: boolean;
            chargeback_at: Date | null;
          }[]
        >`
          select order_id, created_at, amount_minor::text, currency, approved, refunded,
            chargeback_at
          from fraud_attempts
          where approved and customer_id = ${String(customer)} and order_id <> ${row.order_id}
          order by created_at desc limit 50`;
  const client = order?.['client_details'] as { browser_ip?: unknown } | null | undefined;
  const ip =
    typeof order?.['browser_ip'] === 'string'
      ? order['browser_ip']
      : typeof client?.browser_ip === 'string'
        ? client.browser_ip
        : null;
  const check = row.payment_check;
  return {
    review: toItem(row),
    order,
    ipAddress: ip,
    ipCountry: row.ip_country,
    paymentCheck: check
      ? {
          avsResponse: check['avs_response'] ?? null,
          cscResponse: check['csc_response'] ?? null,
          maskedCard: check['masked_card'] ?? null,
        }
      : null,
    history: row.history,
    features: row.features,
    modelVersion: row.model_version,
    customerAttempts: attempts.map((a) => ({
      orderId: a.order_id,
      createdAt: new Date(a.created_at).toISOString(),
      amount: { minor: Number(a.amount_minor), currency: a.currency },
      approved: a.approved,
      refunded: a.refunded,
      chargebackAt: a.chargeback_at ? new Date(a.chargeback_at).toISOString() : null,
    })),
  };
}

/** Why a decision was refused. */
export class ReviewDecisionError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'ALREADY_DECIDED',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Records an operator's decision on a waiting review, labels its score, and wakes the run at
 * once. Only one decision ever lands: a second one (the same or the other, from anyone, or after
 * the timeout decided) is refused with what was decided, by whom and when.
 */
export async function decideReview(
  sql: Sql,
  id: string,
  decision: 'approved' | 'rejected',
  by: string,
  note: string | null,
): Promise<ReviewListItem> {
  const [updated] = await sql<{ run_id: string }[]>`
    update fraud_reviews set status = ${decision}, decided_at = now(), decided_by = ${by},
      note = ${note}
    where id = ${id} and status = 'waiting'
    returning run_id`;
  if (!updated) {
    const [current] = await sql<
      { status: ReviewStatus; decided_by: string | null; decided_at: Date | null }[]
    >`select status, decided_by, decided_at from fraud_reviews where id = ${id}`;
    if (!current) throw new ReviewDecisionError('NOT_FOUND', `No fraud review ${id}`);
    const when = current.decided_at ? new Date(current.decided_at).toISOString() : 'earlier';
    throw new ReviewDecisionError(
      'ALREADY_DECIDED',
      current.decided_by === 'timeout'
        ? `This review already ended: nobody decided in time, so it was ${current.status} at ${when}`
        : `This review was already ${current.status} by ${current.decided_by ?? 'someone'} at ${when}`,
    );
  }
  await labelScore(sql, id, decision, 'review');
  await wakeSuspendedStep(sql, updated.run_id, 'reviewId', id);
  const [row] = await sql<ListRow[]>`
    select ${LIST_COLUMNS(sql)}
    from fraud_reviews r left join fraud_scores s on s.id = r.score_id where r.id = ${id}`;
  return toItem(row!);
}
