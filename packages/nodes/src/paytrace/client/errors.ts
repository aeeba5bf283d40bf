/**
 * The failures of a PayTrace call, sorted by the one question exactly-once cares about: could the
 * request have been processed? Everything the client throws is one of the engine's error classes,
 * so a node may let it through unchanged.
 *
 * @module
 */
import { PermanentError, TransientError } from '@paybridge/engine';

type ErrorOptions = ConstructorParameters<typeof TransientError>[2];

/**
 * The request certainly was not processed (connection refused, name not resolved, PayTrace
 * answered 429 or refused the token), and trying again later may work. Safe to retry as a new
 * attempt.
 */
export class PaytraceNotSentError extends TransientError {
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(code, message, options);
    this.name = 'PaytraceNotSentError';
  }
}

/**
 * The request may have been processed, but its answer was lost: a timeout after sending, a reset
 * connection, a 5xx, an answer that cannot be read. Never re-send blindly: look it up.
 */
export class PaytraceOutcomeUnknownError extends TransientError {
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(code, message, options);
    this.name = 'PaytraceOutcomeUnknownError';
  }
}

/** One entry of PayTrace's `errors` object: a numeric code and its messages. */
export interface PaytraceErrorEntry {
  /** PayTrace's error code (`816`, `171`), or `null` for OAuth-style errors without one. */
  readonly code: number | null;
  readonly messages: readonly string[];
}

/**
 * PayTrace answered and refused the request (`response_code` 1 with `errors`): nothing happened,
 * and sending the same request again would be refused again. Carries PayTrace's codes.
 */
export class PaytraceRefusedError extends PermanentError {
  readonly errors: readonly PaytraceErrorEntry[];
  constructor(errors: readonly PaytraceErrorEntry[], fallbackMessage: string) {
    const text = errors
      .map((entry) => `${entry.code ?? 'error'}: ${entry.messages.join(' ')}`)
      .join('; ');
    super('PAYTRACE_REFUSED', `PayTrace refused the request (${text || fallbackMessage})`, {
      details: { errors },
    });
    this.name = 'PaytraceRefusedError';
    this.errors = errors;
  }

  /** Whether PayTrace gave this error code. */
  has(code: number): boolean {
    return this.errors.some((entry) => entry.code === code);
  }
}
