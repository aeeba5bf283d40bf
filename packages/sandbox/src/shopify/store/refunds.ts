/**
 * Refunds from admin input: refunded line quantities (their discounted value and tax, pro rata),
 * shipping, or an explicit amount. Money goes back through the gateway of the last sale or
 * capture (a refund transaction whose parent is that payment); a refund of an unpaid order moves
 * goods only and carries no transaction. Fires `refunds/create` and `orders/updated`.
 * @module
 */
import type { ShopContext } from '../context.js';
import { formatFixed, prorate } from '../core/money.js';
import { wholeSeconds } from '../core/time.js';
import { idAt, InputError, moneyAt, objectsAt, stringAt, throwIfAny, type Json } from './input.js';
import { lineDiscountedTotal, lineTax, orderPayments, refundedQuantity } from './order-math.js';
import type { SimOrder, SimRefund, SimRefundLineItem } from './records.js';
import { recordTransaction } from './transactions.js';

const RESTOCK = ['no_restock', 'cancel', 'return'] as const;

function readLines(
  sim: ShopContext,
  order: SimOrder,
  input: Json,
  errors: Record<string, string[]>,
) {
  return objectsAt(input, 'refund_line_items')
    .concat(objectsAt(input, 'line_items'))
    .map((entry, i): SimRefundLineItem | null => {
      const lineId = idAt(entry, 'line_item_id');
      const line = order.lineItems.find((l) => l.id === lineId);
      const quantity = Number(entry.quantity ?? 1);
      if (!line) {
        (errors[`refund_line_items.${i}.line_item_id`] ??= []).push('does not exist');
        return null;
      }
      const left = line.quantity - refundedQuantity(sim.state, order, line.id);
      if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > left) {
        (errors[`refund_line_items.${i}.quantity`] ??= []).push(`must be between 1 and ${left}`);
        return null;
      }
      const restock = stringAt(entry, 'restock_type') ?? 'no_restock';
      return {
        id: sim.state.ids.take(),
        lineItemId: line.id,
        quantity,
        restockType: (RESTOCK as readonly string[]).includes(restock)
          ? (restock as SimRefundLineItem['restockType'])
          : 'no_restock',
        subtotalMinor: prorate(lineDiscountedTotal(line), quantity, line.quantity),
        taxMinor: prorate(lineTax(line), quantity, line.quantity),
      };
    })
    .filter((l): l is SimRefundLineItem => l !== null);
}

/**
 * Creates a refund. Input: `refund_line_items [{line_item_id, quantity, restock_type}]`,
 * `shipping {amount | full_refund}`, `amount` (explicit money; default the value refunded, capped
 * at what was paid), `note`.
 */
export function createRefund(sim: ShopContext, order: SimOrder, input: Json): SimRefund {
  const errors: Record<string, string[]> = {};
  const lines = readLines(sim, order, input, errors);
  const shippingInput = (input.shipping ?? {}) as Json;
  const shippingTotal = order.shippingLines.reduce((s, l) => s + l.priceMinor, 0);
  const shipping =
    shippingInput.full_refund === true
      ? shippingTotal
      : (moneyAt(shippingInput, 'amount', order.currency, errors, 'shipping.amount') ?? 0);
  const explicit = moneyAt(input, 'amount', order.currency, errors);
  throwIfAny(errors);
  const linesValue = lines.reduce(
    (s, l) => s + l.subtotalMinor + (order.taxesIncluded ? 0 : l.taxMinor),
    0,
  );
  const value = lines.length === 0 && shipping === 0 ? (explicit ?? 0) : linesValue + shipping;
  const payments = orderPayments(sim.state, order);
  const paid = payments.received - payments.refunded;
  const money = explicit ?? Math.min(value, paid);
  if (money > paid) {
    const message = `Refund amount ${formatFixed(money, order.currency)} is greater than net payment received: ${formatFixed(paid, order.currency)}`;
    throw InputError.of('base', message);
  }
  if (value === 0 && money === 0) throw InputError.of('base', 'Refund must refund something');
  const now = wholeSeconds(sim.now());
  const refund: SimRefund = {
    resource: 'Refund',
    id: sim.state.ids.take(),
    orderId: order.id,
    note: stringAt(input, 'note'),
    refundLineItems: lines,
    shippingMinor: shipping,
    valueMinor: Math.max(value, money),
    transactionIds: [],
    createdAt: now,
    processedAt: now,
  };
  if (money > 0) {
    const parent = [...order.transactions]
      .reverse()
      .find((t) => (t.kind === 'sale' || t.kind === 'capture') && t.status === 'success');
    const transaction = recordTransaction(sim, order, {
      kind: 'refund',
      gateway: parent?.gateway ?? 'manual',
      amountMinor: money,
      parentId: parent?.id ?? null,
      manual: parent?.manual ?? true,
      sourceName: 'admin',
    });
    refund.transactionIds.push(transaction.id);
  }
  sim.state.refunds.set(refund.id, refund);
  order.refundIds.push(refund.id);
  order.updatedAt = now;
  const eventId = sim.events.newEventId();
  sim.events.emit('refunds/create', refund.id, eventId);
  sim.events.emit('orders/updated', order.id, eventId);
  return refund;
}
