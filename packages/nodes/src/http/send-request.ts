import { request, type Dispatcher } from 'undici';
import { RedirectError, ResponseTooLargeError } from './errors';
import { observeOutbound } from './outbound-observer';

/** A request ready for the wire. The body is bytes or text so it can be replayed on 307/308. */
export interface OutboundRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
  /**
   * Further headers that carry credentials (a connection's `X-Api-Key`), dropped like
   * `Authorization` when a redirect leaves the original origin. Lower-case names.
   */
  credentialHeaders?: readonly string[];
}

/** The final response after redirects, with the body read in full (within the limit). */
export interface InboundResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** Where the final response came from (differs from the request URL after redirects). */
  url: URL;
}

/** Per-call settings; the dispatcher carries the address policy. */
export interface SendOptions {
  dispatcher: Dispatcher;
  signal: AbortSignal;
  /** Redirect hops to follow before failing. */
  maxRedirects: number;
  maxResponseBytes: number;
  /**
   * Called with each redirect target before it is requested; throwing stops the exchange there
   * (a connection pinned to its hosts refuses to follow its credentials elsewhere).
   */
  beforeRedirect?: (target: URL) => void;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Headers that carry the caller's identity; they must not follow a redirect to another origin. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);
const BODY_HEADERS = new Set(['content-type', 'content-encoding', 'content-language']);

function withoutHeaders(headers: Record<string, string>, names: Set<string>) {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !names.has(name.toLowerCase())),
  );
}

/** The request for the next hop, following the fetch standard's rules for method and body. */
function nextHop(current: OutboundRequest, status: number, location: string): OutboundRequest {
  let url: URL;
  try {
    url = new URL(location, current.url);
  } catch {
    throw new RedirectError(
      'BAD_REDIRECT',
      `redirect to an invalid location ${JSON.stringify(location)}`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RedirectError('BAD_REDIRECT', `redirect to unsupported scheme ${url.protocol}`);
  }
  let { method, headers, body } = current;
  const becomesGet =
    (status === 303 && method !== 'GET' && method !== 'HEAD') ||
    ((status === 301 || status === 302) && method === 'POST');
  if (becomesGet) {
    method = 'GET';
    body = undefined;
    headers = withoutHeaders(headers, BODY_HEADERS);
  }
  if (url.origin !== current.url.origin) {
    const extra = (current.credentialHeaders ?? []).map((name) => name.toLowerCase());
    headers = withoutHeaders(headers, new Set([...CREDENTIAL_HEADERS, ...extra]));
  }
  return {
    method,
    url,
    headers,
    ...(body === undefined ? {} : { body }),
    ...(current.credentialHeaders ? { credentialHeaders: current.credentialHeaders } : {}),
  };
}

function flattenHeaders(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

async function readBody(body: Dispatcher.ResponseData['body'], limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const bytes = chunk as Buffer;
    size += bytes.length;
    if (size > limit) {
      body.destroy();
      throw new ResponseTooLargeError(limit);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, size);
}

/**
 * Sends a request and follows redirects by hand, so every hop goes back through the dispatcher
 * (and its address checks) and the hop count is ours. Bodies over the limit fail without being
 * buffered past it: a declared `content-length` is refused up front, a streamed one as it grows.
 */
export async function sendRequest(
  initial: OutboundRequest,
  options: SendOptions,
): Promise<InboundResponse> {
  let current = initial;
  for (let hop = 0; ; hop++) {
    const sending = current;
    const response = await observeOutbound(
      { service: 'http', method: sending.method, host: new URL(sending.url).host },
      () =>
        request(sending.url, {
          dispatcher: options.dispatcher,
          method: sending.method as Dispatcher.HttpMethod,
          headers: sending.headers,
          body: sending.body ?? null,
          signal: options.signal,
        }),
      (r) => r.statusCode,
    );
    const location = response.headers.location;
    if (REDIRECTS.has(response.statusCode) && typeof location === 'string') {
      await response.body.dump();
      if (hop >= options.maxRedirects) {
        throw new RedirectError(
          'TOO_MANY_REDIRECTS',
          `more than ${options.maxRedirects} redirects`,
        );
      }
      current = nextHop(current, response.statusCode, location);
      options.beforeRedirect?.(current.url);
      continue;
    }
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > options.maxResponseBytes) {
      response.body.destroy();
      throw new ResponseTooLargeError(options.maxResponseBytes);
    }
    const body = await readBody(response.body, options.maxResponseBytes);
    return {
      status: response.statusCode,
      headers: flattenHeaders(response.headers),
      body,
      url: current.url,
    };
  }
}
