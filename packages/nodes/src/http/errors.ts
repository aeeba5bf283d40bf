/**
 * Failures of the outbound HTTP stack that callers classify themselves: a generic HTTP step
 * treats them differently from a payment connector, so the stack does not decide retry policy.
 */

/** The target (or a redirect hop) resolved to an address the policy refuses. */
export class BlockedAddressError extends Error {
  readonly host: string;
  readonly address: string;
  readonly reason: string;
  constructor(host: string, address: string, reason: string) {
    super(`refusing to connect to ${host} (${address}): ${reason}`);
    this.name = 'BlockedAddressError';
    this.host = host;
    this.address = address;
    this.reason = reason;
  }
}

/** The response body exceeded the configured limit; reading stopped there. */
export class ResponseTooLargeError extends Error {
  readonly limitBytes: number;
  constructor(limitBytes: number) {
    super(`response body exceeds ${limitBytes} bytes`);
    this.name = 'ResponseTooLargeError';
    this.limitBytes = limitBytes;
  }
}

/** A redirect that cannot be followed: too many hops, a bad Location, or a non-HTTP scheme. */
export class RedirectError extends Error {
  readonly code: 'TOO_MANY_REDIRECTS' | 'BAD_REDIRECT';
  constructor(code: RedirectError['code'], message: string) {
    super(message);
    this.name = 'RedirectError';
    this.code = code;
  }
}

/** Finds an error of the given class in a chain of causes (undici may wrap what we threw). */
export function findCause<E extends Error>(
  err: unknown,
  type: abstract new (...args: never[]) => E,
): E | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 8 && current !== undefined && current !== null; depth++) {
    if (current instanceof type) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
