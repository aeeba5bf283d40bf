/**
 * Placing orders from admin input (a checkout stand-in) and cancelling them. A manual payment
 * method such as "PayTrace" leaves the order pending, as Shopify does for manual methods; `paid`
 * and `authorized` record a sale or an authorization through the named gateway.
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { ShopContext } from '../context.js';
import { isKnownCurrency } from '../core/money.js';
import { parseTimestamp, wholeSeconds } from '../core/time.js';
import { readAddress } from './addresses.js';
import {
  booleanAt,
  idAt,
  InputError,
  objectsAt,
  stringAt,
  tagsAt,
  throwIfAny,
  type Json,
} from './input.js';
import { orderTotals } from './order-math.js';
import { readOrderLines } from './order-lines.js';
import type { SimOrder } from './records.js';
import { recordTransaction, touchOrder } from './transactions.js';

const STATUSES = ['pending', 'paid', 'authorized'] as const;

function readStatus(input: Json, errors: Record<string, string[]>) {
  const status = stringAt(input, 'financial_status') ?? 'pending';
  if ((STATUSES as readonly string[]).includes(status)) return status as (typeof STATUSES)[number];
  errors.financial_status = [`must be one of ${STATUSES.join(', ')}`];
  return 'pending';
}

/**
 * Places an order. Input (REST names): `line_items [{title, price, quantity, sku, taxable,
 * tax_lines}]`, `tax_lines [{title, rate}]`, `shipping_lines` or `shipping`, `discount_codes
 * [{code, amount, type}]`, `currency`, `taxes_included`, `gateway` (payment method name, e.g.
 * "PayTrace"), `manual_gateway` (default true), `financial_status` (`pending` default, `paid`,
 * `authorized`), `customer_id`, `email`, `phone`, `note`, `tags`, `note_attributes`, `test`,
 * `billing_address`, `shipping_address`, `processed_at`, `browser_ip`, `id` (to force an id).
 */
export function createOrder(sim: ShopContext, input: Json): SimOrder {
  const errors: Record<string, string[]> = {};
  const currency = (stringAt(input, 'currency') ?? sim.settings.shopCurrency).toUpperCase();
  if (!isKnownCurrency(currency)) errors.currency = ['is not a supported currency'];
  const customerId = idAt(input, 'customer_id');
  const customer = customerId === null ? undefined : sim.state.customers.get(customerId);
  if (customerId !== null && !customer) errors.customer_id = ['does not exist'];
  const forcedId = idAt(input, 'id');
  if (forcedId !== null && sim.state.orders.has(forcedId)) errors.id = ['has already been taken'];
  const inclusive = booleanAt(input, 'taxes_included', false);
  const lines = readOrderLines(sim, input, currency, inclusive, errors);
  const status = readStatus(input, errors);
  const processedText = stringAt(input, 'processed_at');
  const processed = processedText === null ? undefined : parseTimestamp(processedText);
  if (processedText !== null && processed === undefined) errors.processed_at = ['is invalid'];
  throwIfAny(errors);

  const now = wholeSeconds(sim.now());
  const number = Number(sim.state.sequences.next('order-number'));
  const gateway = stringAt(input, 'gateway');
  const order: SimOrder = {
    resource: 'Order',
    id: forcedId ?? sim.state.ids.take(),
    number,
    name: `#${number}`,
    token: randomBytes(16).toString('hex'),
    confirmationNumber: randomBytes(5).toString('hex').toUpperCase().slice(0, 9),
    email: stringAt(input, 'email') ?? customer?.email ?? null,
    phone: stringAt(input, 'phone') ?? customer?.phone ?? null,
    customerId: customer?.id ?? null,
    currency,
    test: booleanAt(input, 'test', false),
    note: stringAt(input, 'note'),
    tags: tagsAt(input, 'tags'),
    customAttributes: objectsAt(input, 'note_attributes').map((a) => ({
      key: stringAt(a, 'name') ?? stringAt(a, 'key') ?? '',
      value: stringAt(a, 'value') ?? '',
    })),
    poNumber: stringAt(input, 'po_number'),
    sourceName: stringAt(input, 'source_name') ?? 'web',
    taxesIncluded: inclusive,
    gatewayNames: gateway === null ? [] : [gateway],
    ...lines,
    transactions: [],
    refundIds: [],
    disputeIds: [],
    billingAddress: readAddress(sim, input.billing_address),
    shippingAddress: readAddress(sim, input.shipping_address),
    createdAt: now,
    updatedAt: now,
    processedAt: processed === undefined ? now : wholeSeconds(processed),
    cancelledAt: null,
    cancelReason: null,
    closedAt: null,
    metafields: new Map(),
    browserIp: stringAt(input, 'browser_ip'),
  };
  sim.state.orders.set(order.id, order);
  recordInitialPayment(sim, order, status, gateway, booleanAt(input, 'manual_gateway', true));
  const eventId = sim.events.newEventId();
  sim.events.emit('orders/create', order.id, eventId);
  if (status === 'paid') sim.events.emit('orders/paid', order.id, eventId);
  return order;
}

function recordInitialPayment(
  sim: ShopContext,
  order: SimOrder,
  status: (typeof STATUSES)[number],
  gateway: string | null,
  manual: boolean,
): void {
  const total = orderTotals(order).total;
  const name = gateway ?? 'manual';
  if (status === 'paid' && total > 0) {
    recordTransaction(sim, order, { kind: 'sale', gateway: name, amountMinor: total, manual });
  } else if (status === 'authorized') {
    recordTransaction(sim, order, { kind: 'authorization', gateway: name, amountMinor: total });
  } else if (gateway !== null && manual && sim.settings.pendingSaleForManualGateway) {
    recordTransaction(sim, order, {
      kind: 'sale',
      status: 'pending',
      gateway,
      amountMinor: total,
      manual: true,
    });
  }
}

const CANCEL_REASONS = ['customer', 'declined', 'fraud', 'inventory', 'staff', 'other'];

/** Cancels an order: `orders/cancelled` and `orders/updated`. Cancelling twice is refused. */
export function cancelOrder(sim: ShopContext, order: SimOrder, input: Json): SimOrder {
  if (order.cancelledAt !== null) throw InputError.of('base', 'Order has already been cancelled');
  const reason = stringAt(input, 'reason') ?? 'other';
  if (!CANCEL_REASONS.includes(reason)) throw InputError.of('reason', 'is invalid');
  const now = wholeSeconds(sim.now());
  order.cancelledAt = now;
  order.cancelReason = reason;
  order.closedAt = now;
  order.updatedAt = now;
  const eventId = sim.events.newEventId();
  sim.events.emit('orders/cancelled', order.id, eventId);
  touchOrder(sim, order, eventId);
  return order;
}
