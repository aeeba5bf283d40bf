/**
 * One HTTP POST to Shopify: the shared single-attempt transport with Shopify's error types, so a
 * failure before any connection (nothing reached Shopify) is told apart from one after it (the
 * mutation may have been applied).
 *
 * @module
 */
import { postOnce as post, type RawAnswer, type TransportOptions } from '../../http/post-once';
import { ShopifyNotSentError, ShopifyOutcomeUnknownError } from './errors';

export type { TransportOptions } from '../../http/post-once';

/** A request ready for the wire. Headers may hold the access token: never log them. */
export interface WireRequest {
  readonly url: URL;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** The answer as received; the body is read whatever the status. */
export type WireAnswer = RawAnswer;

/** Largest answer read: 250 orders with their fields stay far below this. */
export const MAX_ANSWER_BYTES = 16 * 1024 * 1024;

const SHOPIFY = {
  codePrefix: 'SHOPIFY',
  label: 'Shopify',
  maxAnswerBytes: MAX_ANSWER_BYTES,
  notSent: (code: string, message: string, options: { cause: unknown }) =>
    new ShopifyNotSentError(code, message, options),
  outcomeUnknown: (code: string, message: string, options: { cause: unknown }) =>
    new ShopifyOutcomeUnknownError(code, message, options),
};

/**
 * POSTs once and returns status, headers and body text. Throws {@link ShopifyNotSentError},
 * {@link ShopifyOutcomeUnknownError} or a PermanentError (blocked address, malformed request).
 */
export function postOnce(wire: WireRequest, options: TransportOptions): Promise<WireAnswer> {
  return post(
    SHOPIFY,
    wire.url,
    { 'content-type': 'application/json', ...wire.headers },
    wire.body,
    options,
  );
}
