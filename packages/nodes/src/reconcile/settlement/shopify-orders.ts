/**
 * Shopify orders of a reconciliation window, read in bulk: 200 orders a page with the
 * `paytrace.transaction_id` metafield each order was tagged with when it was charged. Webhook
 * bodies do not carry metafields, so the stored order events cannot answer which transaction an
 * order was paid by; paged queries per window can.
 *
 * Reads are incremental (see `shopify-read-plan.ts`): days of the window never read completely
 * are read in full, covered days only for orders updated since their last complete read (minus
 * a margin). Whether setting an order's metafield changes the order's `updatedAt` is not
 * documented by Shopify (the Order object says "last modified"; metafield writes were seen to
 * stop firing the parent's update webhook for products), so staged orders of covered days that
 * still carry no transaction id are also read again by id (`nodes(ids:)`, which reads the order
 * itself, not the search index): those are the orders that would otherwise be reported as "not
 * in Shopify". What was read is recorded as covered only after every read succeeded, in the
 * transaction that stages the orders: a read that fails midway leaves the old coverage, and
 * the next run reads the same again. Server-only.
 *
 * @module
 */
import type { StepLogger } from '@paybridge/engine';
import { z } from 'zod';
import { createShopifyClient, type ShopifyClient } from '../../shopify/client/graphql-client';
import type { QueryOperation } from '../../shopify/client/operation';
import type { ShopifyRuntime } from '../../shopify/client/runtime';
import { shopifySettings } from '../../shopify/client/settings';
import { fromShopifyMoney } from '../../shopify/money';
import type { SettlementStore, StagedShopifyOrder } from './settlement-store';
import { daysFromTo, planShopifyRead, type ProcessedRange } from './shopify-read-plan';

const PAGE = 200;
/** Ids per `nodes(ids:)` call (Shopify takes at most 250). */
const BY_ID_PAGE = 100;

const OrderNode = z.object({
  legacyResourceId: z.string(),
  name: z.string(),
  processedAt: z.string(),
  updatedAt: z.string(),
  totalPriceSet: z.object({
    shopMoney: z.object({ amount: z.string(), currencyCode: z.string() }),
  }),
  transaction: z.object({ value: z.string() }).nullable(),
});
type OrderNode = z.infer<typeof OrderNode>;

const ORDER_FIELDS = `legacyResourceId name processedAt updatedAt
      totalPriceSet { shopMoney { amount currencyCode } }
      transaction: metafield(namespace: "paytrace", key: "transaction_id") { value }`;

interface OrdersPage {
  orders: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: OrderNode[];
  };
}

/** Orders matching a search (processed in a window, maybe updated since), oldest first. */
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
      ${ORDER_FIELDS}
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

/** Orders by id; an id Shopify no longer knows answers null. */
const ordersByIdQuery: QueryOperation<
  z.ZodObject<{ ids: z.ZodArray<z.ZodString> }>,
  z.ZodType<{ nodes: (OrderNode | null)[] }>
> = {
  kind: 'query',
  name: 'ReconcileSettlementOrdersById',
  document: `query ReconcileSettlementOrdersById($ids: [ID!]!) {
  nodes(ids: $ids) {
    ... on Order {
      ${ORDER_FIELDS}
    }
  }
}`,
  variables: z.object({ ids: z.array(z.string()).min(1).max(250) }),
  data: z.object({ nodes: z.array(OrderNode.nullable()) }),
  cost: (v) => 1 + v.ids.length * 4,
};

/** How much a window's read took: orders by kind of read, and Admin API requests. */
export interface ShopifyReadStats {
  /** Days of `processed_at` read in full, and the orders those reads answered. */
  daysReadFully: number;
  ordersReadFully: number;
  /** Days read for changed orders only, and the orders those reads answered. */
  daysReadIncrementally: number;
  ordersReadIncrementally: number;
  /** Staged orders without a transaction id read again by id. */
  ordersRereadById: number;
  /** Admin API queries sent (pages and by-id batches). */
  requests: number;
}

