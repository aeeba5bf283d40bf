/**
 * Placing many orders in one admin call (a generated business day: 2,000 orders without 2,000
 * HTTP requests). Each entry is the input `createOrder` takes plus `metafields` (e.g.
 * `paytrace.transaction_id`, written as trusted admin data) and an optional `cancel_reason` to
 * cancel it right away (a payment voided before the close). Metafields are checked for every
 * entry before any order is placed; an order input Shopify would refuse stops the call at that
 * entry, and the error names its index.
 * @module
 */
import type { ShopContext } from '../context.js';
import { wholeSeconds } from '../core/time.js';
import { InputError, objectsAt, stringAt, type Json } from './input.js';
import { checkMetafieldValue, isKnownMetafieldType } from './metafield-types.js';
import { writeMetafield } from './metafields.js';
import { cancelOrder, createOrder } from './orders.js';
import type { SimOrder } from './records.js';

/** The most orders one bulk call may place. */
export const BULK_ORDER_LIMIT = 100_000;

interface MetafieldEntry {
  namespace: string;
  key: string;
  type: string;
  value: string;
}

function readMetafields(input: Json, index: number): MetafieldEntry[] {
  return objectsAt(input, 'metafields').map((m, j) => {
    const entry = {
      namespace: stringAt(m, 'namespace') ?? '',
      key: stringAt(m, 'key') ?? '',
      type: stringAt(m, 'type') ?? 'single_line_text_field',
      value: stringAt(m, 'value') ?? '',
    };
    const field = `orders[${index}].metafields[${j}]`;
    if (!/^[A-Za-z0-9_-]{3,255}$/.test(entry.namespace))
      throw InputError.of(field, 'namespace is invalid');
    if (!/^[A-Za-z0-9_-]{3,64}$/.test(entry.key)) throw InputError.of(field, 'key is invalid');
    if (!isKnownMetafieldType(entry.type)) throw InputError.of(field, 'type is invalid');
    const problem = checkMetafieldValue(entry.type, entry.value);
    if (problem) throw InputError.of(field, problem);
    return entry;
  });
}

/** Places every order of `inputs` with its metafields; answers the orders in input order. */
export function createOrders(sim: ShopContext, inputs: Json[]): SimOrder[] {
  if (inputs.length > BULK_ORDER_LIMIT) {
    throw InputError.of('orders', `must hold at most ${BULK_ORDER_LIMIT} orders`);
  }
  const metafields = inputs.map(readMetafields);
  return inputs.map((input, index) => {
    let order: SimOrder;
    try {
      order = createOrder(sim, input);
      const now = wholeSeconds(sim.now());
      for (const m of metafields[index]!) {
        writeMetafield(
          sim,
          { type: 'ORDER', record: order },
          m.namespace,
          m.key,
          m.type,
          m.value,
          now,
        );
      }
      const reason = stringAt(input, 'cancel_reason');
      if (reason !== null) cancelOrder(sim, order, { reason });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      const prefixed = Object.fromEntries(
        Object.entries(error.errors).map(([k, v]) => [`orders[${index}].${k}`, v]),
      );
      throw new InputError(prefixed);
    }
    return order;
  });
}
