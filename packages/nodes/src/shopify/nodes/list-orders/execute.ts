import type { NodeExecutor } from '@paybridge/engine';
import { implementNode } from '../../../define-node';
import type { ShopifyRuntime } from '../../client/runtime';
import { listOrders } from '../../graphql/orders';
import { toOrderSummary } from '../../records';
import type { ShopifyOrderSummary } from '../shared/outputs';
import { clientFor } from '../shared/node-client';
import {
  shopifyListOrdersNode,
  type ShopifyOrderList,
  type ShopifyListOrdersConfig,
} from './definition';
import { ordersSearch } from './search';

/** The `shopify.list-orders` executor of one runtime. */
export function createShopifyListOrdersExecutor(
  runtime: ShopifyRuntime,
): NodeExecutor<ShopifyListOrdersConfig> {
  return implementNode(shopifyListOrdersNode, async (ctx) => {
    const { pageSize, maxOrders, updatedSince, query, after } = ctx.config;
    const client = clientFor(runtime, ctx);
    const search = ordersSearch(updatedSince, query);
    const orders: ShopifyOrderSummary[] = [];
    let cursor = after ?? null;
    let hasNextPage = true;
    while (hasNextPage && orders.length < maxOrders) {
      const first = Math.min(pageSize, maxOrders - orders.length);
      const page = await client.run(listOrders, { first, after: cursor, query: search });
      orders.push(...page.orders.nodes.map(toOrderSummary));
      hasNextPage = page.orders.pageInfo.hasNextPage;
      cursor = page.orders.pageInfo.endCursor ?? cursor;
    }
    const output: ShopifyOrderList = {
      orders,
      count: orders.length,
      hasMore: hasNextPage,
      endCursor: cursor,
    };
    return { port: 'out', output };
  });
}
