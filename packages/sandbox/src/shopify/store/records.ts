/**
 * The records one simulated store holds: customers, orders with their line items, transactions
 * and refunds, disputes, metafields and webhook subscriptions. Money is integer minor units,
 * times are epoch milliseconds (whole seconds), ids are decimal strings (they may exceed 2^53).
 * Each record carries `resource`, its GraphQL type name, so `node(id:)` can resolve it.
 * @module
 */

/** A postal address, in REST field names; `null` where unknown. */
export interface SimAddress {
  id: string;
  first_name: string | null;
  last_name: string | null;
  company: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  province: string | null;
  province_code: string | null;
  country: string | null;
  country_code: string | null;
  zip: string | null;
  phone: string | null;
}

/** Owner kinds of metafields the simulator supports. */
export type MetafieldOwnerType = 'ORDER' | 'CUSTOMER';

/** One metafield; `value` is always text, as in the API. */
export interface SimMetafield {
  resource: 'Metafield';
  id: string;
  ownerType: MetafieldOwnerType;
  ownerId: string;
  namespace: string;
  key: string;
  type: string;
  value: string;
  createdAt: number;
  updatedAt: number;
}

/** A customer of the store. */
export interface SimCustomer {
  resource: 'Customer';
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  note: string | null;
  tags: string[];
  state: 'disabled' | 'enabled' | 'invited' | 'declined';
  verifiedEmail: boolean;
  taxExempt: boolean;
  currency: string;
  defaultAddress: SimAddress | null;
  createdAt: number;
  updatedAt: number;
  /** Keyed `namespace.key`. */
  metafields: Map<string, SimMetafield>;
}

/** A shipment of an order with its tracking, as a shipping app or the admin records it. */
export interface SimFulfillment {
  resource: 'Fulfillment';
  id: string;
  status: 'SUCCESS';
  createdAt: number;
  trackingCompany: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
}

/** A tax line on a line item or shipping line. */
export interface SimTaxLine {
  title: string;
  /** The rate as decimal text, e.g. `"0.0825"`. */
  rate: string;
  priceMinor: number;
}

/** A line item as ordered. */
export interface SimLineItem {
  resource: 'LineItem';
  id: string;
  title: string;
  variantTitle: string | null;
  sku: string | null;
  vendor: string | null;
  productId: string | null;
  variantId: string | null;
  quantity: number;
  /** Unit price. */
  priceMinor: number;
  /** Share of the order's discount codes allocated to this line. */
  discountMinor: number;
  taxable: boolean;
  requiresShipping: boolean;
  grams: number;
  taxLines: SimTaxLine[];
}

/** A shipping line. */
export interface SimShippingLine {
  resource: 'ShippingLine';
  id: string;
  title: string;
  code: string;
  source: string;
  priceMinor: number;
  taxLines: SimTaxLine[];
}

/** A discount code applied to the order. */
export interface SimDiscountCode {
  code: string;
  amountMinor: number;
  type: 'fixed_amount' | 'percentage';
}

/** Transaction kinds (REST spelling; GraphQL upper-cases them). */
export type TransactionKind = 'authorization' | 'capture' | 'sale' | 'void' | 'refund';

/** Transaction statuses (REST spelling). */
export type TransactionStatus = 'pending' | 'failure' | 'success' | 'error';

/** One order transaction. */
export interface SimTransaction {
  resource: 'OrderTransaction';
  id: string;
  orderId: string;
  kind: TransactionKind;
  status: TransactionStatus;
  gateway: string;
  amountMinor: number;
  currency: string;
  parentId: string | null;
  authorizationCode: string | null;
  /** Paid through a manual payment method (the REST `manual_payment_gateway`). */
  manual: boolean;
  test: boolean;
  sourceName: string;
  createdAt: number;
  processedAt: number;
}

/** A refunded quantity of one line item. */
export interface SimRefundLineItem {
  id: string;
  lineItemId: string;
  quantity: number;
  restockType: 'no_restock' | 'cancel' | 'return';
  subtotalMinor: number;
  taxMinor: number;
}

/** A refund of an order (money, goods, or both). */
export interface SimRefund {
  resource: 'Refund';
  id: string;
  orderId: string;
  note: string | null;
  refundLineItems: SimRefundLineItem[];
  /** Refunded shipping (part of the value). */
  shippingMinor: number;
  /** Value taken off the order: lines with tax, shipping, or an explicit amount. */
  valueMinor: number;
  transactionIds: string[];
  createdAt: number;
  processedAt: number;
}

