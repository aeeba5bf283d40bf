/**
 * REST line items and shipping lines of an order payload.
 * @module
 */
import type { ShopContext } from '../context.js';
import { gid } from '../core/ids.js';
import { rawInt, rawIntOrNull } from '../core/raw-json.js';
import { refundedQuantity } from '../store/order-math.js';
import type { SimLineItem, SimOrder, SimShippingLine } from '../store/records.js';
import { amount, moneySet, taxLines } from './rest-format.js';

/** A line item as REST writes it. */
export function restLineItem(sim: ShopContext, order: SimOrder, line: SimLineItem) {
  const currency = order.currency;
  const current = line.quantity - refundedQuantity(sim.state, order, line.id);
  return {
    id: rawInt(line.id),
    admin_graphql_api_id: gid('LineItem', line.id),
    attributed_staffs: [],
    current_quantity: current,
    fulfillable_quantity: current,
    fulfillment_service: 'manual',
    fulfillment_status: null,
    gift_card: false,
    grams: line.grams,
    name: line.variantTitle ? `${line.title} - ${line.variantTitle}` : line.title,
    price: amount(line.priceMinor, currency),
    price_set: moneySet(line.priceMinor, currency),
    product_exists: line.productId !== null,
    product_id: rawIntOrNull(line.productId),
    properties: [],
    quantity: line.quantity,
    requires_shipping: line.requiresShipping,
    sales_line_item_group_id: null,
    sku: line.sku,
    taxable: line.taxable,
    title: line.title,
    total_discount: amount(0, currency),
    total_discount_set: moneySet(0, currency),
    variant_id: rawIntOrNull(line.variantId),
    variant_inventory_management: null,
    variant_title: line.variantTitle,
    vendor: line.vendor,
    tax_lines: taxLines(line.taxLines, currency),
    duties: [],
    discount_allocations:
      line.discountMinor > 0
        ? [
            {
              amount: amount(line.discountMinor, currency),
              amount_set: moneySet(line.discountMinor, currency),
              discount_application_index: 0,
            },
          ]
        : [],
  };
}

/** A shipping line as REST writes it. */
export function restShippingLine(line: SimShippingLine, currency: string) {
  return {
    id: rawInt(line.id),
    carrier_identifier: null,
    code: line.code,
    current_discounted_price_set: moneySet(line.priceMinor, currency),
    discounted_price: amount(line.priceMinor, currency),
    discounted_price_set: moneySet(line.priceMinor, currency),
    is_removed: false,
    phone: null,
    price: amount(line.priceMinor, currency),
    price_set: moneySet(line.priceMinor, currency),
    requested_fulfillment_service_id: null,
    source: line.source,
    title: line.title,
    tax_lines: taxLines(line.taxLines, currency),
    discount_allocations: [],
  };
}
