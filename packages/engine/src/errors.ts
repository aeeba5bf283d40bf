import type { ErrorClass } from './flow-graph';

/**
 * Errors a node throws to tell the engine what kind of failure happened. The class decides
 * what happens next: transient errors retry with backoff, business outcomes (a decline) follow
 * the node's `error` port, permanent failures fail the run into the dead-letter queue.
 */
export class NodeError extends Error {
  readonly errorClass: ErrorClass;
  readonly code: string;
  readonly details: unknown;
  /** Earliest retry the remote side asked for (e.g. from `Retry-After`), in ms. */
  readonly retryAfterMs: number | undefined;

  constructor(
    errorClass: ErrorClass,
    code: string,
    message: string,
    options: { details?: unknown; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'NodeError';
    this.errorClass = errorClass;
    this.code = code;
    this.details = options.details;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** A failure that may succeed if tried again later: network, 5xx, 429, throttling. */
export class TransientError extends NodeError {
  constructor(code: string, message: string, options?: ConstructorParameters<typeof NodeError>[3]) {
    super('transient', code, message, options);
    this.name = 'TransientError';
  }
}

/** A legitimate negative outcome of the business operation (a decline, a failed check). */
export class BusinessError extends NodeError {
  constructor(code: string, message: string, options?: ConstructorParameters<typeof NodeError>[3]) {
    super('business', code, message, options);
    this.name = 'BusinessError';
  }
}

/** A failure that retrying cannot fix: bad config, mapping mismatch, validation. */
export class PermanentError extends NodeError {
  constructor(code: string, message: string, options?: ConstructorParameters<typeof NodeError>[3]) {
    super('permanent', code, message, options);
    this.name = 'PermanentError';
  }
}

/** The serialisable record of a step's failure, as stored and shown to operators. */
export interface StepError {
  errorClass: ErrorClass;
  code: string;
  message: string;
  details?: unknown;
}
