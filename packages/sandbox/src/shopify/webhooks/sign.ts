/**
 * Webhook signatures as Shopify makes them: base64 HMAC-SHA256 of the exact body bytes, keyed
 * with the app's client secret, in `X-Shopify-Hmac-Sha256`. `verifyWebhook` is the receiver's
 * side, for tests and demos (constant-time compare of the decoded digests).
 * @module
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Base64 HMAC-SHA256 of the raw body. */
export function signWebhook(body: string | Uint8Array, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

/** Whether `header` is the signature of the raw body bytes. */
export function verifyWebhook(
  body: string | Uint8Array,
  header: string | null | undefined,
  secret: string,
): boolean {
  if (!header) return false;
  const expected = createHmac('sha256', secret).update(body).digest();
  const given = Buffer.from(header, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
