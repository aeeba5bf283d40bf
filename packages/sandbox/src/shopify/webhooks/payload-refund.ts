/**
 * The REST Refund resource (body of `refunds/create`, and each entry of an order's `refunds`):
 * refunded lines with their full line item, refunded shipping in `refund_shipping_lines` (2024-10
 * and later), and the refund transactions. Line `subtotal`/`total_tax` are JSON numbers there,
 * unlike every other amount.
 * @module
 */
import type { ShopContext } from '../context.js';
import { gid } from '../core/ids.js';
import { formatFixed } from '../core/money.js';
import { rawInt } from '../core/raw-json.js';
import type { SimOrder, SimRefund, SimTransaction } from '../store/records.js';
import { restLineItem } from './payload-line-item.js';
import { restTransaction } from './payload-transaction.js';
import { at, moneySet } from './rest-format.js';

/** A refund as REST writes it. */
export function restRefund(sim: ShopContext, refund: SimRefund, order: SimOrder) {
  const currency = order.currency;
  const shippingLine = order.shippingLines[0];
  return {
    id: rawInt(refund.id),
    admin_graphql_api_id: gid('Refund', refund.id),
    created_at: at(sim, refund.createdAt),
    note: refund.note,
    order_id: rawInt(order.id),
    processed_at: at(sim, refund.processedAt),
    restock: refund.refundLineItems.some((l) => l.restockType !== 'no_restock'),
    total_duties_set: moneySet(0, currency),
    user_id: null,
    order_adjustments: [],
    transactions: refund.transactionIds
      .map((id) => sim.state.transactions.get(id))
      .filter((t): t is SimTransaction => t !== undefined)
      .map((t) => restTransaction(sim, t)),
    refund_line_items: refund.refundLineItems.map((line) => {
      const item = order.lineItems.find((l) => l.id === line.lineItemId);
      return {
        id: rawInt(line.id),
        line_item_id: rawInt(line.lineItemId),
        location_id: null,
        quantity: line.quantity,
        restock_type: line.restockType,
        subtotal: Number(formatFixed(line.subtotalMinor, currency)),
        subtotal_set: moneySet(line.subtotalMinor, currency),
        total_tax: Number(formatFixed(line.taxMinor, currency)),
        total_tax_set: moneySet(line.taxMinor, currency),
        line_item: item ? restLineItem(sim, order, item) : null,
      };
    }),
    refund_shipping_lines:
      refund.shippingMinor > 0 && shippingLine
        ? [
            {
              id: rawInt(refund.id),
              shipping_line_id: rawInt(shippingLine.id),
              subtotal_amount_set: moneySet(refund.shippingMinor, currency),
            },
          ]
        : [],
    duties: [],
    additional_fees: [],
    total_additional_fees_set: moneySet(0, currency),
    return: null,
  };
}
