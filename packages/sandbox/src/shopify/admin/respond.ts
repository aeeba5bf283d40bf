/**
 * Answers of the admin API: REST-shaped JSON written with exact integer ids, `InputError` as 422
 * `{"errors": {field: [messages]}}`, unknown records as 404 — the REST Admin API's habits.
 * @module
 */
import type { Context } from 'hono';
import { stringifyJson } from '../core/raw-json.js';
import { readBody, sendJson, sendText } from '../http/reply.js';
import { InputError, type Json } from '../store/input.js';

/** Sends a body that may hold `RawInteger` ids. */
export function sendRaw(status: number, body: unknown): Response {
  return sendText(status, stringifyJson(body));
}

/** 404 in Shopify's REST form. */
export function notFound(): Response {
  return sendJson(404, { errors: 'Not Found' });
}

/** Reads the JSON body of an admin request (`{}` when empty; 400 when not an object). */
export async function adminBody(c: Context): Promise<Json | Response> {
  const body = await readBody(c);
  return body ?? sendJson(400, { errors: 'Body must be a JSON object' });
}

/** Runs an admin action, turning input errors into 422 answers. */
export async function guard(action: () => Promise<Response> | Response): Promise<Response> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof InputError) return sendJson(422, { errors: error.errors });
    throw error;
  }
}
