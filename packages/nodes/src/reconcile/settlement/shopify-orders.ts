/**
 * Shopify orders of a reconciliation window, read in bulk: 200 orders a page with the
 * `paytrace.transaction_id` metafield each order was tagged with when it was charged. Webhook
 * bodies do not carry metafields, so the stored order events cannot answer which transaction an
 * order was paid by; one paged query per window (10 pages for 2,000 orders) can. Server-only.
 *
 * @module
 */
import type { StepLogger } from '@paybridge/engine';
import { z } from 'zod';
import { createShopifyClient } from '../../shopify/client/graphql-client';
import type { QueryOperation } from '../../shopify/client/operation';
import type { ShopifyRuntime } from '../../shopify/client/runtime';
import { shopifySettings } from '../../shopify/client/settings';
import { fromShopifyMoney } from '../../shopify/money';
import type { StagedShopifyOrder } from './settlement-store';

const PAGE = 200;

const OrderNode = z.object({
  legacyResourceId: z.string(),
  name: z.string(),
  processedAt: z.string(),
  totalPriceSet: z.object({
    shopMoney: z.object({ amount: z.string(), currencyCode: z.string() }),
  }),
  transaction: z.object({ value: z.string() }).nullable(),
});

interface OrdersPage {
  orders: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: z.infer<typeof OrderNode>[];
  };
}

/** Orders processed in a window with their PayTrace transaction metafield, oldest first. */
const ordersQuery: QueryOperation<
  z.ZodObject<{ after: z.ZodNullable<z.ZodString>; query: z.ZodString }>,
  z.ZodType<OrdersPage>
> = {
  kind: 'query',
  name: 'ReconcileSettlementOrders',
  document: `query ReconcileSettlementOrders($after: String, $query: String!) {
  orders(first: ${PAGE}, after: $after, sortKey: PROCESSED_AT, query: $query) {
    pageInfo { hasNextPage endCursor }
    nodes {
      legacyResourceId name processedAt
      totalPriceSet { shopMoney { amount currencyCode } }
      transaction: metafield(namespace: "paytrace", key: "transaction_id") { value }
    }
  }
}`,
  variables: z.object({ after: z.string().nullable(), query: z.string() }),
  data: z.object({
    orders: z.object({
      pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
      nodes: z.array(OrderNode),
    }),
  }),
  cost: () => 2 + PAGE * 4,
};

/** Reads every order processed (paid or placed) in `[fromIso, toIso)`, imported ones included. */
export async function fetchShopifyOrders(options: {
  runtime: ShopifyRuntime;
  connection: Readonly<Record<string, unknown>>;
  fromIso: string;
  toIso: string;
  signal: AbortSignal;
  logger: StepLogger;
}): Promise<StagedShopifyOrder[]> {
  const settings = shopifySettings(options.connection, options.runtime.simulatorUrl);
  const client = createShopifyClient(options.runtime, settings, options);
  const query = `processed_at:>='${options.fromIso}' processed_at:<'${options.toIso}'`;
  const orders: StagedShopifyOrder[] = [];
  let after: string | null = null;
  for (;;) {
    const data: OrdersPage = await client.run(ordersQuery, { after, query });
    for (const o of data.orders.nodes) {
      const money = fromShopifyMoney(o.totalPriceSet.shopMoney);
      orders.push({
        orderId: o.legacyResourceId,
        name: o.name,
        transactionId: o.transaction?.value.trim() || null,
        amount: money.minor,
        currency: money.currency,
        createdAt: o.processedAt,
      });
    }
    if (!data.orders.pageInfo.hasNextPage || !data.orders.pageInfo.endCursor) break;
    after = data.orders.pageInfo.endCursor;
  }
  return orders;
}