function staged(o: OrderNode): StagedShopifyOrder {
  const money = fromShopifyMoney(o.totalPriceSet.shopMoney);
  return {
    orderId: o.legacyResourceId,
    name: o.name,
    transactionId: o.transaction?.value.trim() || null,
    amount: money.minor,
    currency: money.currency,
    createdAt: o.processedAt,
    updatedAt: o.updatedAt,
  };
}

async function readSearch(
  client: ShopifyClient,
  query: string,
  into: Map<string, StagedShopifyOrder>,
  stats: ShopifyReadStats,
): Promise<number> {
  let count = 0;
  let after: string | null = null;
  for (;;) {
    const data: OrdersPage = await client.run(ordersQuery, { after, query });
    stats.requests += 1;
    for (const o of data.orders.nodes) into.set(o.legacyResourceId, staged(o));
    count += data.orders.nodes.length;
    if (!data.orders.pageInfo.hasNextPage || !data.orders.pageInfo.endCursor) return count;
    after = data.orders.pageInfo.endCursor;
  }
}

const processedIn = (r: ProcessedRange) =>
  `processed_at:>='${r.fromIso}' processed_at:<'${r.toIso}'`;

/**
 * Reads the Shopify orders processed from `firstDay` to `lastDay` (UTC days, inclusive), only
 * what changed where an earlier complete read covers a day (unless `force`), stages them and
 * records the window as covered as of the moment the read began. Answers what it read.
 */
export async function readShopifyWindow(options: {
  runtime: ShopifyRuntime;
  store: SettlementStore;
  /** The Shopify connection's id (coverage and staged orders are kept per connection). */
  connectionId: string;
  connection: Readonly<Record<string, unknown>>;
  firstDay: string;
  lastDay: string;
  force: boolean;
  now: () => number;
  signal: AbortSignal;
  logger: StepLogger;
}): Promise<ShopifyReadStats> {
  const { store, connectionId } = options;
  // Taken before the first query: anything changed after it is found by the next run.
  const readAt = new Date(options.now()).toISOString();
  const settings = shopifySettings(options.connection, options.runtime.simulatorUrl);
  // Coverage read from another store (the connection moved, e.g. to the live store) is void.
  const shop = `${settings.shopDomain} ${settings.baseUrl}`;
  const days = daysFromTo(options.firstDay, options.lastDay);
  const covered = await store.shopifyCoverage(
    connectionId,
    shop,
    options.firstDay,
    options.lastDay,
  );
  const plan = planShopifyRead({ days, covered, force: options.force });

  const client = createShopifyClient(options.runtime, settings, options);
  const stats: ShopifyReadStats = {
    daysReadFully: 0,
    ordersReadFully: 0,
    daysReadIncrementally: 0,
    ordersReadIncrementally: 0,
    ordersRereadById: 0,
    requests: 0,
  };
  const orders = new Map<string, StagedShopifyOrder>();
  for (const range of plan.full) {
    stats.ordersReadFully += await readSearch(client, processedIn(range), orders, stats);
    stats.daysReadFully += range.days.length;
  }
  for (const range of plan.changed) {
    const query = `${processedIn(range)} updated_at:>='${range.sinceIso}'`;
    stats.ordersReadIncrementally += await readSearch(client, query, orders, stats);
    stats.daysReadIncrementally += range.days.length;
  }
  const unpaid: string[] = [];
  for (const range of plan.changed) {
    const ids = await store.shopifyOrdersWithoutTransaction(
      connectionId,
      range.fromIso,
      range.toIso,
    );
    // An order this run's search answered is as fresh as a read by id.
    for (const id of ids) if (!orders.has(id)) unpaid.push(id);
  }
  for (let i = 0; i < unpaid.length; i += BY_ID_PAGE) {
    const ids = unpaid.slice(i, i + BY_ID_PAGE).map((id) => `gid://shopify/Order/${id}`);
    const data = await client.run(ordersByIdQuery, { ids });
    stats.requests += 1;
    for (const o of data.nodes) {
      if (!o) continue;
      orders.set(o.legacyResourceId, staged(o));
      stats.ordersRereadById += 1;
    }
  }
  await store.stageShopifyOrders(connectionId, [...orders.values()], { shop, days, readAt });
  options.logger.info('Shopify orders read', { ...stats });
  return stats;
}
