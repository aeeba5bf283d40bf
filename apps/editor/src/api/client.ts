import { createClient } from '@paybridge/runtime/client';
import { ApiFailure } from './api-failure';

let csrfToken: string | null = null;

/** Remembers the session's CSRF token: the runtime refuses browser changes without it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const origin = typeof window === 'undefined' ? 'http://localhost' : window.location.origin;

/**
 * The runtime's typed client (Hono RPC over the route definitions): request and response types
 * come from the runtime's own routes, so a changed route breaks the editor's type check, not a
 * user's session. Same-origin cookies carry the session; the CSRF header rides on every call.
 */
export const client = createClient(origin, {
  init: { credentials: 'same-origin' },
  headers: (): Record<string, string> => (csrfToken ? { 'x-csrf-token': csrfToken } : {}),
});

interface ResponseLike {
  ok: boolean;
  status: number;
  text(): Promise<string>;
}

/** The JSON body type of a typed response's successful (2xx) variants. */
export type SuccessBody<R> = R extends { ok: true; json(): Promise<infer T> } ? T : never;

/**
 * Awaits a typed call and returns its successful body, or throws an {@link ApiFailure} with the
 * runtime's error code and message, so every caller gets one error shape to show.
 */
export async function unwrap<R extends ResponseLike>(call: Promise<R>): Promise<SuccessBody<R>> {
  let res: R;
  try {
    res = await call;
  } catch (err) {
    throw new ApiFailure(0, 'NETWORK', `Could not reach the runtime (${String(err)})`);
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  if (!res.ok) {
    const error = (body as { error?: { code?: string; message?: string; details?: unknown } })
      ?.error;
    throw new ApiFailure(
      res.status,
      error?.code ?? `HTTP_${res.status}`,
      error?.message ?? `The runtime answered HTTP ${res.status}`,
      error?.details,
    );
  }
  return body as SuccessBody<R>;
}
