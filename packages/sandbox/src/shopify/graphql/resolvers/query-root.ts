/**
 * `QueryRoot`: orders, customers, refunds, webhook subscriptions, nodes and the shop.
 * @module
 */
import { parseTimestamp } from '../../core/time.js';
import type { SimCustomer, SimSubscription } from '../../store/records.js';
import { topicEnum } from '../../webhooks/topics.js';
import { paginate, type PageArgs } from '../connection.js';
import { filterBySearch, type FieldMatcher, type SearchWarning } from '../search-query.js';
import { shopValue } from './customer.js';
import { findNode, findTyped, requireGid } from './global-ids.js';
import { listOrders } from './order-list.js';
import { dateMatcher, idMatcher } from './order-search.js';
import { reportSearch, stringArg, type GqlContext, type TypeResolvers } from './shared.js';

function customerMatchers(now: () => number): Record<string, FieldMatcher<SimCustomer>> {
  const text =
    (pick: (c: SimCustomer) => string | null) => (c: SimCustomer, t: { value: string }) =>
      (pick(c) ?? '').toLowerCase() === t.value.toLowerCase();
  return {
    email: text((c) => c.email),
    phone: text((c) => c.phone),
    first_name: text((c) => c.firstName),
    last_name: text((c) => c.lastName),
    state: text((c) => c.state),
    tag: (c, t) => c.tags.some((tag) => tag.toLowerCase() === t.value.toLowerCase()),
    id: idMatcher((c) => c.id),
    created_at: dateMatcher('created_at', (c) => c.createdAt, now),
    updated_at: dateMatcher('updated_at', (c) => c.updatedAt, now),
  };
}

function customerFreeText(c: SimCustomer, value: string): boolean {
  const v = value.toLowerCase();
  return [c.firstName, c.lastName, c.email, c.phone].some((f) =>
    (f ?? '').toLowerCase().includes(v),
  );
}

/** Resolvers of `QueryRoot` (the parent is unused). */
export const queryRootResolvers: TypeResolvers<unknown> = {
  shop: (_p, _a, ctx) => shopValue(ctx.sim),
  node: (_p, args, ctx) => findNode(ctx, requireGid(args.id)),
  nodes: (_p, args, ctx) => (args.ids as unknown[]).map((id) => findNode(ctx, requireGid(id))),
  order: (_p, args, ctx) => findTyped(ctx, args.id, 'Order'),
  customer: (_p, args, ctx) => findTyped(ctx, args.id, 'Customer'),
  refund: (_p, args, ctx) => findTyped(ctx, args.id, 'Refund'),
  webhookSubscription: (_p, args, ctx) => findTyped(ctx, args.id, 'WebhookSubscription'),
  orders: (_p, args, ctx) => listOrders(ctx, [...ctx.sim.state.orders.values()], args, 'orders'),
  customers: (_p, args, ctx: GqlContext) => {
    const query = stringArg(args, 'query');
    const warnings: SearchWarning[] = [];
    const all = [...ctx.sim.state.customers.values()];
    const kept = filterBySearch(
      all,
      query,
      customerMatchers(ctx.sim.now),
      customerFreeText,
      warnings,
    );
    reportSearch(ctx, 'customers', query, warnings);
    const sortKey = stringArg(args, 'sortKey') ?? 'ID';
    const key = (c: SimCustomer) => ({
      value: sortKey === 'CREATED_AT' ? c.createdAt : sortKey === 'UPDATED_AT' ? c.updatedAt : 0,
      id: c.id,
    });
    return paginate(kept, key, args as PageArgs, 'customers');
  },
  webhookSubscriptions: (_p, args, ctx) => {
    const topics = Array.isArray(args.topics) ? (args.topics as string[]) : undefined;
    const uri = stringArg(args, 'uri') ?? stringArg(args, 'callbackUrl');
    const list = [...ctx.sim.state.subscriptions.values()].filter(
      (s) => (!topics || topics.includes(topicEnum(s.topic))) && (!uri || s.uri === uri),
    );
    const byCreated = stringArg(args, 'sortKey') !== 'ID';
    const key = (s: SimSubscription) => ({ value: byCreated ? s.createdAt : 0, id: s.id });
    return paginate(list, key, args as PageArgs, 'webhookSubscriptions');
  },
};

/** Parses a `DateTime` argument (used by mutations). */
export function dateArg(value: unknown): number | undefined {
  return typeof value === 'string' ? parseTimestamp(value) : undefined;
}
