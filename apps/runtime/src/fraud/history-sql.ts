/**
 * Paybridge's own history of payment attempts in Postgres and the one SQL computation of the
 * fraud package's `HistorySummary` from it. It gives the same answers as the in-memory
 * `HistoryIndex` on the same events (`history-sql.test.ts` compares both on generated orders),
 * except the store median, which reads the last {@link STORE_MEDIAN_WINDOW} approved orders
 * instead of all of them so it stays bounded at any size of history.
 *
 * Every read is an index range scan: one per key over (key, created_at) within 7 days, the
 * customer's own orders, the email's first approved order, and the latest orders for the median.
 *
 * @module
 */
import {
  addressKey,
  cardKey,
  deviceKey,
  emailKey,
  emptyHistory,
  ipOf,
  toMinor,
  type FraudOrder,
  type HistorySummary,
  type PaymentCheck,
  type VelocityCounters,
} from '@paybridge/fraud';
import type { Sql } from '../db/client';

/**
 * The fraud package's money conversion, told the order's currency (a zero- or three-decimal
 * currency has other minor units), as `HistoryIndex` converts it.
 */
export const toMinorIn: (price: string, currency?: string | null) => number = toMinor;

/** Approved orders the store median is taken over (the most recent before the order). */
export const STORE_MEDIAN_WINDOW = 1000;

const HOUR = 3_600_000;

/** The columns the velocity keys live in, by the summary's key names. */
const KEY_COLUMNS = {
  email: 'email_key',
  ip: 'ip_key',
  card: 'card_key',
  shippingAddress: 'address_key',
  device: 'device_key',
} as const;

type KeyName = keyof typeof KEY_COLUMNS;

/** The keys of an attempt, as the history stores and queries them. */
export function attemptKeys(
  order: FraudOrder,
  check: PaymentCheck | null,
): Record<KeyName, string | null> {
  return {
    email: emailKey(order),
    ip: ipOf(order),
    card: cardKey(check),
    shippingAddress: addressKey(order.shipping_address),
    device: deviceKey(order),
  };
}

/** One stored attempt: what {@link insertAttempts} writes. */
export interface AttemptRow {
  order: FraudOrder;
  check: PaymentCheck | null;
  approved: boolean;
  refunded?: boolean | undefined;
  chargebackAt?: string | null | undefined;
  runId?: string | null | undefined;
}

/**
 * Inserts attempts in one statement (a batch, in time order), once per order id: an order
 * already in the history is left as it is. A chargeback case already opened for the order is
 * taken over (later ones arrive through the dispute cases' trigger).
 */
export async function insertAttempts(sql: Sql, rows: readonly AttemptRow[]): Promise<void> {
  if (rows.length === 0) return;
  const items = rows.map((r, n) => {
    const keys = attemptKeys(r.order, r.check);
    const customer = r.order.customer?.id;
    return {
      order_id: String(r.order.id),
      email_key: keys.email,
      ip_key: keys.ip,
      card_key: keys.card,
      address_key: keys.shippingAddress,
      device_key: keys.device,
      customer_id: customer === undefined || customer === null ? null : String(customer),
      first_seen_text: r.order.customer?.created_at ?? r.order.created_at,
      amount_minor: toMinorIn(r.order.total_price, r.order.currency),
      currency: r.order.currency,
      approved: r.approved,
      refunded: r.refunded ?? false,
      chargeback_at: r.chargebackAt ?? null,
      created_at: r.order.created_at,
      run_id: r.runId ?? null,
      n,
    };
  });
  await sql`
    insert into fraud_attempts (order_id, email_key, ip_key, card_key, address_key, device_key,
      customer_id, first_seen_text, amount_minor, currency, approved, refunded, chargeback_at,
      created_at, run_id)
    select a.order_id, a.email_key, a.ip_key, a.card_key, a.address_key, a.device_key,
      a.customer_id, a.first_seen_text, a.amount_minor, a.currency, a.approved, a.refunded,
      coalesce(a.chargeback_at, (
        select min(d.opened_on)::timestamptz from dispute_cases d
        where d.order_ref = a.order_id and d.kind = 'chargeback')),
      a.created_at, a.run_id
    from jsonb_to_recordset(${JSON.stringify(items)}::jsonb)
      as a(order_id text, email_key text, ip_key text, card_key text, address_key text,
        device_key text, customer_id text, first_seen_text text, amount_minor bigint,
        currency text, approved boolean, refunded boolean, chargeback_at timestamptz,
        created_at timestamptz, run_id uuid, n int)
    order by a.n
    on conflict (order_id) do nothing`;
}

/**
 * 1 h / 24 h / 7 d counters of the attempts sharing one key, as a JSON array of 12 numbers: the
 * other orders' attempts up to the order's second, that second included (orders are stamped to
 * the second, and a burst places several in one).
 */
