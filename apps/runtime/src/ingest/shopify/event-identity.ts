/**
 * Topics that happen once per resource: an order is created once and becomes paid once, a refund
 * or a dispute is created once. Their identity needs no version stamp, and must not have one: a
 * missed `orders/create` found later by the poller carries the order's *current* `updated_at`,
 * and a charge flow started on creation must still see one event per order.
 */
const ONCE_PER_RESOURCE = new Set([
  'orders/create',
  'orders/paid',
  'refunds/create',
  'disputes/create',
]);

/**
 * The identity of a Shopify change, independent of how it was delivered: topic, resource id and,
 * for topics that repeat, the resource's version stamp (`updated_at`; status and its dates for
 * disputes, which carry no `updated_at`). Shopify may deliver one change several times with
 * different `X-Shopify-Webhook-Id`s (retries, duplicate subscriptions), and the reconciliation
 * poller finds the same changes again: all of them map to one identity, so one run. Returns null
 * when the body lacks what is needed; the delivery id alone then dedupes.
 */
export function shopifyEventIdentity(topic: string, body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const record = body as Record<string, unknown>;
  const id = record.id;
  if (typeof id !== 'string' && typeof id !== 'number') return null;
  if (ONCE_PER_RESOURCE.has(topic)) return `${topic}:${String(id)}`;
  if (topic.startsWith('disputes/')) {
    const status = record.status;
    if (typeof status !== 'string') return null;
    const parts = [status, record.evidence_sent_on, record.finalized_on].map((v) =>
      typeof v === 'string' ? v : '',
    );
    return `${topic}:${String(id)}:${parts.join('|')}`;
  }
  const stamp = record.updated_at;
  if (typeof stamp !== 'string' || stamp === '') return null;
  // Normalise the offset form ("-05:00" vs "Z") so the poller's UTC stamps match webhooks'.
  const at = new Date(stamp);
  const normalised = Number.isNaN(at.getTime()) ? stamp : at.toISOString();
  return `${topic}:${String(id)}:${normalised}`;
}
