/**
 * The reference computation of {@link HistorySummary} over a list of past events, in memory. The
 * generator and `fraud:eval` use it; the Postgres query that replaces it at run time must give
 * the same answers on the same events (a later test compares both).
 *
 * @module
 */
import type { FraudOrder, HistorySummary, PaymentCheck, VelocityCounters } from './order';
import { emptyHistory, emptyVelocityWindow } from './order';
import { addressKey, cardKey, deviceKey, emailKey, ipOf, toMinor } from './keys';

/** One past payment attempt: an approved order, or a declined authorization (not an order). */
export interface PastEvent {
  order: FraudOrder;
  check: PaymentCheck | null;
  approved: boolean;
  refunded?: boolean;
  /** A chargeback arrived for this order (known at scoring time only if before `at`). */
  chargebackAt?: string | null;
}

const HOUR = 3_600_000;
const WINDOWS = { h1: HOUR, h24: 24 * HOUR, d7: 7 * 24 * HOUR } as const;

type KeyOf = (e: PastEvent) => string | null;
const KEYS: Record<keyof HistorySummary['velocity'], KeyOf> = {
  email: (e) => emailKey(e.order),
  ip: (e) => ipOf(e.order),
  card: (e) => cardKey(e.check),
  shippingAddress: (e) => addressKey(e.order.shipping_address),
  device: (e) => deviceKey(e.order),
};

/**
 * Counters over the attempts up to `at` other than `orderId`'s own. Shopify stamps orders to the
 * second, so a script firing several orders a second places them at one instant: counting only
 * earlier instants would let each order of such a burst miss the others.
 */
function counters(events: PastEvent[], at: number, orderId: string): VelocityCounters {
  const out = { h1: emptyVelocityWindow(), h24: emptyVelocityWindow(), d7: emptyVelocityWindow() };
  for (const [name, span] of Object.entries(WINDOWS) as [keyof VelocityCounters, number][]) {
    const w = out[name];
    const cards = new Set<string>();
    for (const e of events) {
      const t = new Date(e.order.created_at).getTime();
      if (t > at || t < at - span || String(e.order.id) === orderId) continue;
      const card = cardKey(e.check);
      if (card) cards.add(card);
      if (e.approved) {
        w.orders += 1;
        w.amountMinor += toMinor(e.order.total_price, e.order.currency);
      } else w.failedAttempts += 1;
    }
    w.distinctCards = cards.size;
  }
  return out;
}

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
  return sorted[Math.max(0, i)] ?? null;
}

/**
 * An index of past events by every velocity key, so summarising one order costs the events that
 * share a key with it, not the whole history.
 */
export class HistoryIndex {
  private readonly byKey = new Map<string, PastEvent[]>();
  private readonly byCustomer = new Map<string, PastEvent[]>();
  private readonly emailFirstSeen = new Map<string, number>();
  private readonly amounts: number[] = [];

  /** Events must be added in time order. */
  add(event: PastEvent): void {
    for (const [kind, keyOf] of Object.entries(KEYS)) {
      const key = keyOf(event);
      if (!key) continue;
      const list = this.byKey.get(`${kind}:${key}`) ?? [];
      list.push(event);
      this.byKey.set(`${kind}:${key}`, list);
    }
    if (!event.approved) return;
    const customer = event.order.customer?.id;
    if (customer !== undefined && customer !== null) {
      const list = this.byCustomer.get(String(customer)) ?? [];
      list.push(event);
      this.byCustomer.set(String(customer), list);
    }
    const email = emailKey(event.order);
    const t = new Date(event.order.created_at).getTime();
    if (email && !this.emailFirstSeen.has(email)) this.emailFirstSeen.set(email, t);
    this.amounts.push(toMinor(event.order.total_price, event.order.currency));
  }

  /**
   * The summary for `order`: velocity over the other attempts up to its `created_at` (the same
   * second included), the rest over events strictly before it.
   */
  summarise(order: FraudOrder, check: PaymentCheck | null): HistorySummary {
    const at = new Date(order.created_at).getTime();
    const orderId = String(order.id);
    const summary = emptyHistory();
    const probe: PastEvent = { order, check, approved: true };
    for (const [kind, keyOf] of Object.entries(KEYS) as [
      keyof HistorySummary['velocity'],
      KeyOf,
    ][]) {
      const key = keyOf(probe);
      if (key) {
        summary.velocity[kind] = counters(this.byKey.get(`${kind}:${key}`) ?? [], at, orderId);
      }
    }
    const customer = order.customer?.id;
    const past = (
      customer === undefined || customer === null
        ? []
        : (this.byCustomer.get(String(customer)) ?? [])
    ).filter((e) => new Date(e.order.created_at).getTime() < at);
    if (past.length > 0) {
      const first = past[0]!;
      const shipping = addressKey(order.shipping_address);
      const known = new Set(past.map((e) => addressKey(e.order.shipping_address)));
      summary.customer = {
        firstSeenAt: first.order.customer?.created_at ?? first.order.created_at,
        priorOrders: past.length,
        priorRefunds: past.filter((e) => e.refunded).length,
        priorChargebacks: past.filter(
          (e) => e.chargebackAt && new Date(e.chargebackAt).getTime() < at,
        ).length,
        amountP90Minor: percentile(
          past.map((e) => toMinor(e.order.total_price, e.order.currency)).sort((a, b) => a - b),
          0.9,
        ),
        knownShippingAddresses: known.size,
        shippingAddressSeenBefore: shipping !== null && known.has(shipping),
      };
    }
    const email = emailKey(order);
    const seen = email ? this.emailFirstSeen.get(email) : undefined;
    summary.emailFirstSeenAt =
      seen !== undefined && seen < at ? new Date(seen).toISOString() : null;
    summary.storeMedianAmountMinor = this.storeMedian();
    return summary;
  }

  private medianCache: { count: number; value: number | null } = { count: -1, value: null };

  private storeMedian(): number | null {
    // Recomputed every 500 orders: the median of a store moves slowly.
    if (this.medianCache.count >= 0 && this.amounts.length - this.medianCache.count < 500)
      return this.medianCache.value;
    const sorted = [...this.amounts].sort((a, b) => a - b);
    this.medianCache = { count: this.amounts.length, value: percentile(sorted, 0.5) };
    return this.medianCache.value;
  }
}
