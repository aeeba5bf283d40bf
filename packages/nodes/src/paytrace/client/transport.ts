/**
 * One HTTP POST to PayTrace, and the classification of its failures into "certainly not sent"
 * and "may have been processed". Only failures before a connection existed (refused, unresolved
 * name, blocked address) prove that nothing reached PayTrace; a timeout or a reset after
 * connecting does not, because the request may have been read and acted on.
 *
 * @module
 */
import { PermanentError } from '@paybridge/engine';
import { request, type Dispatcher } from 'undici';
import { BlockedAddressError, findCause } from '../../http/errors';
import { PaytraceNotSentError, PaytraceOutcomeUnknownError } from './errors';

/** A request ready for the wire. */
export interface WireRequest {
  readonly url: URL;
  readonly contentType: 'application/json' | 'application/x-www-form-urlencoded';
  readonly body: string;
  readonly bearer?: string;
}

/** The answer as received; the body is read whatever the status. */
export interface WireAnswer {
  readonly status: number;
  readonly retryAfter: string | undefined;
  readonly text: string;
}

/** Per-call transport settings. */
export interface TransportOptions {
  readonly dispatcher: Dispatcher;
  readonly timeoutMs: number;
  /** The step's signal (timeout, shutdown). */
  readonly signal: AbortSignal;
}

/** Largest answer read; a month of transactions is a few MB. */
export const MAX_ANSWER_BYTES = 32 * 1024 * 1024;

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

function classifyFailure(err: unknown, host: string, timedOut: boolean): Error {
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
    return new PermanentError('PAYTRACE_INVALID_REQUEST', `Request to ${host} is invalid`);
  }
  if (code !== undefined && BEFORE_CONNECT.has(code)) {
    return new PaytraceNotSentError(
      'PAYTRACE_UNREACHABLE',
      `${host} could not be reached (${code})`,
      {
        cause: err,
      },
    );
  }
  if (timedOut) {
    return new PaytraceOutcomeUnknownError(
      'PAYTRACE_TIMEOUT',
      `${host} did not answer in time; the request may have been processed`,
      { cause: err },
    );
  }
  return new PaytraceOutcomeUnknownError(
    'PAYTRACE_CONNECTION_LOST',
    `The connection to ${host} failed (${code ?? 'no answer'}); the request may have been processed`,
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
      throw new PermanentError('PAYTRACE_ANSWER_TOO_LARGE', 'PayTrace answered more than 32 MiB');
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

/**
 * POSTs once (no redirects, no retries) and returns the status and body text. Throws
 * {@link PaytraceNotSentError}, {@link PaytraceOutcomeUnknownError} or a PermanentError (blocked
 * address, malformed request). Messages name the host only.
 */
export async function postOnce(wire: WireRequest, options: TransportOptions): Promise<WireAnswer> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const host = wire.url.host;
  try {
    const response = await request(wire.url, {
      method: 'POST',
      dispatcher: options.dispatcher,
      headers: {
        'content-type': wire.contentType,
        accept: 'application/json',
        'user-agent': 'Paybridge',
        ...(wire.bearer === undefined ? {} : { authorization: `Bearer ${wire.bearer}` }),
      },
      body: wire.body,
      signal: AbortSignal.any([options.signal, timeout]),
    });
    const retryAfter = response.headers['retry-after'];
    return {
      status: response.statusCode,
      retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined,
      text: await readText(response.body),
    };
  } catch (err) {
    if (err instanceof PermanentError) throw err;
    throw classifyFailure(err, host, timeout.aborted);
  }
}
