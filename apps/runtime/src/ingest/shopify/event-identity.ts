/**
 * The identity of a Shopify change, independent of how it was delivered: topic, resource id and
 * the resource's own version stamp (`updated_at`; `created_at` for refunds, which never change;
 * status and its dates for disputes).
 * Shopify may deliver one change several times with different `X-Shopify-Webhook-Id`s (retries,
 * duplicate subscriptions), and the reconciliation poller finds the same changes again: all of
 * them map to one identity, so one run. Returns null when the body lacks what is needed; the
 * delivery id alone then dedupes.
 */
export function shopifyEventIdentity(topic: string, body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const record = body as Record<string, unknown>;
  const id = record.id;
  if (typeof id !== 'string' && typeof id !== 'number') return null;
  if (topic.startsWith('disputes/')) {
    // Disputes carry no updated_at; what changes is their status and its dates.
    const status = record.status;
    if (typeof status !== 'string') return null;
    const parts = [status, record.evidence_sent_on, record.finalized_on].map((v) =>
      typeof v === 'string' ? v : '',
    );
    return `${topic}:${String(id)}:${parts.join('|')}`;
  }
  const stamp = record.updated_at ?? record.created_at ?? record.processed_at;
  if (typeof stamp !== 'string' || stamp === '') return null;
  // Normalise the offset form ("-05:00" vs "Z") so the poller's UTC stamps match webhooks'.
  const at = new Date(stamp);
  const normalised = Number.isNaN(at.getTime()) ? stamp : at.toISOString();
  return `${topic}:${String(id)}:${normalised}`;
}
