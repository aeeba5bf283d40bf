/**
 * Missed-event reconciliation: what changed in a store since a watermark, as the webhook events
 * Shopify would have sent. The runtime feeds these through the same ingest as webhooks, where the
 * event identity drops anything already seen; it also answers `unseen` first, so only the orders
 * whose events are really missing are read in full (most polls find nothing missing and cost a
 * few cheap pages).
 *
 * @module
 */
import type { StepLogger } from '@paybridge/engine';
import { createShopifyClient } from '../client/graphql-client';
import type { ShopifyRuntime } from '../client/runtime';
import { shopifySettings } from '../client/settings';
import type { ShopifyTopic } from '../topics';
import type { RefundDetailsData } from './refund-details-query';
import {
  DETAILS_BATCH,
  orderDetailsQuery,
  orderStampsQuery,
  type OrderDetailsData,
  type OrderStamp,
  type OrderStampsData,
} from './changed-orders-query';
import { REFUND_BATCH, refundDetailsQuery, shopZoneQuery } from './refund-details-query';
import { restOrder, restRefund } from './rest-order';

/** One change found by polling, shaped like the webhook it stands for. */
export interface ShopifyChange {
  topic: ShopifyTopic;
  body: Record<string, unknown>;
}

/**
 * A change before its details are read: the topic and the few body fields its identity and a
 * gateway filter need (a refund carries its order's gateways).
 */
export interface ShopifyChangeStub {
  topic: ShopifyTopic;
  body: { id: string; updated_at: string; created_at: string; payment_gateway_names: string[] };
}

export interface FetchChangesResult {
  changes: ShopifyChange[];
  /** `updated_at` of the newest order seen (the next watermark), or null when none changed. */
  newest: string | null;
  /** Orders whose stamps were read. */
  scanned: number;
  shopDomain: string;
  apiVersion: string;
}

/** At most this many orders per poll; the rest are read on the next one (the watermark moves). */
export const MAX_ORDERS_PER_POLL = 5_000;

const refundGid = (legacyId: string) => `gid://shopify/Refund/${legacyId}`;

/** The shop's IANA time zone, or null (times then stay in UTC) when the shop does not say. */
async function shopZone(client: ReturnType<typeof createShopifyClient>): Promise<string | null> {
  const data = await client.run(shopZoneQuery, {});
  return data.shop.ianaTimezone || null;
}

/** The events an order's stamps imply since `since`. */
function stubsOf(order: OrderStamp, since: number): ShopifyChangeStub[] {
  const gateways = order.paymentGatewayNames;
  const body = {
    id: order.legacyResourceId,
    updated_at: order.updatedAt,
    created_at: order.createdAt,
    payment_gateway_names: gateways,
  };
  const stubs: ShopifyChangeStub[] = [];
  if (Date.parse(order.createdAt) >= since) stubs.push({ topic: 'orders/create', body });
  stubs.push({ topic: 'orders/updated', body });
  if (order.displayFinancialStatus === 'PAID') stubs.push({ topic: 'orders/paid', body });
  for (const refund of order.refunds) {
    if (Date.parse(refund.createdAt) >= since) {
      stubs.push({
        topic: 'refunds/create',
        body: {
          id: refund.legacyResourceId,
          updated_at: refund.createdAt,
          created_at: refund.createdAt,
          payment_gateway_names: gateways,
        },
      });
    }
  }
  return stubs;
}

/**
 * Reads the stamps of orders updated at or after `since` (oldest first), asks `unseen` which of
 * the implied events (`orders/create` for orders created since, `orders/updated`, `orders/paid`
 * for paid orders, `refunds/create` for refunds created since) were never ingested, and returns
 * those with REST-shaped bodies read in full. Disputes are not reconciled (Shopify Payments
 * only; their webhooks stay the source).
 */
export async function fetchShopifyChanges(options: {
  runtime: ShopifyRuntime;
  connection: Readonly<Record<string, unknown>>;
  since: Date;
  /** Topics anyone listens to; others are not considered. */
  topics: ReadonlySet<string>;
  /** Which of these stubs were never ingested (returns their indexes). */
  unseen: (stubs: readonly ShopifyChangeStub[]) => Promise<ReadonlySet<number>>;
  signal: AbortSignal;
  logger: StepLogger;
}): Promise<FetchChangesResult> {
  const settings = shopifySettings(options.connection, options.runtime.simulatorUrl);
  const client = createShopifyClient(options.runtime, settings, options);
  const since = options.since.getTime();
  const query = `updated_at:>='${options.since.toISOString()}'`;
  const wanted: { stub: ShopifyChangeStub; orderGid: string; refundId: string | null }[] = [];
  let newest: string | null = null;
  let after: string | null = null;
  let scanned = 0;
  for (;;) {
    const data: OrderStampsData = await client.run(orderStampsQuery, { after, query });
    const page: typeof wanted = [];
    for (const order of data.orders.nodes) {
      scanned++;
      for (const stub of stubsOf(order, since)) {
        if (!options.topics.has(stub.topic)) continue;
        page.push({
          stub,
          orderGid: order.id,
          refundId: stub.topic === 'refunds/create' ? stub.body.id : null,
        });
      }
      if (newest === null || Date.parse(order.updatedAt) > Date.parse(newest)) {
        newest = order.updatedAt;
      }
    }
    const missing = page.length > 0 ? await options.unseen(page.map((p) => p.stub)) : new Set();
    page.forEach((p, i) => {
      if (missing.has(i)) wanted.push(p);
    });
    const info = data.orders.pageInfo;
    if (!info.hasNextPage || !info.endCursor || scanned >= MAX_ORDERS_PER_POLL) break;
    after = info.endCursor;
  }

  const zone = wanted.length > 0 ? await shopZone(client) : null;
  const gids = [...new Set(wanted.filter((w) => w.refundId === null).map((w) => w.orderGid))];
  const details = new Map<string, NonNullable<OrderDetailsData['nodes'][number]>>();
  for (let i = 0; i < gids.length; i += DETAILS_BATCH) {
    const data: OrderDetailsData = await client.run(orderDetailsQuery, {
      ids: gids.slice(i, i + DETAILS_BATCH),
    });
    for (const order of data.nodes) if (order) details.set(order.id, order);
  }
  const refundGids = [
    ...new Set(wanted.flatMap((w) => (w.refundId === null ? [] : [refundGid(w.refundId)]))),
  ];
  const refunds = new Map<string, NonNullable<RefundDetailsData['nodes'][number]>>();
  for (let i = 0; i < refundGids.length; i += REFUND_BATCH) {
    const data: RefundDetailsData = await client.run(refundDetailsQuery, {
      ids: refundGids.slice(i, i + REFUND_BATCH),
    });
    for (const refund of data.nodes) if (refund?.id) refunds.set(refund.id, refund);
  }
  const changes: ShopifyChange[] = [];
  for (const w of wanted) {
    if (w.refundId === null) {
      const order = details.get(w.orderGid);
      if (order) changes.push({ topic: w.stub.topic, body: restOrder(order, zone) });
      continue; // else deleted since its stamp was read
    }
    const refund = refunds.get(refundGid(w.refundId));
    if (refund) changes.push({ topic: 'refunds/create', body: restRefund(refund, zone) });
  }
  return {
    changes,
    newest,
    scanned,
    shopDomain: settings.shopDomain,
    apiVersion: settings.apiVersion,
  };
}
