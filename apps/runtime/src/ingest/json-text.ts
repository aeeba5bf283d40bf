/**
 * Inbound text Postgres cannot store, refused up front with a clear 4xx instead of a 500 that
 * makes a sender retry forever: `json`/`jsonb` and `text` refuse U+0000 (`\u0000` or a raw NUL),
 * `jsonb` refuses unpaired UTF-16 surrogates (`\ud800` alone), and very deep nesting overflows
 * recursive parsers and serialisers. Used by REST hooks, Shopify deliveries and the API's JSON
 * bodies.
 *
 * @module
 */
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../http/api-error';
import { findUnstorableText } from './card-data-guard';

/** Deepest JSON nesting accepted anywhere; real webhook and API bodies stay far below. */
export const MAX_JSON_DEPTH = 128;

/**
 * Refuses (400 `INVALID_JSON_TEXT`) a value holding a string or key that Postgres cannot store,
 * naming where. The walk (the stored-value walk of the card-data guard) is iterative, so no
 * nesting overflows it.
 */
export function refuseUnstorableText(value: unknown, root: string): void {
  const problem = findUnstorableText(value, root);
  if (problem) throw invalidTextAt(problem);
}

/** The 400 for a problem the stored-value walk found in text. */
export function invalidTextAt(problem: {
  path: string;
  problem: string;
  inKey: boolean;
}): ApiError {
  return invalidText(
    problem.path,
    problem.inKey ? `has a field name that ${problem.problem}` : problem.problem,
  );
}

/** The 400 `INVALID_JSON_TEXT` for unstorable text at `path` ('' for the whole request). */
export function invalidText(path: string, problem: string): ApiError {
  return new ApiError(
    400,
    'INVALID_JSON_TEXT',
    `${path || 'The request'} ${problem}, which cannot be stored; remove it, or send binary data encoded (e.g. base64)`,
  );
}

/**
 * Refuses (413 `NESTING_TOO_DEEP`) JSON text nested deeper than {@link MAX_JSON_DEPTH}, before
 * any parser sees it: a single pass over the characters, strings skipped.
 */
export function refuseDeepJson(text: string, where: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \ */) i++;
      else if (ch === 34 /* " */) inString = false;
      continue;
    }
    if (ch === 34) inString = true;
    else if (ch === 123 /* { */ || ch === 91 /* [ */) {
      if (++depth > MAX_JSON_DEPTH) {
        throw new ApiError(
          413,
          'NESTING_TOO_DEEP',
          `${where} nests JSON deeper than ${MAX_JSON_DEPTH} levels; flatten it`,
        );
      }
    } else if (ch === 125 /* } */ || ch === 93 /* ] */) depth--;
  }
}

/**
 * Parses an inbound JSON body: depth first (413), then syntax (400 `MALFORMED_JSON`), then text
 * Postgres cannot store (400 `INVALID_JSON_TEXT`). `parse` lets Shopify keep its exact ids;
 * `checkText` false leaves the text check to a caller that walks the stored value anyway.
 */
export function parseJsonText(
  text: string,
  parse: (text: string) => unknown = JSON.parse,
  checkText = true,
): unknown {
  const where = 'body';
  refuseDeepJson(text, where);
  let value: unknown;
  try {
    value = parse(text);
  } catch (err) {
    throw new ApiError(
      400,
      'MALFORMED_JSON',
      `${where} is not valid JSON: ${(err as Error).message}`,
    );
  }
  if (checkText) refuseUnstorableText(value, where);
  return value;
}

/**
 * API middleware: a JSON request body must be storable text and not absurdly deep before any
 * route parses it. Syntax errors are left to the route's validator, which names them.
 */
export function jsonTextGuard(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    if (!/json/i.test(c.req.header('content-type') ?? '')) return next();
    const text = await c.req.text();
    refuseDeepJson(text, 'body');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return next();
    }
    refuseUnstorableText(value, 'body');
    return next();
  };
}
