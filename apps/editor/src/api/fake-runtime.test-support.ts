import { vi } from 'vitest';

/** One request the fake runtime received. */
export interface FakeCall {
  method: string;
  path: string;
  /** The query string, with its `?` (empty when none). */
  search: string;
  /** The query string's parameters (empty when there were none). */
  query: Record<string, string>;
  body: unknown;
}

/** A JSON body as its value; any other body (a CSV upload) as its text. */
function parseBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

type Handler = (call: FakeCall) => { status?: number; body?: unknown } | undefined;

/**
 * Replaces `fetch` with a fake runtime for component tests: `handler` answers by method and path
 * (undefined means 404), and every call is recorded in order. Restore with `vi.unstubAllGlobals`.
 */
export function fakeRuntime(handler: Handler): FakeCall[] {
  const calls: FakeCall[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const text = await request.text();
    const url = new URL(request.url);
    const call = {
      method: request.method,
      path: url.pathname,
      search: url.search,
      query: Object.fromEntries(url.searchParams),
      body: text ? parseBody(text) : undefined,
    };
    calls.push(call);
    const answer = handler(call);
    const status = answer?.status ?? (answer ? 200 : 404);
    const body =
      answer?.body ?? (answer ? null : { error: { code: 'NOT_FOUND', message: 'no route' } });
    return new Response(status === 204 ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  });
  return calls;
}
