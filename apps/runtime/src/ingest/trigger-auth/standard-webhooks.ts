/**
 * Standard Webhooks 1.0 (standardwebhooks.com) symmetric signatures: HMAC-SHA256 over
 * `${webhook-id}.${webhook-timestamp}.${raw body}`, keyed with the base64 bytes after `whsec_`,
 * sent base64 as `v1,<sig>` entries (space-separated, several during a key rotation).
 *
 * @module
 */
import { createHmac } from 'node:crypto';
import { safeEqualAny } from './constant-time';
import { isDeliveryId, refuse, type AuthResult, type SignedRequest } from './result';

/** Seconds a signed timestamp may lie in the past or the future, as the reference libraries use. */
export const STANDARD_WEBHOOKS_TOLERANCE_S = 300;

/** More entries than any rotation needs: a longer list is refused rather than hashed through. */
const MAX_SIGNATURES = 16;

/** The HMAC key of a `whsec_...` secret (the prefix is optional, as in the reference libraries). */
export function standardWebhookKey(secret: string): Buffer {
  return Buffer.from(
    secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret,
    'base64',
  );
}

/**
 * The `v1,<base64>` signature of one message: what a sender puts in `webhook-signature`. Used to
 * verify, and by tests and anything Paybridge itself will send.
 *
 * @example
 * const sig = signStandardWebhook(key, 'msg_1', 1_700_000_000, Buffer.from('{"a":1}'));
 */
export function signStandardWebhook(key: Buffer, id: string, timestamp: number, body: Buffer) {
  const mac = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest('base64');
  return `v1,${mac}`;
}

/**
 * Verifies a Standard Webhooks delivery on its raw bytes. The id must be visible ASCII without
 * `.` (a dot would let id and timestamp trade characters inside the signed content), the
 * timestamp an integer within ±{@link STANDARD_WEBHOOKS_TOLERANCE_S} of `nowS`, and some `v1`
 * entry must match some key. On success the `webhook-id` is the delivery id ingress dedupes on,
 * which is what makes a replay inside the window harmless.
 */
export function verifyStandardWebhook(
  request: SignedRequest,
  keys: readonly Buffer[],
  nowS: number,
): AuthResult {
  const id = request.headers['webhook-id'];
  const timestamp = request.headers['webhook-timestamp'];
  const signatures = request.headers['webhook-signature'];
  if (!id || !timestamp || !signatures) return refuse('credentials-missing');
  if (!isDeliveryId(id) || id.includes('.') || !/^\d{1,12}$/.test(timestamp)) {
    return refuse('credentials-invalid');
  }
  const ts = Number(timestamp);
  if (Math.abs(nowS - ts) > STANDARD_WEBHOOKS_TOLERANCE_S) {
    return refuse('timestamp-out-of-tolerance');
  }
  const given = signatures
    .split(' ')
    .filter((entry) => entry.startsWith('v1,'))
    .map((entry) => entry.slice('v1,'.length));
  if (given.length === 0) return refuse('credentials-missing');
  if (given.length > MAX_SIGNATURES) return refuse('credentials-invalid');
  const expected = keys.map((key) => signStandardWebhook(key, id, ts, request.body).slice(3));
  let ok = false;
  for (const signature of given) ok = safeEqualAny(signature, expected) || ok;
  return ok ? { ok: true, deliveryId: id } : refuse('credentials-invalid');
}
