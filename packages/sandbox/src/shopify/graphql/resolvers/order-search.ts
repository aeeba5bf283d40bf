/**
 * The `query` filters of `orders` (and `customer.orders`): dates with comparisons, statuses,
 * tags, names, ids, gateways. Dates compare at Shopify's whole-second precision.
 * @module
 */
import { parseTimestamp } from '../../core/time.js';
import { financialStatus, orderPayments } from '../../store/order-math.js';
import type { SimOrder } from '../../store/records.js';
import type { ShopifyState } from '../../store/state.js';
import { compareWith, type FieldMatcher, type SearchTerm } from '../search-query.js';

/** A date filter over one timestamp of an item. */
export function dateMatcher<T>(
  name: string,
  pick: (item: T) => number | null,
  now: () => number,
): FieldMatcher<T> {
  return (item, term) => {
    const wanted = term.value === 'now' ? now() : parseTimestamp(term.value);
    if (wanted === undefined) return { warning: `Invalid timestamp for query filter \`${name}\`.` };
    const actual = pick(item);
    if (actual === null) return false;
    const wantedSeconds = Math.floor(wanted / 1000);
    const actualSeconds = Math.floor(actual / 1000);
    return compareWith(term.op, actualSeconds, wantedSeconds);
  };
}

/** An id filter (`id:>123` works; ids compare as integers). */
export function idMatcher<T>(pick: (item: T) => string | null): FieldMatcher<T> {
  return (item, term) => {
    const digits = /(\d+)$/.exec(term.value)?.[1];
    if (!digits) return { warning: 'Invalid id.' };
    const actual = pick(item);
    return actual !== null && compareWith(term.op, BigInt(actual), BigInt(digits));
  };
}

const same = (a: string | null | undefined, b: string) =>
  (a ?? '').toLowerCase() === b.toLowerCase();

/** Filters of the orders search. */
export function orderMatchers(
  state: ShopifyState,
  now: () => number,
): Record<string, FieldMatcher<SimOrder>> {
  const status = (o: SimOrder) => financialStatus(orderPayments(state, o)).toLowerCase();
  return {
    updated_at: dateMatcher('updated_at', (o) => o.updatedAt, now),
    created_at: dateMatcher('created_at', (o) => o.createdAt, now),
    processed_at: dateMatcher('processed_at', (o) => o.processedAt, now),
    id: idMatcher((o) => o.id),
    customer_id: idMatcher((o) => o.customerId),
    financial_status: (o, t) => same(status(o), t.value),
    status: (o, t: SearchTerm) => {
      const value = t.value.toLowerCase();
      if (value === 'any') return true;
      if (value === 'cancelled') return o.cancelledAt !== null;
      if (value === 'closed') return o.closedAt !== null;
      if (value === 'open') return o.closedAt === null && o.cancelledAt === null;
      return { warning: `Invalid value for query filter \`status\`.` };
    },
    fulfillment_status: (_o, t) =>
      ['unfulfilled', 'unshipped', 'any'].includes(t.value.toLowerCase()),
    tag: (o, t) => o.tags.some((tag) => same(tag, t.value)),
    tag_not: (o, t) => !o.tags.some((tag) => same(tag, t.value)),
    test: (o, t) => String(o.test) === t.value.toLowerCase(),
    name: (o, t) => same(o.name, t.value) || same(String(o.number), t.value),
    email: (o, t) => same(o.email, t.value),
    gateway: (o, t) =>
      o.gatewayNames.some((g) => same(g, t.value)) ||
      o.transactions.some((x) => same(x.gateway, t.value)),
    sku: (o, t) => o.lineItems.some((l) => same(l.sku, t.value)),
  };
}

/** Free text: name, number or email. */
export function orderFreeText(order: SimOrder, value: string): boolean {
  const v = value.toLowerCase();
  return (
    order.name.toLowerCase().includes(v) ||
    String(order.number) === v ||
    (order.email ?? '').toLowerCase().includes(v)
  );
}
