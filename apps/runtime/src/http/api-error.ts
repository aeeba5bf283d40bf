import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from '../logger';

/** The one error body every route answers with, so clients parse failures one way. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** An expected failure with a status, a stable machine code and a message meant for people. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Maps thrown errors to responses; unexpected ones are logged and answered without internals. */
export function createErrorHandler(logger: Logger) {
  return (err: Error, c: Context) => {
    if (err instanceof ApiError)
      return c.json(errorBody(err.code, err.message, err.details), err.status);
    if (err instanceof HTTPException) {
      const status = err.status;
      const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : `HTTP_${status}`;
      return c.json(errorBody(code, err.message || 'Request failed'), status);
    }
    logger.error('unhandled error', { method: c.req.method, path: c.req.path, err });
    return c.json(errorBody('INTERNAL', 'Internal error; see the runtime log'), 500);
  };
}
