/**
 * What an Admin API answer means for the call that got it, decided from the status and the
 * GraphQL envelope alone. Pure; the client acts on the verdict (waits, renews the token, hands a
 * mutation's unknown outcome to its caller, or reads the data).
 *
 * @module
 */
import { PermanentError } from '@paybridge/engine';
import { errorCodes, errorMessages, readEnvelope, type GraphqlEnvelope } from './envelope';
import type { WireAnswer } from './transport';
import { retryAfterMs } from './waits';

/** The verdict on one answer. */
export type Verdict =
  /** A GraphQL answer without errors: check `data` against the operation. */
  | { readonly kind: 'data'; readonly envelope: GraphqlEnvelope }
  /** Shopify refused to run it now (429): nothing happened; resend after the wait. */
  | { readonly kind: 'rate-limited'; readonly waitMs: number | undefined }
  /** `THROTTLED`: nothing happened; resend once the cost bucket holds the cost again. */
  | { readonly kind: 'throttled'; readonly waitMs: number }
  /** The token was refused (401/403): a renewable token may be renewed once. */
  | { readonly kind: 'refused-token'; readonly error: PermanentError }
  /** Shopify failed on its side (5xx, an internal error, an unreadable body): a query may be
   * repeated; a mutation may have been applied. */
  | {
      readonly kind: 'server-failure';
      readonly code: string;
      readonly message: string;
      readonly waitMs: number | undefined;
    }
  /** A definite refusal: retrying cannot help. */
  | { readonly kind: 'fail'; readonly error: PermanentError };

/** Codes of `errors` that mean Shopify did not finish the request on its side. */
const SERVER_SIDE_CODES = new Set(['INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE', 'TIMEOUT']);

function httpErrorText(answer: WireAnswer, envelope: GraphqlEnvelope | undefined): string {
  if (envelope) return errorMessages(envelope);
  const text = answer.text.trim().slice(0, 200);
  return text === '' ? 'no body' : text;
}

/**
 * How long a throttled request waits: until the bucket holds its requested cost again,
 * `(requested − currentlyAvailable) / restoreRate` seconds, and at least 100 ms.
 */
export function throttleWaitMs(envelope: GraphqlEnvelope, fallbackCost: number): number {
  const status = envelope.throttle;
  if (!status) return 1000;
  const requested = Math.min(envelope.requestedCost ?? fallbackCost, status.maximumAvailable);
  const seconds = (requested - status.currentlyAvailable) / status.restoreRate;
  return Math.max(100, Math.ceil(seconds * 1000));
}

/** Judges `answer` to `operation` (named in messages), which costs about `cost` points. */
export function judgeAnswer(
  answer: WireAnswer,
  operation: string,
  cost: number,
  now: Date,
): Verdict {
  const envelope = readEnvelope(answer.text);
  const { status } = answer;
  if (status === 429) {
    return { kind: 'rate-limited', waitMs: retryAfterMs(answer.headers['retry-after'], now) };
  }
  if (status === 401) {
    const message = `Shopify refused the access token: ${httpErrorText(answer, envelope)}`;
    return { kind: 'refused-token', error: new PermanentError('SHOPIFY_UNAUTHORIZED', message) };
  }
  if (status === 403) {
    const message = `Shopify refused access (a missing scope?): ${httpErrorText(answer, envelope)}`;
    return { kind: 'refused-token', error: new PermanentError('SHOPIFY_FORBIDDEN', message) };
  }
  if (status >= 500) {
    return {
      kind: 'server-failure',
      code: `SHOPIFY_HTTP_${status}`,
      message: `Shopify answered ${status}`,
      waitMs: retryAfterMs(answer.headers['retry-after'], now),
    };
  }
  if (status !== 200) {
    const message = `Shopify answered ${status}: ${httpErrorText(answer, envelope)}`;
    return { kind: 'fail', error: new PermanentError(`SHOPIFY_HTTP_${status}`, message) };
  }
  if (envelope === undefined) {
    return {
      kind: 'server-failure',
      code: 'SHOPIFY_ANSWER_UNREADABLE',
      message: `Shopify answered with a body that is not GraphQL JSON`,
      waitMs: undefined,
    };
  }
  const codes = errorCodes(envelope);
  if (codes.includes('THROTTLED'))
    return { kind: 'throttled', waitMs: throttleWaitMs(envelope, cost) };
  if (codes.some((code) => SERVER_SIDE_CODES.has(code))) {
    return {
      kind: 'server-failure',
      code: 'SHOPIFY_INTERNAL_ERROR',
      message: `Shopify failed on its side: ${errorMessages(envelope)}`,
      waitMs: undefined,
    };
  }
  if (envelope.errors.length > 0 || envelope.errorText !== undefined) {
    const error = new PermanentError(
      'SHOPIFY_GRAPHQL_ERROR',
      `Shopify refused ${operation}: ${errorMessages(envelope)}`,
      {
        details: {
          errors: envelope.errors.map((e) => ({
            message: e.message,
            code: e.extensions?.code ?? null,
            path: e.path ?? null,
          })),
        },
      },
    );
    return { kind: 'fail', error };
  }
  return { kind: 'data', envelope };
}
