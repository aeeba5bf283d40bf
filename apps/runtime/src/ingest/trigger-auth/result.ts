/**
 * Why a trigger request was refused. Only ever logged (with the path), never told to the caller:
 * every refusal answers the same 401, so probing reveals nothing about which check failed.
 */
export type AuthFailure =
  /** The client address is not in the trigger's IP allow-list. */
  | 'ip-not-allowed'
  /** The credential or signature header is absent or unreadable. */
  | 'credentials-missing'
  /** A credential or signature was given and is wrong. */
  | 'credentials-invalid'
  /** A signed timestamp outside the tolerance window (stale or from the future). */
  | 'timestamp-out-of-tolerance'
  /** The trigger names a connection that is missing, of the wrong type, or holds unusable values. */
  | 'connection-unavailable'
  /** The trigger's stored security settings do not parse; it refuses everything until re-saved. */
  | 'trigger-misconfigured';

/**
 * Outcome of checking a request. `deliveryId` is the sender's id for this delivery when the
 * method has one (Standard Webhooks `webhook-id`, Shopify `X-Shopify-Webhook-Id`): ingress stores
 * it as the event's external id, so a redelivery or replay creates no second run.
 */
export type AuthResult = { ok: true; deliveryId?: string } | { ok: false; failure: AuthFailure };

/** What every verifier reads: lower-cased headers and the exact bytes received. */
export interface SignedRequest {
  headers: Readonly<Record<string, string>>;
  body: Buffer;
}

/** A refusal; keeps the verifiers' return statements short. */
export function refuse(failure: AuthFailure): AuthResult {
  return { ok: false, failure };
}

/**
 * Visible ASCII, 1-255 characters: what a delivery id may be before it becomes an event's
 * external id (the same rule as `Idempotency-Key`).
 */
export function isDeliveryId(value: string | undefined): value is string {
  return value !== undefined && /^[\x21-\x7e]{1,255}$/.test(value);
}
