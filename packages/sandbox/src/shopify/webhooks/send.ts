/**
 * One HTTP attempt of a webhook delivery: POST the frozen body with Shopify's headers, count only
 * a 2xx answer as success (redirects are not followed and count as failures), and give up after
 * the total timeout (Shopify: 5 s), which also counts as a failure.
 * @module
 */

/**
 * What sends a delivery: `fetch` by default. A host that serves the simulator to others injects
 * one that enforces its outbound network policy, so subscriptions cannot aim the store at its
 * private network. It must not follow redirects (`redirect: 'manual'` is passed).
 */
export type WebhookFetch = (
  uri: string,
  init: {
    method: 'POST';
    headers: Record<string, string>;
    body: string;
    redirect: 'manual';
    signal: AbortSignal;
  },
) => Promise<{ status: number; arrayBuffer(): Promise<ArrayBuffer> }>;

/** What one attempt came to. */
export interface AttemptOutcome {
  status: number | null;
  error: string | null;
  durationMs: number;
}

/** Sends one attempt; never throws. */
export async function sendAttempt(
  uri: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  send: WebhookFetch = fetch,
): Promise<AttemptOutcome> {
  const started = performance.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await send(uri, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: controller.signal,
    });
    await response.arrayBuffer();
    const ok = response.status >= 200 && response.status < 300;
    const redirect = response.status >= 300 && response.status < 400;
    return {
      status: response.status,
      error: ok ? null : `${redirect ? 'redirect' : 'status'} ${response.status}`,
      durationMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    const timedOut = controller.signal.aborted;
    return {
      status: null,
      error: timedOut ? 'timeout' : describe(error),
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    clearTimeout(timer);
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  if (cause?.code) return cause.code;
  return error instanceof Error ? error.message : String(error);
}
