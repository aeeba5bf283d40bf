/**
 * The REST Order resource, the body of `orders/create`, `orders/updated`, `orders/paid` and
 * `orders/cancelled` and of admin order answers. Field set of a captured 2025 `orders/create`
 * delivery; ids are bare integers (`RawInteger`), money is decimal strings with `*_set` twins,
 * `tags` is one comma-separated string, deprecated `gateway`/`payment_details` are absent.
 * @module
 */
import type { ShopContext } from '../context.js';
import { gid } from '../core/ids.js';
import { rawInt } from '../core/raw-json.js';
import { financialStatus, orderPayments, orderTotals } from '../store/order-math.js';
import type { SimOrder, SimRefund, SimTaxLine } from '../store/records.js';
import { restCustomer } from './payload-customer.js';
import { restLineItem, restShippingLine } from './payload-line-item.js';
import { restRefund } from './payload-refund.js';
import { address, amount, at, moneySet, taxLines } from './rest-format.js';

function orderTaxLines(order: SimOrder): SimTaxLine[] {
  const byKey = new Map<string, SimTaxLine>();
  for (const line of [...order.lineItems, ...order.shippingLines]) {
    for (const tax of line.taxLines) {
      const key = `${tax.title}\0${tax.rate}`;
      const entry = byKey.get(key);
      if (entry) entry.priceMinor += tax.priceMinor;
      else byKey.set(key, { ...tax });
    }
  }
  return [...byKey.values()];
}

/** An order as REST writes it (with its customer, lines, refunds). */
export function restOrder(sim: ShopContext, order: SimOrder) {
  const c = order.currency;
  const totals = orderTotals(order);
  const payments = orderPayments(sim.state, order);
  const refunds = order.refundIds
    .map((id) => sim.state.refunds.get(id))
    .filter((r): r is SimRefund => r !== undefined);
  const refundedLines = refunds.flatMap((r) => r.refundLineItems);
  const currentSubtotal = totals.subtotal - refundedLines.reduce((s, l) => s + l.subtotalMinor, 0);
  const currentTax = totals.tax - refundedLines.reduce((s, l) => s + l.taxMinor, 0);
  const customer = order.customerId ? sim.state.customers.get(order.customerId) : undefined;
  const money = (minor: number) => amount(minor, c);
  const set = (minor: number) => moneySet(minor, c);
  return {
    id: rawInt(order.id),
    admin_graphql_api_id: gid('Order', order.id),
    app_id: order.sourceName === 'web' ? 580111 : null,
    browser_ip: order.browserIp ?? null,
    buyer_accepts_marketing: false,
    cancel_reason: order.cancelReason,
    cancelled_at: at(sim, order.cancelledAt),
    cart_token: null,
    checkout_id: null,
    checkout_token: null,
    client_details: null,
    closed_at: at(sim, order.closedAt),
    confirmation_number: order.confirmationNumber,
    confirmed: true,
    contact_email: order.email,
    created_at: at(sim, order.createdAt),
    currency: c,
    current_shipping_price_set: set(totals.shipping),
    current_subtotal_price: money(currentSubtotal),
    current_subtotal_price_set: set(currentSubtotal),
    current_total_additional_fees_set: null,
    current_total_discounts: money(totals.discounts),
    current_total_discounts_set: set(totals.discounts),
    current_total_duties_set: null,
    current_total_price: money(payments.currentTotal),
    current_total_price_set: set(payments.currentTotal),
    current_total_tax: money(currentTax),
    current_total_tax_set: set(currentTax),
    customer_locale: 'en',
    device_id: null,
    discount_codes: order.discountCodes.map((d) => ({
      code: d.code,
      amount: money(d.amountMinor),
      type: d.type,
    })),
    duties_included: false,
    email: order.email,
    estimated_taxes: false,
    financial_status: financialStatus(payments).toLowerCase(),
    fulfillment_status: null,
    landing_site: null,
    landing_site_ref: null,
    location_id: null,
    merchant_business_entity_id: null,
    merchant_of_record_app_id: null,
    name: order.name,
    note: order.note,
    note_attributes: order.customAttributes.map((a) => ({ name: a.key, value: a.value })),
    number: order.number - 1000,
    order_number: order.number,
    order_status_url: `https://${sim.credentials.shopDomain}/orders/${order.token}/authenticate`,
    original_total_additional_fees_set: null,
    original_total_duties_set: null,
    payment_gateway_names: order.gatewayNames,
    phone: order.phone,
    po_number: order.poNumber,
    presentment_currency: c,
    processed_at: at(sim, order.processedAt),
    reference: null,
    referring_site: null,
    source_identifier: null,
    source_name: order.sourceName,
    source_url: null,
    subtotal_price: money(totals.subtotal),
    subtotal_price_set: set(totals.subtotal),
    tags: order.tags.join(', '),
    tax_exempt: customer?.taxExempt ?? false,
    tax_lines: taxLines(orderTaxLines(order), c),
    taxes_included: order.taxesIncluded,
    test: order.test,
    token: order.token,
    total_cash_rounding_payment_adjustment_set: set(0),
    total_cash_rounding_refund_adjustment_set: set(0),
    total_discounts: money(totals.discounts),
    total_discounts_set: set(totals.discounts),
    total_line_items_price: money(totals.lineItems),
    total_line_items_price_set: set(totals.lineItems),
    total_outstanding: money(payments.outstanding),
    total_price: money(totals.total),
    total_price_set: set(totals.total),
    total_shipping_price_set: set(totals.shipping),
    total_tax: money(totals.tax),
    total_tax_set: set(totals.tax),
    total_tip_received: money(0),
    total_weight: order.lineItems.reduce((s, l) => s + l.grams * l.quantity, 0),
    updated_at: at(sim, order.updatedAt),
    user_id: null,
    billing_address: address(order.billingAddress),
    customer: customer ? restCustomer(sim, customer) : null,
    discount_applications: order.discountCodes.map((d) => ({
      target_type: 'line_item',
      type: 'discount_code',
      value: money(d.amountMinor),
      value_type: d.type,
      allocation_method: 'across',
      target_selection: 'all',
      code: d.code,
    })),
    fulfillments: [],
    line_items: order.lineItems.map((line) => restLineItem(sim, order, line)),
    payment_terms: null,
    refunds: refunds.map((r) => restRefund(sim, r, order)),
    shipping_address: address(order.shippingAddress),
    shipping_lines: order.shippingLines.map((l) => restShippingLine(l, c)),
    returns: [],
  };
}
