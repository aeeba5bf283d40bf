/**
 * Missed-event reconciliation: what changed in a store since a watermark, as the webhook events
 * Shopify would have sent. The runtime feeds these through the same ingest as webhooks, where
 * the event identity (topic, resource id, version stamp) drops everything already seen.
 *
 * @module
 */
import type { StepLogger } from '@paybridge/engine';
import { createShopifyClient } from '../client/graphql-client';
import type { ShopifyRuntime } from '../client/runtime';
import { shopifySettings } from '../client/settings';
import type { ShopifyTopic } from '../topics';
import { changedOrdersQuery, type ChangedOrdersData } from './changed-orders-query';
import { restOrder, restRefund } from './rest-order';

/** One change found by polling, shaped like the webhook it stands for. */
export interface ShopifyChange {
  topic: ShopifyTopic;
  body: Record<string, unknown>;
}

export interface FetchChangesResult {
  changes: ShopifyChange[];
  /** `updated_at` of the newest order seen (the next watermark), or null when none changed. */
  newest: string | null;
  shopDomain: string;
  apiVersion: string;
}

/** At most this many orders per poll; the rest are read on the next one (the watermark moves). */
export const MAX_ORDERS_PER_POLL = 2_000;

/**
 * Reads orders updated at or after `since` (oldest first, paging through Shopify's cursor) and
 * returns the events they imply: `orders/updated` for each, `orders/create` for those created
 * since, `orders/paid` for paid ones, `refunds/create` for refunds created since. Disputes are
 * not reconciled (Shopify Payments only; their webhooks stay the source).
 */
export async function fetchShopifyChanges(options: {
  runtime: ShopifyRuntime;
  connection: Readonly<Record<string, unknown>>;
  since: Date;
  signal: AbortSignal;
  logger: StepLogger;
}): Promise<FetchChangesResult> {
  const settings = shopifySettings(options.connection, options.runtime.simulatorUrl);
  const client = createShopifyClient(options.runtime, settings, options);
  const sinceIso = options.since.toISOString();
  const query = `updated_at:>='${sinceIso}'`;
  const changes: ShopifyChange[] = [];
  let newest: string | null = null;
  let after: string | null = null;
  let seen = 0;
  for (;;) {
    const data: ChangedOrdersData = await client.run(changedOrdersQuery, { after, query });
    for (const order of data.orders.nodes) {
      seen++;
      const body = restOrder(order);
      if (Date.parse(order.createdAt) >= options.since.getTime()) {
        changes.push({ topic: 'orders/create', body });
      }
      changes.push({ topic: 'orders/updated', body });
      if (order.displayFinancialStatus === 'PAID') changes.push({ topic: 'orders/paid', body });
      for (const refund of order.refunds) {
        if (Date.parse(refund.createdAt) >= options.since.getTime()) {
          changes.push({ topic: 'refunds/create', body: restRefund(order, refund) });
        }
      }
      if (newest === null || Date.parse(order.updatedAt) > Date.parse(newest)) {
        newest = order.updatedAt;
      }
    }
    const page = data.orders.pageInfo;
    if (!page.hasNextPage || !page.endCursor || seen >= MAX_ORDERS_PER_POLL) break;
    after = page.endCursor;
  }
  return { changes, newest, shopDomain: settings.shopDomain, apiVersion: settings.apiVersion };
}
