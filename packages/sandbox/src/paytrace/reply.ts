/**
 * Response helpers: PayTrace's envelope (`success`, `response_code`, `status_message`), its headers
 * and the configurable HTTP statuses of errors and declines.
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import type { SimContext, SimEnv } from './context.js';
import type { ErrorsObject } from './error-codes.js';

/** A JSON object body. */
export type JsonBody = Record<string, unknown>;

/** Sends a JSON body with the headers PayTrace sends. */
export function sendJson(c: Context<SimEnv>, status: number, body: JsonBody): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'max-age=0, private, must-revalidate',
      'x-request-id': randomUUID(),
      'x-runtime': '0.010000',
    },
  });
}

/** A `response_code` 1 error with its `errors` object, at the configured error status. */
export function sendErrors(c: Context<SimEnv>, sim: SimContext, errors: ErrorsObject): Response {
  return sendJson(c, sim.settings.errorStatus, {
    success: false,
    response_code: 1,
    status_message: 'One or more errors has occurred.',
    errors,
    external_transaction_id: '',
  });
}

/** The success envelope of exports and other reads (`response_code` 1, `success` true). */
export function completed(extra: JsonBody): JsonBody {
  return {
    success: true,
    response_code: 1,
    status_message: 'Your request has been successfully completed.',
    ...extra,
  };
}
