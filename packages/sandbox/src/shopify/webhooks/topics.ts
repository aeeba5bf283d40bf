/**
 * Webhook topics: the slash form used in headers and TOML, the enum form of
 * `WebhookSubscriptionTopic` (upper case, `/` and `.` as `_`), and the REST body each topic sends.
 * @module
 */
import type { ShopContext } from '../context.js';
import type { WebhookTopic } from '../store/records.js';
import { restCustomer } from './payload-customer.js';
import { restDispute } from './payload-dispute.js';
import { restOrder } from './payload-order.js';
import { restRefund } from './payload-refund.js';

/** Every topic the simulator knows (it emits all but `app/uninstalled`). */
export const TOPICS: readonly WebhookTopic[] = [
  'orders/create',
  'orders/updated',
  'orders/paid',
  'orders/cancelled',
  'refunds/create',
  'disputes/create',
  'disputes/update',
  'customers/create',
  'customers/update',
  'app/uninstalled',
];

/** `orders/create` → `ORDERS_CREATE`. */
export function topicEnum(topic: WebhookTopic): string {
  return topic.toUpperCase().replace(/[/.]/g, '_');
}

/** `ORDERS_CREATE` (or `orders/create`) → `orders/create`, or `undefined`. */
export function topicFromText(text: string): WebhookTopic | undefined {
  return TOPICS.find((t) => t === text || topicEnum(t) === text);
}

/** A topic's body at trigger time, with the id of its order (for legacy headers), if any. */
export interface TopicBody {
  body: Record<string, unknown>;
  orderId: string | null;
  test: boolean;
}

/** Builds the REST body of a topic for a resource id, or `undefined` if it is gone. */
export function topicBody(
  sim: ShopContext,
  topic: WebhookTopic,
  resourceId: string,
): TopicBody | undefined {
  const { state } = sim;
  if (topic.startsWith('orders/')) {
    const order = state.orders.get(resourceId);
    return order && { body: restOrder(sim, order), orderId: order.id, test: order.test };
  }
  if (topic === 'refunds/create') {
    const refund = state.refunds.get(resourceId);
    const order = refund && state.orders.get(refund.orderId);
    return order && { body: restRefund(sim, refund, order), orderId: order.id, test: order.test };
  }
  if (topic.startsWith('disputes/')) {
    const dispute = state.disputes.get(resourceId);
    return dispute && { body: restDispute(sim, dispute), orderId: dispute.orderId, test: false };
  }
  if (topic.startsWith('customers/')) {
    const customer = state.customers.get(resourceId);
    return customer && { body: restCustomer(sim, customer), orderId: null, test: false };
  }
  return undefined;
}
