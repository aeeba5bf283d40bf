/**
 * Admin routes that play the merchant and the buyer: customers (with or without a PayTrace vault
 * id), orders (one or `count` copies), cancellation, voiding an authorization, payments recorded
 * outside Shopify, refunds, disputes; many orders with metafields in one call (`/orders/bulk`).
 * @module
 */
import { createFulfillment } from '../store/fulfillments.js';
import { Hono } from 'hono';
import type { ShopContext } from '../context.js';
import { rawInt } from '../core/raw-json.js';
import type { ShopifySimulatorHandle } from '../handle.js';
import { createOrders } from '../store/bulk-orders.js';
import { countAt, objectsAt } from '../store/input.js';
import { restDispute } from '../webhooks/payload-dispute.js';
import { restRefund } from '../webhooks/payload-refund.js';
import { adminBody, guard, notFound, sendRaw } from './respond.js';
import { customerView, orderView } from './views.js';

/** Routes under `/__admin` for customers, orders, refunds and disputes. */
export function storeRoutes(sim: ShopContext, handle: ShopifySimulatorHandle): Hono {
  const app = new Hono();
  app.get('/__admin/customers', () =>
    sendRaw(200, { customers: [...sim.state.customers.values()].map((c) => customerView(sim, c)) }),
  );
  app.get('/__admin/customers/:id', (c) => {
    const customer = sim.state.customers.get(c.req.param('id'));
    return customer ? sendRaw(200, { customer: customerView(sim, customer) }) : notFound();
  });
  app.post('/__admin/customers', async (c) => {
    const body = await adminBody(c);
    if (body instanceof Response) return body;
    return guard(() => sendRaw(201, { customer: customerView(sim, handle.createCustomer(body)) }));
  });
  app.get('/__admin/orders', () =>
    sendRaw(200, { orders: [...sim.state.orders.values()].map((o) => orderView(sim, o)) }),
  );
  app.get('/__admin/orders/:id', (c) => {
    const order = sim.state.orders.get(c.req.param('id'));
    return order ? sendRaw(200, { order: orderView(sim, order) }) : notFound();
  });
  app.post('/__admin/orders', async (c) => {
    const body = await adminBody(c);
    if (body instanceof Response) return body;
    return guard(() => {
      const count = countAt(body, 'count', 1);
      if (count === 1 && body.count === undefined) {
        return sendRaw(201, { order: orderView(sim, handle.createOrder(body)) });
      }
      const ids = Array.from(
        { length: count },
        () => handle.createOrder({ ...body, id: undefined }).id,
      );
      return sendRaw(201, { count, ids: ids.map((id) => rawInt(id)) });
    });
  });
  app.post('/__admin/orders/bulk', async (c) => {
    const body = await adminBody(c);
    if (body instanceof Response) return body;
    return guard(() => {
      const orders = createOrders(sim, objectsAt(body, 'orders'));
      const view = orders.map((o) => ({ id: rawInt(o.id), name: o.name, po_number: o.poNumber }));
      return sendRaw(201, { count: orders.length, orders: view });
    });
  });
  const orderAction = (path: string, act: (id: string, body: Record<string, unknown>) => unknown) =>
    app.post(`/__admin/orders/:id/${path}`, async (c) => {
      const id = c.req.param('id');
      if (!sim.state.orders.has(id)) return notFound();
      const body = await adminBody(c);
      if (body instanceof Response) return body;
      return guard(() => sendRaw(201, act(id, body)));
    });
  orderAction('fulfillments', (id, body) => ({
    fulfillment: createFulfillment(sim, sim.state.orders.get(id)!, body),
  }));
  orderAction('cancel', (id, body) => ({ order: orderView(sim, handle.cancelOrder(id, body)) }));
  orderAction('void', (id) => ({ order: orderView(sim, handle.voidAuthorization(id)) }));
  orderAction('payments', (id, body) => ({ order: orderView(sim, handle.addPayment(id, body)) }));
  orderAction('refunds', (id, body) => {
    const refund = handle.createRefund(id, body);
    return { refund: restRefund(sim, refund, sim.state.orders.get(id)!) };
  });
  orderAction('disputes', (id, body) => ({
    dispute: restDispute(sim, handle.createDispute(id, body)),
  }));
  app.get('/__admin/disputes', () =>
    sendRaw(200, { disputes: [...sim.state.disputes.values()].map((d) => restDispute(sim, d)) }),
  );
  app.patch('/__admin/disputes/:id', async (c) => {
    const id = c.req.param('id');
    if (!sim.state.disputes.has(id)) return notFound();
    const body = await adminBody(c);
    if (body instanceof Response) return body;
    return guard(() => sendRaw(200, { dispute: restDispute(sim, handle.updateDispute(id, body)) }));
  });
  return app;
}
