/**
 * One error type for every adapter, so nodes classify failures the same way whatever the ERP:
 * invalid documents and conflicts are permanent (retrying cannot fix them), throttling and
 * outages are transient.
 *
 * @module
 */

/** What went wrong, as far as a flow needs to know. */
export type ErpErrorKind =
  /** The document is invalid (unbalanced, bad line, unknown account): fix the mapping. */
  | 'validation'
  /** A referenced document (customer, invoice) does not exist. */
  | 'not-found'
  /** The reference was used before for a different document, or the transition is not allowed. */
  | 'conflict'
  /** The ERP refused our credentials; reconnect. */
  | 'auth'
  /** Throttled, timed out or unavailable: try again later. */
  | 'transient';

/** A failure of an ERP call. `line` names the offending line (0-based) when there is one. */
export class ErpError extends Error {
  readonly kind: ErpErrorKind;
  readonly code: string;
  readonly line: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(
    kind: ErpErrorKind,
    code: string,
    message: string,
    options: { line?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ErpError';
    this.kind = kind;
    this.code = code;
    this.line = options.line;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** Shorthand for a validation error about line `line` (0-based; shown 1-based). */
export function lineError(code: string, line: number, message: string): ErpError {
  return new ErpError('validation', code, `line ${line + 1}: ${message}`, { line });
}