/** Dispute statuses (REST spelling). */
export type DisputeStatus =
  'needs_response' | 'under_review' | 'charge_refunded' | 'accepted' | 'won' | 'lost';

/** A Shopify Payments dispute (chargeback or inquiry). */
export interface SimDispute {
  resource: 'ShopifyPaymentsDispute';
  id: string;
  orderId: string | null;
  type: 'chargeback' | 'inquiry';
  amountMinor: number;
  currency: string;
  reason: string;
  networkReasonCode: string | null;
  status: DisputeStatus;
  evidenceDueBy: number | null;
  evidenceSentOn: number | null;
  finalizedOn: number | null;
  initiatedAt: number;
  updatedAt: number;
}

/** Risk levels of an assessment (`RiskAssessmentResult`). */
export type RiskLevel = 'HIGH' | 'MEDIUM' | 'LOW' | 'NONE' | 'PENDING';

/** Whether a fact raises, lowers or does not move the risk (`RiskFactSentiment`). */
export type RiskFactSentiment = 'NEGATIVE' | 'NEUTRAL' | 'POSITIVE';

/** One fact of a risk assessment. */
export interface SimRiskFact {
  description: string;
  sentiment: RiskFactSentiment;
}

/** A risk assessment written by an app with `orderRiskAssessmentCreate`. */
export interface SimRiskAssessment {
  riskLevel: RiskLevel;
  facts: SimRiskFact[];
  /** Title of the app that wrote it (`provider.title`); `null` for Shopify's own. */
  providerTitle: string | null;
  createdAt: number;
}

/** Options an `orderCancel` was given (the REST `cancel_reason` is on the order itself). */
export interface SimCancellation {
  staffNote: string | null;
  notifyCustomer: boolean;
  refund: boolean;
  restock: boolean;
}

/** The asynchronous job of an `orderCancel` (`gid://shopify/Job/<uuid>`). */
export interface SimCancelJob {
  id: string;
  /** When the cancellation takes effect (epoch ms). */
  dueAt: number;
  done: boolean;
  reason: string;
  options: SimCancellation;
}

/** An order. Derived figures (totals, status, outstanding) live in `order-math.ts`. */
export interface SimOrder {
  resource: 'Order';
  id: string;
  number: number;
  name: string;
  token: string;
  confirmationNumber: string;
  email: string | null;
  phone: string | null;
  customerId: string | null;
  currency: string;
  test: boolean;
  note: string | null;
  tags: string[];
  customAttributes: { key: string; value: string }[];
  poNumber: string | null;
  sourceName: string;
  taxesIncluded: boolean;
  gatewayNames: string[];
  lineItems: SimLineItem[];
  shippingLines: SimShippingLine[];
  discountCodes: SimDiscountCode[];
  transactions: SimTransaction[];
  refundIds: string[];
  disputeIds: string[];
  billingAddress: SimAddress | null;
  shippingAddress: SimAddress | null;
  createdAt: number;
  updatedAt: number;
  processedAt: number;
  cancelledAt: number | null;
  cancelReason: string | null;
  closedAt: number | null;
  /** Keyed `namespace.key`. */
  metafields: Map<string, SimMetafield>;
  /** Shipments with tracking; absent on orders stored before fulfillments were kept. */
  fulfillments?: SimFulfillment[];
  /** The shopper's IP address at checkout (`browser_ip`); absent on orders stored before. */
  browserIp?: string | null;
  /** Risk assessments written by apps, oldest first; absent on orders stored before. */
  riskAssessments?: SimRiskAssessment[];
  /** What `orderCancel` was given; absent unless cancelled through it. */
  cancellation?: SimCancellation;
  /** `orderCancel` jobs of this order, oldest first (one succeeds; later ones are refused). */
  cancelJobs?: SimCancelJob[];
}

/** Webhook topics in slash form. */
export type WebhookTopic =
  | 'orders/create'
  | 'orders/updated'
  | 'orders/paid'
  | 'orders/cancelled'
  | 'refunds/create'
  | 'disputes/create'
  | 'disputes/update'
  | 'customers/create'
  | 'customers/update'
  | 'app/uninstalled';

/** A webhook subscription (shop-specific, as created through the Admin API). */
export interface SimSubscription {
  resource: 'WebhookSubscription';
  id: string;
  topic: WebhookTopic;
  uri: string;
  format: 'JSON' | 'XML';
  includeFields: string[];
  metafieldNamespaces: string[];
  filter: string | null;
  apiVersion: string;
  createdAt: number;
  updatedAt: number;
}
