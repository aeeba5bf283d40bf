/**
 * Admin routes that steer the simulator: shop and demo credentials, reset, settings (plan,
 * delivery semantics, …), the clock, and token expiry.
 * @module
 */
import { Hono } from 'hono';
import type { ShopContext } from '../context.js';
import { seededRandom } from '../core/random.js';
import type { ShopifySimulatorHandle } from '../handle.js';
import { sendJson } from '../http/reply.js';
import { bucketLimits, type ShopifySimulatorSettings } from '../settings.js';
import { adminBody } from './respond.js';

/** Routes under `/__admin` for control. */
export function controlRoutes(
  sim: ShopContext,
  handle: ShopifySimulatorHandle,
  onSettingsChange: () => void,
): Hono {
  return new Hono()
    .get('/__admin/shop', () =>
      sendJson(200, {
        shop_domain: sim.credentials.shopDomain,
        access_tokens: sim.credentials.accessTokens,
        client_id: sim.credentials.clientId,
        now: new Date(sim.now()).toISOString(),
        plan: sim.settings.plan,
        bucket: bucketLimits(sim.settings),
      }),
    )
    .post('/__admin/reset', () => {
      handle.reset();
      return sendJson(200, { reset: true });
    })
    .get('/__admin/settings', () => sendJson(200, { ...sim.settings }))
    .patch('/__admin/settings', async (c) => {
      const body = await adminBody(c);
      if (body instanceof Response) return body;
      const unknown = Object.keys(body).filter((k) => !(k in sim.settings));
      if (unknown.length > 0)
        return sendJson(422, { errors: { settings: unknown.map((k) => `${k} is unknown`) } });
      Object.assign(sim.settings, body as Partial<ShopifySimulatorSettings>);
      if ('seed' in body) sim.state.random = seededRandom(sim.settings.seed);
      onSettingsChange();
      return sendJson(200, { ...sim.settings });
    })
    .post('/__admin/clock', async (c) => {
      const body = await adminBody(c);
      if (body instanceof Response) return body;
      const seconds = typeof body.advance_seconds === 'number' ? body.advance_seconds : 0;
      handle.advanceClock(seconds * 1000);
      return sendJson(200, { now: new Date(sim.now()).toISOString() });
    })
    .post('/__admin/tokens/expire', () => {
      handle.expireTokens();
      return sendJson(200, { expired: true });
    });
}
