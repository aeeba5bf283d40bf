import { createGuardedFetch } from '@paybridge/nodes/executors';
import type { ShopifyWebhookFetch } from '@paybridge/sandbox';

/** The sandbox store's webhook sender, and how the runtime names the one place it may skip it. */
export interface SandboxWebhookFetch {
  fetch: ShopifyWebhookFetch;
  /** Lets deliveries to exactly this URI (the runtime's own ingress) bypass the policy. */
  trust(uri: string): void;
  /** Lets waiting deliveries go on (to be refused or sent) so the store can stop. */
  release(): void;
  close(): Promise<void>;
}

/** How long a delivery due at start waits for the runtime to name its own ingress. */
const READY_TIMEOUT_MS = 10_000;

/**
 * Sends the sandbox store's webhooks under the outbound network policy of the HTTP-request node
 * (private, loopback, link-local and metadata addresses refused unless `PAYBRIDGE_HTTP_ALLOW_CIDRS`
 * admits them). Anyone with the store's public demo credentials can subscribe a URI; without
 * this, the server would post to its own loopback services and cloud metadata, and the delivery
 * log would report which internal ports answer. The one exception is the subscription the
 * runtime made itself, to its own ingress on loopback: that exact URI is sent unguarded.
 */
export function sandboxWebhookFetch(allowPrivateCidrs: readonly string[]): SandboxWebhookFetch {
  const guarded = createGuardedFetch({ allowPrivateCidrs });
  const trusted = new Set<string>();
  let markReady!: () => void;
  // Deliveries due at start wait until the runtime listens and names its ingress (or closes).
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
    setTimeout(resolve, READY_TIMEOUT_MS).unref();
  });
  return {
    async fetch(uri, init) {
      await ready;
      if (trusted.has(uri)) return fetch(uri, init);
      return guarded.fetch(uri, init);
    },
    trust(uri) {
      trusted.add(uri);
      markReady();
    },
    release: () => markReady(),
    async close() {
      markReady();
      await guarded.close();
    },
  };
}
