/**
 * Reads a durable store simulator's records back into a fresh state, re-linking the shared
 * records: an order's transactions and metafields are the same objects as in the store-wide maps.
 * @module
 */
import { decodeRecord } from '../../persistence/record-codec.js';
import type { StoredRecord } from '../../persistence/store.js';
import type { SimDelivery } from '../webhooks/delivery-records.js';
import type { SimCustomer, SimDispute, SimOrder, SimRefund, SimSubscription } from './records.js';
import type { ShopifyState } from './state.js';

const byNumericKey = (a: StoredRecord, b: StoredRecord) => {
  const x = BigInt(a.key);
  const y = BigInt(b.key);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** Puts stored records into `state`, in id order (the order lists and the delivery log use). */
export function restoreState(state: ShopifyState, records: StoredRecord[]): void {
  const of = (kind: string) =>
    records.filter((r) => r.kind === kind && /^\d+$/.test(r.key)).sort(byNumericKey);
  for (const record of of('customer')) {
    const customer = decodeRecord<SimCustomer>(record.json);
    state.customers.set(customer.id, customer);
    for (const metafield of customer.metafields.values())
      state.metafields.set(metafield.id, metafield);
  }
  for (const record of of('order')) {
    const order = decodeRecord<SimOrder>(record.json);
    state.orders.set(order.id, order);
    for (const transaction of order.transactions)
      state.transactions.set(transaction.id, transaction);
    for (const metafield of order.metafields.values())
      state.metafields.set(metafield.id, metafield);
  }
  for (const record of of('refund')) {
    const refund = decodeRecord<SimRefund>(record.json);
    state.refunds.set(refund.id, refund);
  }
  for (const record of of('dispute')) {
    const dispute = decodeRecord<SimDispute>(record.json);
    state.disputes.set(dispute.id, dispute);
  }
  for (const record of of('subscription')) {
    const subscription = decodeRecord<SimSubscription>(record.json);
    state.subscriptions.set(subscription.id, subscription);
  }
  for (const record of of('delivery'))
    state.deliveries.push(decodeRecord<SimDelivery>(record.json));
  for (const record of records.filter((r) => r.kind === 'token')) {
    state.tokens.set(record.key, decodeRecord<{ expiresAt: number }>(record.json));
  }
}
