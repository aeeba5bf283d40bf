/**
 * One HTTP POST to PayTrace: the shared single-attempt transport with PayTrace's error types, so
 * a failure before any connection (nothing reached PayTrace) is told apart from one after it (the
 * charge may have happened).
 *
 * @module
 */
import { postOnce as post, type TransportOptions } from '../../http/post-once';
import { PaytraceNotSentError, PaytraceOutcomeUnknownError } from './errors';

export type { TransportOptions } from '../../http/post-once';

/** A request ready for the wire. */
export interface WireRequest {
  readonly url: URL;
  readonly contentType: 'application/json' | 'application/x-www-form-urlencoded';
  readonly body: string;
  readonly bearer?: string;
}

/** The answer as received; the body is read whatever the status. */
export interface WireAnswer {
  readonly status: number;
  readonly retryAfter: string | undefined;
  readonly text: string;
}

/** Largest answer read; a month of transactions is a few MB. */
export const MAX_ANSWER_BYTES = 32 * 1024 * 1024;

const PAYTRACE = {
  codePrefix: 'PAYTRACE',
  label: 'PayTrace',
  maxAnswerBytes: MAX_ANSWER_BYTES,
  notSent: (code: string, message: string, options: { cause: unknown }) =>
    new PaytraceNotSentError(code, message, options),
  outcomeUnknown: (code: string, message: string, options: { cause: unknown }) =>
    new PaytraceOutcomeUnknownError(code, message, options),
};

/**
 * POSTs once (no redirects, no retries) and returns the status and body text. Throws
 * {@link PaytraceNotSentError}, {@link PaytraceOutcomeUnknownError} or a PermanentError (blocked
 * address, malformed request). Messages name the host only.
 */
export async function postOnce(wire: WireRequest, options: TransportOptions): Promise<WireAnswer> {
  const answer = await post(
    PAYTRACE,
    wire.url,
    {
      'content-type': wire.contentType,
      ...(wire.bearer === undefined ? {} : { authorization: `Bearer ${wire.bearer}` }),
    },
    wire.body,
    options,
  );
  return { status: answer.status, retryAfter: answer.headers['retry-after'], text: answer.text };
}