function velocity(sql: Sql, name: KeyName, key: string | null, at: Date, orderId: string) {
  if (key === null) return sql`null::json`;
  const h1 = new Date(at.getTime() - HOUR);
  const h24 = new Date(at.getTime() - 24 * HOUR);
  const d7 = new Date(at.getTime() - 7 * 24 * HOUR);
  const window = (from: Date) => sql`
    count(*) filter (where approved and created_at >= ${from}),
    coalesce(sum(amount_minor) filter (where approved and created_at >= ${from}), 0),
    count(distinct card_key) filter (where created_at >= ${from}),
    count(*) filter (where not approved and created_at >= ${from})`;
  return sql`(
    select json_build_array(${window(h1)}, ${window(h24)}, ${window(d7)})
    from fraud_attempts
    where ${sql(KEY_COLUMNS[name])} = ${key} and created_at >= ${d7} and created_at <= ${at}
      and order_id <> ${orderId})`;
}

function counters(values: number[] | null): VelocityCounters | null {
  if (!values) return null;
  const w = (i: number) => ({
    orders: Number(values[i]),
    amountMinor: Number(values[i + 1]),
    distinctCards: Number(values[i + 2]),
    failedAttempts: Number(values[i + 3]),
  });
  return { h1: w(0), h24: w(4), d7: w(8) };
}

interface SummaryRow {
  email: number[] | null;
  ip: number[] | null;
  card: number[] | null;
  shipping_address: number[] | null;
  device: number[] | null;
  customer: {
    first: string;
    n: number;
    refunds: number;
    chargebacks: number;
    p90: number | string;
    addresses: number;
    seen: boolean;
  } | null;
  email_first_seen: Date | null;
  store_median: string | null;
}

/**
 * The history summary of `order` (and its payment check) in one statement: velocity over the
 * other orders' attempts up to its `created_at`, the rest strictly before it. The percentiles
 * pick the same element as the fraud package's
 * (index ceil(p n) in float8 arithmetic, as JavaScript computes it).
 */
export async function summariseHistory(
  sql: Sql,
  order: FraudOrder,
  check: PaymentCheck | null,
): Promise<HistorySummary> {
  const at = new Date(order.created_at);
  const orderId = String(order.id);
  const keys = attemptKeys(order, check);
  const customer =
    order.customer?.id === undefined || order.customer.id === null
      ? null
      : String(order.customer.id);
  const [row] = await sql<SummaryRow[]>`
    select
      ${velocity(sql, 'email', keys.email, at, orderId)} as email,
      ${velocity(sql, 'ip', keys.ip, at, orderId)} as ip,
      ${velocity(sql, 'card', keys.card, at, orderId)} as card,
      ${velocity(sql, 'shippingAddress', keys.shippingAddress, at, orderId)} as shipping_address,
      ${velocity(sql, 'device', keys.device, at, orderId)} as device,
      ${
        customer === null
          ? sql`null::json`
          : sql`(
        select case when count(*) = 0 then null else json_build_object(
          'first', (array_agg(first_seen_text order by created_at, id))[1],
          'n', count(*),
          'refunds', count(*) filter (where refunded),
          'chargebacks', count(*) filter (where chargeback_at < ${at}),
          'p90', (array_agg(amount_minor order by amount_minor))[
            greatest(1, least(count(*), ceil(0.9::float8 * count(*)::float8)::int))],
          'addresses', count(distinct address_key)
            + case when bool_or(address_key is null) then 1 else 0 end,
          'seen', coalesce(bool_or(address_key = ${keys.shippingAddress}), false)) end
        from fraud_attempts
        where approved and customer_id = ${customer} and created_at < ${at})`
      } as customer,
      ${
        keys.email === null
          ? sql`null::timestamptz`
          : sql`(select min(created_at) from fraud_attempts
        where email_key = ${keys.email} and approved and created_at < ${at})`
      } as email_first_seen,
      (select (array_agg(amount_minor order by amount_minor))[
          greatest(1, least(count(*), ceil(0.5::float8 * count(*)::float8)::int))]::text
        from (select amount_minor from fraud_attempts where approved and created_at < ${at}
          order by created_at desc limit ${STORE_MEDIAN_WINDOW}) latest) as store_median`;
  const summary = emptyHistory();
  const r = row!;
  const byName: Record<KeyName, number[] | null> = {
    email: r.email,
    ip: r.ip,
    card: r.card,
    shippingAddress: r.shipping_address,
    device: r.device,
  };
  for (const name of Object.keys(KEY_COLUMNS) as KeyName[]) {
    const c = counters(byName[name]);
    if (c) summary.velocity[name] = c;
  }
  if (r.customer) {
    summary.customer = {
      firstSeenAt: r.customer.first,
      priorOrders: Number(r.customer.n),
      priorRefunds: Number(r.customer.refunds),
      priorChargebacks: Number(r.customer.chargebacks),
      amountP90Minor: Number(r.customer.p90),
      knownShippingAddresses: Number(r.customer.addresses),
      shippingAddressSeenBefore: r.customer.seen,
    };
  }
  summary.emailFirstSeenAt = r.email_first_seen ? new Date(r.email_first_seen).toISOString() : null;
  summary.storeMedianAmountMinor = r.store_median === null ? null : Number(r.store_median);
  return summary;
}
