/**
 * The failures of a Shopify call, sorted by the question a retry has to answer: could the
 * request have changed the store? Everything here is one of the engine's error classes, so a node
 * may let it through unchanged.
 *
 * @module
 */
import { BusinessError, TransientError } from '@paybridge/engine';

type ErrorOptions = ConstructorParameters<typeof TransientError>[2];

/**
 * Shopify certainly did not act on the request (connection refused, throttled, 429), and trying
 * again later may work. Safe to resend, mutations included.
 */
export class ShopifyNotSentError extends TransientError {
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(code, message, options);
    this.name = 'ShopifyNotSentError';
  }
}

/**
 * A mutation may have been applied but its answer was lost (a timeout after sending, a reset
 * connection, a 5xx). Never resend it blindly: read the resource's state first.
 */
export class ShopifyOutcomeUnknownError extends TransientError {
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(code, message, options);
    this.name = 'ShopifyOutcomeUnknownError';
  }
}

/** One entry of a mutation's `userErrors`, as Shopify sent it. */
export interface ShopifyUserErrorEntry {
  /** Path to the input field at fault, e.g. `["metafields", "0", "key"]`; null for the whole input. */
  readonly field: readonly string[] | null;
  readonly message: string;
  /** Present on payloads whose error type has a code (`MetafieldsSetUserError`, …). */
  readonly code?: string | null;
}

/** `metafields.0.key: Key is too short` — the field path and Shopify's message. */
export function describeUserError(entry: ShopifyUserErrorEntry): string {
  const field = entry.field && entry.field.length > 0 ? `${entry.field.join('.')}: ` : '';
  return `${field}${entry.message}`;
}

/**
 * Shopify refused a mutation in `userErrors`: nothing was changed (Shopify validates before it
 * writes), and the same request would be refused again. A business outcome, so it follows the
 * node's error port; `details.userErrors` carries every field and message.
 */
export class ShopifyUserError extends BusinessError {
  readonly userErrors: readonly ShopifyUserErrorEntry[];
  readonly operation: string;
  constructor(operation: string, userErrors: readonly ShopifyUserErrorEntry[]) {
    super(
      'SHOPIFY_USER_ERROR',
      `Shopify refused ${operation}: ${userErrors.map(describeUserError).join('; ')}`,
      { details: { operation, userErrors } },
    );
    this.name = 'ShopifyUserError';
    this.userErrors = userErrors;
    this.operation = operation;
  }
}
