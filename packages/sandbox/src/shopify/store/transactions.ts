/**
 * Recording order transactions and announcing payment changes: a payment always bumps
 * `updatedAt` and fires `orders/updated`; reaching PAID also fires `orders/paid` (with one event
 * id for both, as one merchant action).
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { ShopContext } from '../context.js';
import { wholeSeconds } from '../core/time.js';
import { financialStatus, orderPayments, type FinancialStatus } from './order-math.js';
import type { SimOrder, SimTransaction, TransactionKind, TransactionStatus } from './records.js';

/** What a new transaction needs; the rest is filled in. */
export interface NewTransaction {
  kind: TransactionKind;
  status?: TransactionStatus;
  gateway: string;
  amountMinor: number;
  parentId?: string | null;
  manual?: boolean;
  sourceName?: string;
  processedAt?: number;
}

/** Adds a transaction to an order (and to the id index). */
export function recordTransaction(
  sim: ShopContext,
  order: SimOrder,
  spec: NewTransaction,
): SimTransaction {
  const now = wholeSeconds(sim.now());
  const transaction: SimTransaction = {
    resource: 'OrderTransaction',
    id: sim.state.ids.take(),
    orderId: order.id,
    kind: spec.kind,
    status: spec.status ?? 'success',
    gateway: spec.gateway,
    amountMinor: spec.amountMinor,
    currency: order.currency,
    parentId: spec.parentId ?? null,
    authorizationCode:
      spec.kind === 'authorization' ? randomBytes(3).toString('hex').toUpperCase() : null,
    manual: spec.manual ?? false,
    test: order.test,
    sourceName: spec.sourceName ?? 'web',
    createdAt: now,
    processedAt: spec.processedAt ?? now,
  };
  order.transactions.push(transaction);
  sim.state.transactions.set(transaction.id, transaction);
  return transaction;
}

/** The status now, for comparing before and after a change. */
export function statusOf(sim: ShopContext, order: SimOrder): FinancialStatus {
  return financialStatus(orderPayments(sim.state, order));
}

/** Marks an order changed now and fires `orders/updated` (grouped under `eventId`, if given). */
export function touchOrder(sim: ShopContext, order: SimOrder, eventId?: string): void {
  order.updatedAt = wholeSeconds(sim.now());
  sim.events.emit('orders/updated', order.id, eventId);
}

/** After a payment: `orders/paid` when it became paid (see settings), then `orders/updated`. */
export function announcePayment(sim: ShopContext, order: SimOrder, before: FinancialStatus): void {
  const after = statusOf(sim, order);
  const eventId = sim.events.newEventId();
  order.updatedAt = wholeSeconds(sim.now());
  const paidNow = after === 'PAID' && before !== 'PAID';
  const partial = after === 'PARTIALLY_PAID' && sim.settings.ordersPaidOnPartialPayment;
  if (paidNow || partial) sim.events.emit('orders/paid', order.id, eventId);
  sim.events.emit('orders/updated', order.id, eventId);
}
