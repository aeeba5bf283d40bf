/**
 * Marks changed records for a durable store. Orders carry their transactions and metafields and
 * customers their metafields (restored into the store-wide maps on open); refunds, disputes,
 * subscriptions, deliveries and granted tokens are records of their own.
 * @module
 */
import type { ShopContext } from '../context.js';
import type { WebhookTopic } from './records.js';

/** Marks an order (with its transactions and metafields) changed. */
export function saveOrder(sim: ShopContext, id: string): void {
  sim.persistence.mark('order', id, () => sim.state.orders.get(id));
}

/** Marks a customer (with its metafields) changed. */
export function saveCustomer(sim: ShopContext, id: string): void {
  sim.persistence.mark('customer', id, () => sim.state.customers.get(id));
}

/** Marks a refund and its order changed. */
export function saveRefund(sim: ShopContext, id: string): void {
  sim.persistence.mark('refund', id, () => sim.state.refunds.get(id));
  const orderId = sim.state.refunds.get(id)?.orderId;
  if (orderId) saveOrder(sim, orderId);
}

/** Marks a dispute and its order changed. */
export function saveDispute(sim: ShopContext, id: string): void {
  sim.persistence.mark('dispute', id, () => sim.state.disputes.get(id));
  const orderId = sim.state.disputes.get(id)?.orderId;
  if (orderId) saveOrder(sim, orderId);
}

/** Marks a webhook subscription created or deleted. */
export function saveSubscription(sim: ShopContext, id: string): void {
  sim.persistence.mark('subscription', id, () => sim.state.subscriptions.get(id));
}

/** Marks a delivery of the log changed (scheduled, attempted, finished). */
export function saveDelivery(sim: ShopContext, id: string): void {
  sim.persistence.mark('delivery', id, () => sim.state.deliveries.find((d) => d.id === id));
}

/** Marks a client-credentials token granted or forgotten. */
export function saveToken(sim: ShopContext, token: string): void {
  sim.persistence.mark('token', token, () => sim.state.tokens.get(token));
}

/** Marks the record a webhook topic announces a change of (every store change announces one). */
export function saveAnnounced(sim: ShopContext, topic: WebhookTopic, resourceId: string): void {
  if (topic.startsWith('orders/')) saveOrder(sim, resourceId);
  else if (topic.startsWith('customers/')) saveCustomer(sim, resourceId);
  else if (topic === 'refunds/create') saveRefund(sim, resourceId);
  else if (topic.startsWith('disputes/')) saveDispute(sim, resourceId);
}
