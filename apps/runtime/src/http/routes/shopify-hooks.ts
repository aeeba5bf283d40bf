import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { unavailableResponse } from '../../ingest/database-unavailable';
import { verifyTriggerRequest } from '../../ingest/trigger-auth';
import { ingestShopifyEvent } from '../../ingest/shopify/ingest-shopify-event';
import { rateLimitedResponse } from '../../ingest/ingress-rate-limiter';
import { findCardData } from '../../ingest/card-data-guard';
import { parseJsonText } from '../../ingest/json-text';
import { parseShopifyJson } from '../../ingest/shopify/shopify-json';
import type { AuthFailure } from '../../ingest/trigger-auth/result';
import { ApiError, errorBody } from '../api-error';
import type { AppDeps } from '../app-deps';
import { readRawBody, requestHeaders } from '../raw-body';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DELIVERY_ID = /^[\x21-\x7e]{1,255}$/;

/**
 * Shopify webhook ingress at `/hooks/shopify/<connection id>`, one URL per store for every
 * topic. In order: the connection's secrets (cached), the HMAC over the raw bytes and the shop
 * domain, and only then the body, parsed without losing ids. The delivery is stored with one run
 * per active flow subscribed to its topic (and gateway), deduplicated twice: on
 * `X-Shopify-Webhook-Id` (with the same bytes: a reused id with another body is a new event) and
 * on the change's identity (topic, resource id, version stamp), so a retry, a duplicate
 * subscription or a replayed body starts nothing new. Shopify hears 200 only once that is
 * committed; it gives up after 5 s, which one group-committed insert never nears. A delivery no
 * flow takes is answered 200 `ignored` and recorded with the reason (`/api/events/unmatched`);
 * one that cannot be stored because the database is down is answered 503 with `Retry-After`,
 * so Shopify delivers it again. Authentic deliveries beyond the store's rate limit
 * (`PAYBRIDGE_SHOPIFY_WEBHOOK_RATE_PER_MINUTE`, shared by every API process) are answered 429 with
 * `Retry-After` and store nothing; Shopify delivers them again later.
 */
export function shopifyHookRoutes(deps: AppDeps) {
  const limit = deps.env.PAYBRIDGE_BODY_LIMIT_BYTES;
  const perMinute = deps.env.PAYBRIDGE_SHOPIFY_WEBHOOK_RATE_PER_MINUTE;
  const rateLimit = {
    perMinute,
    burst: deps.env.PAYBRIDGE_SHOPIFY_WEBHOOK_BURST ?? Math.max(1, perMinute),
  };
  const refuse = (connectionId: string, reason: AuthFailure) => {
    deps.logger.warn('Shopify webhook refused', { connectionId, reason });
    return errorBody('UNAUTHORIZED', 'Request authentication failed');
  };
  const handle = async (c: Context) => {
    const connectionId = c.req.param('connectionId') ?? '';
    if (!UUID.test(connectionId))
      return c.json(refuse(connectionId, 'connection-unavailable'), 401);
    const bytes = await readRawBody(c, limit);
    const credentials = await deps.triggers.credentials(
      'shopify-store',
      connectionId,
      deps.connections,
    );
    if (!credentials) return c.json(refuse(connectionId, 'connection-unavailable'), 401);
    const headers = requestHeaders(c);
    const auth = verifyTriggerRequest(credentials, { headers, body: bytes }, Date.now());
    if (!auth.ok) return c.json(refuse(connectionId, auth.failure), 401);
    const allowed = await deps.ingressLimits.take(`shopify:${connectionId}`, rateLimit);
    if (!allowed.ok)
      return rateLimitedResponse(c, deps.logger, 'Shopify webhook', rateLimit, allowed);

    const topic = headers['x-shopify-topic'];
    const webhookId = headers['x-shopify-webhook-id'];
    if (!topic || !webhookId || !DELIVERY_ID.test(webhookId)) {
      throw new ApiError(
        400,
        'MISSING_HEADER',
        'X-Shopify-Topic and X-Shopify-Webhook-Id are required (visible ASCII, at most 255 characters)',
      );
    }
    const body = parseJsonText(bytes.toString('utf8'), parseShopifyJson);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new ApiError(400, 'MALFORMED_JSON', 'Body must be a JSON object');
    }
    // Only card-named fields count (order ids are long digit strings that may pass Luhn). A
    // refused delivery is answered 200: Shopify would resend a non-2xx one for 48 h and then drop
    // the subscription, losing every later order, while the same body is refused every time.
    const cardField = findCardData(body, 'body');
    if (cardField) {
      deps.logger.warn('Shopify webhook refused: it holds card data; nothing stored', {
        connectionId,
        topic,
        webhookId,
        field: cardField,
      });
      return c.json({
        status: 'refused',
        code: 'CARD_DATA_REFUSED',
        message: `Field ${cardField} holds card data; Paybridge never stores card numbers or security codes, so nothing was stored`,
      });
    }

    const result = await ingestShopifyEvent(
      deps.ingest,
      await deps.triggers.shopifySubscribers(connectionId),
      {
        connectionId,
        topic,
        body: body as Record<string, unknown>,
        deliveryId: webhookId,
        bodyHash: createHash('sha256').update(bytes).digest('hex'),
        shopDomain: headers['x-shopify-shop-domain'] ?? '',
        apiVersion: headers['x-shopify-api-version'] ?? '',
        triggeredAt: headers['x-shopify-triggered-at'] ?? null,
        source: 'webhook',
      },
    );
    if (result.kind === 'unmatched') {
      // Shopify retries anything but 2xx, and removes failing subscriptions: say "fine, nothing
      // to do" rather than an error for a topic or gateway no active flow wants. The reason is
      // recorded and counted, and logged here.
      deps.logger.info('Shopify event matched no flow', {
        connectionId,
        topic,
        webhookId,
        reason: result.reason,
        message: result.message,
      });
      return c.json({ status: 'ignored', reason: result.reason, message: result.message });
    }
    if (result.kind === 'created' && result.reusedDeliveryId) {
      deps.logger.warn('Shopify reused a webhook id for another body; stored as a new event', {
        connectionId,
        topic,
        webhookId,
        eventId: result.eventId,
        previousEventId: result.reusedDeliveryId.previousEventId,
      });
    }
    if (result.kind === 'conflict') {
      // Identity keys hash to themselves, so a conflict cannot happen; be explicit if it does.
      throw new ApiError(409, 'EVENT_CONFLICT', 'This change was already stored differently');
    }
    return c.json({
      status: result.kind === 'duplicate' ? 'duplicate' : 'accepted',
      eventId: result.eventId,
      runIds: result.runIds,
    });
  };
  return new Hono().post('/hooks/shopify/:connectionId', async (c) => {
    try {
      return await handle(c);
    } catch (err) {
      return unavailableResponse(c, err, deps.logger, 'Shopify webhook');
    }
  });
}
