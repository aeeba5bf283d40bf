/**
 * The Shopify action node definitions, browser-safe, in palette order.
 *
 * @module
 */
import { shopifyAddNoteTagsNode } from './add-note-tags/definition';
import { shopifyApplyPaymentResultNode } from './apply-payment-result/definition';
import { shopifyGetCustomerNode } from './get-customer/definition';
import { shopifyGetOrderNode } from './get-order/definition';
import { shopifyGetRefundNode } from './get-refund/definition';
import { shopifyListOrdersNode } from './list-orders/definition';
import { shopifyMarkPaidNode } from './mark-paid/definition';
import { shopifyOrderCancelNode } from './order-cancel/definition';
import { shopifyOrderRiskNode } from './order-risk/definition';
import { shopifySetMetafieldsNode } from './set-metafields/definition';

export { shopifyGetOrderNode, type ShopifyGetOrderConfig } from './get-order/definition';
export { shopifyGetCustomerNode, type ShopifyGetCustomerConfig } from './get-customer/definition';
export { shopifyGetRefundNode, type ShopifyGetRefundConfig } from './get-refund/definition';
export {
  shopifyListOrdersNode,
  ShopifyOrderList,
  type ShopifyListOrdersConfig,
} from './list-orders/definition';
export { shopifyMarkPaidNode, type ShopifyMarkPaidConfig } from './mark-paid/definition';
export {
  shopifyAddNoteTagsNode,
  ShopifyNoteTagsResult,
  type ShopifyAddNoteTagsConfig,
} from './add-note-tags/definition';
export {
  shopifySetMetafieldsNode,
  ShopifyMetafieldsResult,
  type ShopifySetMetafieldsConfig,
} from './set-metafields/definition';
export {
  shopifyApplyPaymentResultNode,
  ShopifyPaymentStatusResult,
  type ShopifyApplyPaymentResultConfig,
} from './apply-payment-result/definition';
export {
  shopifyOrderRiskNode,
  ShopifyOrderRiskResult,
  ShopifyRiskFact,
  type ShopifyOrderRiskConfig,
} from './order-risk/definition';
export {
  shopifyOrderCancelNode,
  ShopifyOrderCancelResult,
  type ShopifyOrderCancelConfig,
} from './order-cancel/definition';
export {
  DEFAULT_PAYMENT_TAGS,
  outcomeOf,
  PaytraceResult,
  planPaymentStatus,
  type OrderPaymentFacts,
  type PaymentStatusAction,
  type PaymentStatusPlan,
} from '../payment-status';
export {
  ShopifyCustomer,
  ShopifyMetafield,
  ShopifyOrder,
  ShopifyOrderSummary,
  ShopifyPaymentState,
  ShopifyRefund,
  ShopifyTransaction,
} from './shared/outputs';
export {
  ReversalResult,
  ShopifyPaymentOutput,
  ShopifyPaymentResult,
} from '../payments/payment-result';

/** Every Shopify action node type, in palette order. */
export const shopifyNodes = [
  shopifyGetOrderNode,
  shopifyListOrdersNode,
  shopifyGetCustomerNode,
  shopifyGetRefundNode,
  shopifyMarkPaidNode,
  shopifyAddNoteTagsNode,
  shopifySetMetafieldsNode,
  shopifyApplyPaymentResultNode,
  shopifyOrderRiskNode,
  shopifyOrderCancelNode,
] as const;
