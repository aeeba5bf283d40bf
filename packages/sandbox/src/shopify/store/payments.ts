/**
 * Payments recorded against an order after checkout: `orderMarkAsPaid` (captures an open
 * authorization, else records a sale for the whole outstanding amount through the `manual`
 * gateway), `orderCreateManualPayment` (an amount, default the outstanding one; partial payments
 * leave the order PARTIALLY_PAID) and, for the admin API, voiding an authorization.
 * @module
 */
import type { ShopContext } from '../context.js';
import { wholeSeconds } from '../core/time.js';
import { InputError } from './input.js';
import { canMarkAsPaid, orderPayments } from './order-math.js';
import type { SimOrder } from './records.js';
import { announcePayment, recordTransaction, statusOf } from './transactions.js';

/** A business error of a payment mutation (`code` only where the API's error type has one). */
export interface PaymentError {
  field: string[] | null;
  message: string;
  code?: string;
}

/** `orderMarkAsPaid`: refused unless `canMarkAsPaid`. */
export function markAsPaid(sim: ShopContext, order: SimOrder): PaymentError[] {
  const payments = orderPayments(sim.state, order);
  if (!canMarkAsPaid(order, payments)) {
    return [{ field: ['id'], message: 'Order cannot be marked as paid.' }];
  }
  const before = statusOf(sim, order);
  let outstanding = payments.outstanding;
  const open = order.transactions.filter(
    (t) =>
      t.kind === 'authorization' &&
      t.status === 'success' &&
      !order.transactions.some((c) => c.parentId === t.id && c.status === 'success'),
  );
  for (const auth of open) {
    if (outstanding <= 0) break;
    const amountMinor = Math.min(auth.amountMinor, outstanding);
    recordTransaction(sim, order, {
      kind: 'capture',
      gateway: auth.gateway,
      amountMinor,
      parentId: auth.id,
      sourceName: 'admin',
    });
    outstanding -= amountMinor;
  }
  if (outstanding > 0) {
    recordTransaction(sim, order, {
      kind: 'sale',
      gateway: 'manual',
      amountMinor: outstanding,
      manual: true,
      sourceName: 'admin',
    });
  }
  announcePayment(sim, order, before);
  return [];
}

/** Arguments of `orderCreateManualPayment` (amount already in the order's minor units). */
export interface ManualPayment {
  amountMinor?: number;
  paymentMethodName?: string | null;
  processedAt?: number;
}

/** `orderCreateManualPayment`: errors use `OrderCreateManualPaymentOrderCreateManualPaymentErrorCode`. */
export function createManualPayment(
  sim: ShopContext,
  order: SimOrder,
  payment: ManualPayment,
): PaymentError[] {
  const payments = orderPayments(sim.state, order);
  const amount = payment.amountMinor ?? payments.outstanding;
  if (amount <= 0 && payment.amountMinor !== undefined) {
    return [
      { field: ['amount'], message: 'Amount must be positive.', code: 'AMOUNT_NOT_POSITIVE' },
    ];
  }
  if (amount > payments.outstanding || payments.outstanding === 0) {
    const message = 'Amount exceeds the remaining balance.';
    return [{ field: ['amount'], message, code: 'AMOUNT_EXCEEDS_BALANCE' }];
  }
  if (payment.processedAt !== undefined && payment.processedAt > sim.now()) {
    const message = 'Processed at must not be in the future.';
    return [{ field: ['processedAt'], message, code: 'PROCESSED_AT_INVALID' }];
  }
  const before = statusOf(sim, order);
  recordTransaction(sim, order, {
    kind: 'sale',
    gateway: payment.paymentMethodName || 'Other',
    amountMinor: amount,
    manual: true,
    sourceName: 'admin',
    ...(payment.processedAt === undefined
      ? {}
      : { processedAt: wholeSeconds(payment.processedAt) }),
  });
  announcePayment(sim, order, before);
  return [];
}

/** Voids the order's open authorization (admin API), which makes it VOIDED. */
export function voidAuthorization(sim: ShopContext, order: SimOrder): void {
  const auth = order.transactions.find(
    (t) =>
      t.kind === 'authorization' &&
      t.status === 'success' &&
      !order.transactions.some((c) => c.parentId === t.id && c.status === 'success'),
  );
  if (!auth) throw InputError.of('base', 'Order has no open authorization');
  const before = statusOf(sim, order);
  recordTransaction(sim, order, {
    kind: 'void',
    gateway: auth.gateway,
    amountMinor: auth.amountMinor,
    parentId: auth.id,
    sourceName: 'admin',
  });
  announcePayment(sim, order, before);
}
