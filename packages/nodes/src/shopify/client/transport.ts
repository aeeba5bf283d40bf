/**
 * One HTTP POST to Shopify, no redirects and no retries, and the classification of its failures
 * into "certainly not sent" and "may have been processed". Only failures before a connection
 * existed (refused, unresolved name, connect timeout) prove Shopify saw nothing; a timeout or a
 * reset after connecting does not.
 *
 * @module
 */
import { PermanentError } from '@paybridge/engine';
import { request, type Dispatcher } from 'undici';
import { BlockedAddressError, findCause } from '../../http/errors';
import { ShopifyNotSentError, ShopifyOutcomeUnknownError } from './errors';

/** A request ready for the wire. Headers may hold the access token: never log them. */
export interface WireRequest {
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** The answer as received; the body is read whatever the status. */
export interface WireAnswer {
  readonly status: number;
  /** Lower-case header names; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
}

/** Per-call transport settings. */
export interface TransportOptions {
  readonly dispatcher: Dispatcher;
  readonly timeoutMs: number;
  /** The step's signal (timeout, shutdown). */
  readonly signal: AbortSignal;
}

/** Largest answer read: 250 orders with their fields stay far below this. */
export const MAX_ANSWER_BYTES = 16 * 1024 * 1024;

/** Socket and resolver codes that only occur before a connection is established. */
const BEFORE_CONNECT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function codeOf(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 6 && current !== null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function classifyFailure(err: unknown, host: string, timedOut: boolean, cancelled: boolean) {
  const blocked = findCause(err, BlockedAddressError);
  if (blocked) {
    return new PermanentError(
      'SSRF_BLOCKED',
      `Blocked request to ${blocked.host}: ${blocked.reason} ${blocked.address} is not allowed ` +
        '(an administrator can allow its network in the private-network allow-list)',
    );
  }
  const code = codeOf(err);
  if (code === 'UND_ERR_INVALID_ARG') {
    return new PermanentError('SHOPIFY_INVALID_REQUEST', `Request to ${host} is invalid`);
  }
  if (code !== undefined && BEFORE_CONNECT.has(code)) {
    return new ShopifyNotSentError(
      'SHOPIFY_UNREACHABLE',
      `${host} could not be reached (${code})`,
      {
        cause: err,
      },
    );
  }
  if (timedOut) {
    return new ShopifyOutcomeUnknownError('SHOPIFY_TIMEOUT', `${host} did not answer in time`, {
      cause: err,
    });
  }
  if (cancelled) {
    return new ShopifyOutcomeUnknownError(
      'SHOPIFY_CANCELLED',
      `The request to ${host} was cancelled`,
      {
        cause: err,
      },
    );
  }
  return new ShopifyOutcomeUnknownError(
    'SHOPIFY_CONNECTION_LOST',
    `The connection to ${host} failed (${code ?? 'no answer'})`,
    { cause: err },
  );
}

async function readText(body: Dispatcher.ResponseData['body']): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const bytes = chunk as Buffer;
    size += bytes.length;
    if (size > MAX_ANSWER_BYTES) {
      body.destroy();
      throw new PermanentError('SHOPIFY_ANSWER_TOO_LARGE', 'Shopify answered more than 16 MiB');
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

function flatten(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/**
 * POSTs once and returns status, headers and body text. Throws {@link ShopifyNotSentError},
 * {@link ShopifyOutcomeUnknownError} or a PermanentError (blocked address, malformed request).
 * Messages name the host only.
 */
export async function postOnce(wire: WireRequest, options: TransportOptions): Promise<WireAnswer> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const host = wire.url.host;
  try {
    const response = await request(wire.url, {
      method: 'POST',
      dispatcher: options.dispatcher,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'user-agent': 'Paybridge',
        ...wire.headers,
      },
      body: wire.body,
      signal: AbortSignal.any([options.signal, timeout]),
    });
    return {
      status: response.statusCode,
      headers: flatten(response.headers),
      text: await readText(response.body),
    };
  } catch (err) {
    if (err instanceof PermanentError) throw err;
    throw classifyFailure(err, host, timeout.aborted, options.signal.aborted);
  }
}
