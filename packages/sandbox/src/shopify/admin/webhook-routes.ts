/**
 * Admin routes for webhook subscriptions and the delivery log: subscribe a callback URL, list and
 * delete subscriptions, inspect deliveries (filter by `topic`, `state`), and flush or drain them.
 * @module
 */
import { Hono } from 'hono';
import type { ShopContext } from '../context.js';
import type { ShopifySimulatorHandle } from '../handle.js';
import { sendJson } from '../http/reply.js';
import { stringAt } from '../store/input.js';
import { adminBody, guard, notFound, sendRaw } from './respond.js';
import { deliveryView, subscriptionView } from './views.js';

/** Routes under `/__admin` for webhooks. */
export function webhookRoutes(sim: ShopContext, handle: ShopifySimulatorHandle): Hono {
  return new Hono()
    .get('/__admin/webhooks', () =>
      sendRaw(200, {
        webhooks: [...sim.state.subscriptions.values()].map((s) => subscriptionView(sim, s)),
      }),
    )
    .post('/__admin/webhooks', async (c) => {
      const body = await adminBody(c);
      if (body instanceof Response) return body;
      return guard(() => {
        const fields = Array.isArray(body.fields)
          ? body.fields.filter((f) => typeof f === 'string')
          : [];
        const apiVersion = stringAt(body, 'api_version');
        const subscription = handle.subscribe(
          stringAt(body, 'topic') ?? '',
          stringAt(body, 'address') ?? stringAt(body, 'uri') ?? '',
          { includeFields: fields, ...(apiVersion ? { apiVersion } : {}) },
        );
        return sendRaw(201, { webhook: subscriptionView(sim, subscription) });
      });
    })
    .delete('/__admin/webhooks/:id', (c) =>
      handle.unsubscribe(c.req.param('id')) ? sendJson(200, {}) : notFound(),
    )
    .get('/__admin/deliveries', (c) => {
      const topic = c.req.query('topic');
      const state = c.req.query('state');
      const list = sim.state.deliveries.filter(
        (d) => (!topic || d.topic === topic) && (!state || d.state === state),
      );
      return sendRaw(200, { deliveries: list.map(deliveryView) });
    })
    .get('/__admin/deliveries/:id', (c) => {
      const delivery = sim.state.deliveries.find((d) => d.id === c.req.param('id'));
      return delivery ? sendRaw(200, { delivery: deliveryView(delivery) }) : notFound();
    })
    .post('/__admin/deliveries/flush', async (c) => {
      const body = await adminBody(c);
      if (body instanceof Response) return body;
      if (body.drain === true) await handle.deliveries.drain();
      else await handle.deliveries.flush();
      const counts: Record<string, number> = { scheduled: 0, delivered: 0, failed: 0, dropped: 0 };
      for (const d of sim.state.deliveries) counts[d.state] = (counts[d.state] ?? 0) + 1;
      return sendJson(200, counts);
    });
}
