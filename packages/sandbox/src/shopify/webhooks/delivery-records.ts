/**
 * The delivery log: one record per webhook delivery (one event × one subscription), with its
 * frozen body and every attempt. Retries resend the body as it was at trigger time, to the address
 * it had then, as Shopify does since 2024-09.
 * @module
 */
import type { WebhookTopic } from '../store/records.js';

/** One HTTP attempt of a delivery. */
export interface SimDeliveryAttempt {
  /** When it was sent (simulated clock, epoch ms). */
  at: number;
  /** The `X-Shopify-Webhook-Id` sent with it. */
  webhookId: string;
  /** HTTP status answered, or `null` when none came (timeout, refused connection). */
  status: number | null;
  /** Why it failed (`timeout`, `status 500`, `redirect 302`, a network error), or `null`. */
  error: string | null;
  /** Wall-clock time the receiver took. */
  durationMs: number;
}

/** Where a delivery stands. */
export type DeliveryState = 'scheduled' | 'delivered' | 'failed' | 'dropped';

/** One delivery of one event to one subscription. */
export interface SimDelivery {
  /** Log id (sequence number as text). */
  id: string;
  /** `X-Shopify-Webhook-Id` of the first attempt. */
  webhookId: string;
  /** `X-Shopify-Event-Id`: shared by every delivery caused by the same action. */
  eventId: string;
  topic: WebhookTopic;
  subscriptionId: string;
  /** Address at trigger time (retries keep it even if the subscription changes). */
  uri: string;
  apiVersion: string;
  /** The exact JSON text sent (and signed). */
  body: string;
  /** Base64 HMAC-SHA256 of `body` with the app secret. */
  hmac: string;
  /** `X-Shopify-Triggered-At` (epoch ms). */
  triggeredAt: number;
  /** Id of the resource (order id for order topics) for the legacy per-topic headers. */
  resourceId: string | null;
  test: boolean;
  state: DeliveryState;
  attempts: SimDeliveryAttempt[];
  /** When the next attempt is due, or `null` when none is. */
  nextAttemptAt: number | null;
  /** Held back on purpose to arrive out of order. */
  heldBack: boolean;
  /** Log id of the delivery this one duplicates, or `null`. */
  duplicateOf: string | null;
}
