import { BusinessError, PermanentError, TransientError, type NodeError } from '@paybridge/engine';
import {
  BlockedAddressError,
  findCause,
  RedirectError,
  ResponseTooLargeError,
} from '../../http/errors';
import { parseRetryAfter } from '../../http/retry-after';
import type { HttpResponseOutput } from './definition';

/** Which of the two abort reasons fired, if any. */
export interface AbortState {
  timedOut: boolean;
  cancelled: boolean;
}

/**
 * Maps a failure to send to the engine's error classes. Messages name the host only, never the
 * full URL: query strings often carry API keys, and these messages land in run history.
 */
export function classifyFailure(err: unknown, host: string, aborts: AbortState): NodeError {
  const blocked = findCause(err, BlockedAddressError);
  if (blocked) {
    return new PermanentError(
      'SSRF_BLOCKED',
      `Blocked request to ${blocked.host}: ${blocked.reason} ${blocked.address} is not allowed ` +
        '(an administrator can allow its network in the private-network allow-list)',
      { details: { host: blocked.host, address: blocked.address, reason: blocked.reason } },
    );
  }
  const tooLarge = findCause(err, ResponseTooLargeError);
  if (tooLarge) {
    return new PermanentError(
      'HTTP_RESPONSE_TOO_LARGE',
      `Response from ${host}: ${tooLarge.message}`,
      {
        details: { limitBytes: tooLarge.limitBytes },
      },
    );
  }
  const redirect = findCause(err, RedirectError);
  if (redirect) {
    return new PermanentError(`HTTP_${redirect.code}`, `Request to ${host}: ${redirect.message}`);
  }
  if (aborts.timedOut) {
    return new TransientError('HTTP_TIMEOUT', `Request to ${host} timed out`, { cause: err });
  }
  if (aborts.cancelled) {
    return new TransientError('HTTP_CANCELLED', `Request to ${host} was cancelled`, { cause: err });
  }
  const code = (err as { code?: unknown }).code;
  if (code === 'UND_ERR_INVALID_ARG') {
    const message = err instanceof Error ? err.message : String(err);
    return new PermanentError('HTTP_INVALID_REQUEST', `Request to ${host} is invalid: ${message}`);
  }
  const reason = typeof code === 'string' ? code : err instanceof Error ? err.message : String(err);
  return new TransientError('HTTP_NETWORK', `Request to ${host} failed: ${reason}`, { cause: err });
}

/**
 * Decides what a response means. 429 and 5xx are worth retrying (with the server's Retry-After);
 * other 4xx are the remote side's answer and go to the error port, unless the flow asked to handle
 * them itself. Everything else is the node's output.
 */
export function classifyResponse(
  response: HttpResponseOutput,
  host: string,
  failOnHttpError: boolean,
  now: Date,
): NodeError | undefined {
  const { status } = response;
  const code = `HTTP_${status}`;
  if (status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(response.headers['retry-after'], now);
    return new TransientError(code, `${host} answered ${status}`, {
      details: { status, body: response.body },
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  if (status >= 400 && failOnHttpError) {
    return new BusinessError(code, `${host} answered ${status}`, { details: response });
  }
  return undefined;
}
