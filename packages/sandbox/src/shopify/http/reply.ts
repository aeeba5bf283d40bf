/**
 * Answers with the headers Shopify's Admin API sends (JSON charset, a request id, the API version
 * served), and request bodies read as JSON or form data.
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';

/** Sends a JSON text (already serialized) with Shopify-like headers. */
export function sendText(
  status: number,
  text: string,
  extra: Record<string, string> = {},
): Response {
  return new Response(text, {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-request-id': randomUUID(),
      ...extra,
    },
  });
}

/** Sends a JSON value. */
export function sendJson(
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
): Response {
  return sendText(status, JSON.stringify(body), extra);
}

/** A parsed request body: an object, `null` when not JSON/form. */
export async function readBody(c: Context): Promise<Record<string, unknown> | null> {
  const text = await c.req.text();
  const type = c.req.header('content-type') ?? '';
  if (type.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
