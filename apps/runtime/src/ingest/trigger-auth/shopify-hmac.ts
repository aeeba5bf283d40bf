import { createHmac } from 'node:crypto';
import { safeEqualAny } from './constant-time';
import { isDeliveryId, refuse, type AuthResult, type SignedRequest } from './result';

/** Shopify's signature of a webhook body: base64 HMAC-SHA256 keyed with the app client secret. */
export function shopifyHmac(secret: string, body: Buffer): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

/**
 * Verifies `X-Shopify-Hmac-Sha256` on the raw bytes, against the current secret and, after a
 * rotation, the previous one (Shopify may keep signing with it for up to an hour). Shopify signs
 * no timestamp, so replays are stopped by dedupe: `X-Shopify-Webhook-Id`, when present, becomes
 * the delivery id. It is not covered by the HMAC; changing it only makes a replay of a captured
 * body count as a new delivery, which the signature alone cannot prevent anyway.
 */
export function verifyShopifyHmac(request: SignedRequest, secrets: readonly string[]): AuthResult {
  const header = request.headers['x-shopify-hmac-sha256'];
  if (!header) return refuse('credentials-missing');
  const expected = secrets.map((secret) => shopifyHmac(secret, request.body));
  if (!safeEqualAny(header, expected)) return refuse('credentials-invalid');
  const webhookId = request.headers['x-shopify-webhook-id'];
  return isDeliveryId(webhookId) ? { ok: true, deliveryId: webhookId } : { ok: true };
}

/**
 * A webhook of one Shopify connection: the HMAC as above, and the shop it claims to come from
 * must be the connection's store. The shop header is not signed, but a delivery signed with this
 * app's secret and naming another shop is either a misrouted subscription or a forgery; either
 * way it is not this store's event.
 */
export function verifyShopifyStore(
  request: SignedRequest,
  secrets: readonly string[],
  shopDomain: string,
): AuthResult {
  const result = verifyShopifyHmac(request, secrets);
  if (!result.ok) return result;
  const shop = request.headers['x-shopify-shop-domain'];
  if (shop === undefined) return refuse('credentials-missing');
  return shop.trim().toLowerCase() === shopDomain ? result : refuse('credentials-invalid');
}
