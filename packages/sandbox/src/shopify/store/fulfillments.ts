/**
 * Fulfillments from the admin API, so an order can show it shipped and with which tracking (an
 * evidence packet's proof of delivery). The whole order ships at once (simulator choice).
 * @module
 */
import type { ShopContext } from '../context.js';
import { wholeSeconds } from '../core/time.js';
import { stringAt, type Json } from './input.js';
import type { SimFulfillment, SimOrder } from './records.js';
import { saveOrder } from './save.js';

/** Ships the order. Input: `tracking_company`, `tracking_number`, `tracking_url` (all optional). */
export function createFulfillment(sim: ShopContext, order: SimOrder, input: Json): SimFulfillment {
  const now = wholeSeconds(sim.now());
  const fulfillment: SimFulfillment = {
    resource: 'Fulfillment',
    id: sim.state.ids.take(),
    status: 'SUCCESS',
    createdAt: now,
    trackingCompany: stringAt(input, 'tracking_company') ?? null,
    trackingNumber: stringAt(input, 'tracking_number') ?? null,
    trackingUrl: stringAt(input, 'tracking_url') ?? null,
  };
  order.fulfillments = [...(order.fulfillments ?? []), fulfillment];
  order.updatedAt = now;
  saveOrder(sim, order.id);
  sim.events.emit('orders/updated', order.id);
  return fulfillment;
}
