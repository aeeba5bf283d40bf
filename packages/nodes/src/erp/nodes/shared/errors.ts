/**
 * ERP errors as engine errors: invalid documents, missing references and conflicts are
 * permanent (the run fails into the dead-letter list with the message naming the bad line);
 * throttling and outages are transient (retried with backoff); a refused connection is
 * permanent until someone reconnects it.
 *
 * @module
 */
import { NodeError, PermanentError, TransientError } from '@paybridge/engine';
import { ErpError } from '../../errors';

/** Converts an ERP error; anything else is rethrown unchanged. */
export function toNodeError(err: unknown): unknown {
  if (!(err instanceof ErpError)) return err;
  const details = err.line === undefined ? { kind: err.kind } : { kind: err.kind, line: err.line };
  if (err.kind === 'transient') {
    return new TransientError(err.code, err.message, {
      details,
      ...(err.retryAfterMs === undefined ? {} : { retryAfterMs: err.retryAfterMs }),
      cause: err,
    });
  }
  return new PermanentError(err.kind === 'auth' ? 'ERP_AUTH' : err.code, err.message, {
    details,
    cause: err,
  });
}

/** Runs `fn`, converting ERP errors. */
export async function asNodeErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof NodeError) throw err;
    throw toNodeError(err);
  }
}
