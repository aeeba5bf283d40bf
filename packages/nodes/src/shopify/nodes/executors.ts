/**
 * The Shopify executor factories, keyed by type, for `executors.ts`. Each builds its executor on
 * the lookup's shared Shopify runtime (pools, token cache, cost buckets, simulator URL): the rate
 * limit is per shop, so every Shopify node type must wait in the same bucket.
 *
 * @module
 */
import type { ShopifyRuntime } from '../client/runtime';
import { createShopifyAddNoteTagsExecutor } from './add-note-tags/execute';
import { createShopifyApplyPaymentResultExecutor } from './apply-payment-result/execute';
import { createShopifyGetCustomerExecutor } from './get-customer/execute';
import { createShopifyGetOrderExecutor } from './get-order/execute';
import { createShopifyGetRefundExecutor } from './get-refund/execute';
import { createShopifyListOrdersExecutor } from './list-orders/execute';
import { createShopifyMarkPaidExecutor } from './mark-paid/execute';
import { createShopifyOrderCancelExecutor } from './order-cancel/execute';
import { createShopifyOrderRiskExecutor } from './order-risk/execute';
import { createShopifySetMetafieldsExecutor } from './set-metafields/execute';

/** What the factories use of the lookup's shared services. */
interface ShopifyServices {
  readonly shopify: ShopifyRuntime;
}

/** One factory per Shopify action node type. */
export const shopifyExecutorFactories = {
  'shopify.get-order': (_: unknown, s: ShopifyServices) => createShopifyGetOrderExecutor(s.shopify),
  'shopify.list-orders': (_: unknown, s: ShopifyServices) =>
    createShopifyListOrdersExecutor(s.shopify),
  'shopify.get-customer': (_: unknown, s: ShopifyServices) =>
    createShopifyGetCustomerExecutor(s.shopify),
  'shopify.get-refund': (_: unknown, s: ShopifyServices) =>
    createShopifyGetRefundExecutor(s.shopify),
  'shopify.mark-paid': (_: unknown, s: ShopifyServices) => createShopifyMarkPaidExecutor(s.shopify),
  'shopify.add-note-tags': (_: unknown, s: ShopifyServices) =>
    createShopifyAddNoteTagsExecutor(s.shopify),
  'shopify.set-metafields': (_: unknown, s: ShopifyServices) =>
    createShopifySetMetafieldsExecutor(s.shopify),
  'shopify.apply-payment-result': (_: unknown, s: ShopifyServices) =>
    createShopifyApplyPaymentResultExecutor(s.shopify),
  'shopify.order-risk': (_: unknown, s: ShopifyServices) =>
    createShopifyOrderRiskExecutor(s.shopify),
  'shopify.order-cancel': (_: unknown, s: ShopifyServices) =>
    createShopifyOrderCancelExecutor(s.shopify),
};
