/**
 * A seam for watching connectors' outbound calls (latency, outcome, tracing) without this
 * package knowing any metrics or tracing library: the runtime installs one observer per process,
 * and every shared sender reports through it. Without an observer a call costs one null check.
 *
 * @module
 */

/** One outbound call as an observer sees it; no URL path, query or header (they may hold ids or secrets). */
export interface OutboundCall {
  /** Low-cardinality name of the service, e.g. `paytrace`, `shopify`, `quickbooks`, `http`. */
  readonly service: string;
  readonly method: string;
  /** Host (and port) called. */
  readonly host: string;
}

/** How a call ended: the HTTP status it got, or the code of the error that stopped it. */
export type OutboundResult = { readonly status: number } | { readonly error: string };

/** Told of each call when it starts; the function it returns is called once when it ends. */
export interface OutboundObserver {
  start(call: OutboundCall): (result: OutboundResult) => void;
}

let current: OutboundObserver | null = null;

/**
 * Installs the process's observer (null removes it) and returns the one it replaced, so a caller
 * that stops can put it back.
 */
export function setOutboundObserver(observer: OutboundObserver | null): OutboundObserver | null {
  const previous = current;
  current = observer;
  return previous;
}

/** Code of an error for an observer: its own `code`, else its cause's, else `ERROR`. */
function errorCode(err: unknown): string {
  let value: unknown = err;
  for (let depth = 0; depth < 4 && value !== null && typeof value === 'object'; depth++) {
    const code = (value as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    value = (value as { cause?: unknown }).cause;
  }
  return 'ERROR';
}

/**
 * Runs one outbound call under the installed observer. `statusOf` reads the HTTP status from the
 * answer. Used by the shared senders only (post-once, send-request, the QuickBooks client), so
 * each connector is observed at one place.
 */
export async function observeOutbound<T>(
  call: OutboundCall,
  send: () => Promise<T>,
  statusOf: (answer: T) => number,
): Promise<T> {
  const observer = current;
  if (observer === null) return send();
  const end = observer.start(call);
  try {
    const answer = await send();
    end({ status: statusOf(answer) });
    return answer;
  } catch (err) {
    end({ error: errorCode(err) });
    throw err;
  }
}
