/**
 * Listing orders for `orders(...)` and `customer.orders(...)`: search filter, the 60-day window
 * without `read_all_orders`, sort key and keyset pagination.
 * @module
 */
import type { SimOrder } from '../../store/records.js';
import { paginate, type PageArgs, type SortKey } from '../connection.js';
import { filterBySearch, type SearchWarning } from '../search-query.js';
import { orderFreeText, orderMatchers } from './order-search.js';
import { reportSearch, stringArg, type GqlContext } from './shared.js';

const SIXTY_DAYS = 60 * 86_400_000;

function sortKeyOf(order: SimOrder, sortKey: string): SortKey {
  switch (sortKey) {
    case 'CREATED_AT':
      return { value: order.createdAt, id: order.id };
    case 'UPDATED_AT':
      return { value: order.updatedAt, id: order.id };
    case 'PROCESSED_AT':
      return { value: order.processedAt, id: order.id };
    case 'ORDER_NUMBER':
      return { value: order.number, id: order.id };
    default:
      return { value: 0, id: order.id };
  }
}

/** Whether an order is visible to the app (60-day window unless `read_all_orders`). */
export function orderVisible(ctx: GqlContext, order: SimOrder): boolean {
  return ctx.sim.settings.readAllOrders || order.createdAt >= ctx.sim.now() - SIXTY_DAYS;
}

/** Filters, sorts and pages orders. */
export function listOrders(
  ctx: GqlContext,
  orders: SimOrder[],
  args: Record<string, unknown>,
  path: string,
) {
  const query = stringArg(args, 'query');
  const warnings: SearchWarning[] = [];
  const visible = orders.filter((o) => orderVisible(ctx, o));
  const matchers = orderMatchers(ctx.sim.state, ctx.sim.now);
  const kept = filterBySearch(visible, query, matchers, orderFreeText, warnings);
  reportSearch(ctx, path, query, warnings);
  const sortKey = stringArg(args, 'sortKey') ?? ctx.sim.settings.ordersDefaultSortKey;
  return paginate(kept, (o) => sortKeyOf(o, sortKey), args as PageArgs, path);
}
