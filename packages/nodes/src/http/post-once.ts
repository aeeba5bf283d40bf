/**
 * One HTTP POST to a payment or commerce API, no redirects and no retries, and the
 * classification of its failures into "certainly not sent" and "may have been processed". Only
 * failures before a connection existed (refused, unresolved name, connect timeout, blocked
 * address) prove the service saw nothing; a timeout or a reset after connecting does not, because
 * the request may have been read and acted on. Each connector supplies its own error types, so
 * its exactly-once logic can tell the two apart.
 *
 * @module
 */
import { PermanentError } from '@paybridge/engine';
import { request, type Dispatcher } from 'undici';
import { BlockedAddressError, findCause } from './errors';
import { observeOutbound } from './outbound-observer';

/** How one service names its failures. */
export interface ServiceFailures {
  /** Prefix of error codes, e.g. `PAYTRACE` (`PAYTRACE_TIMEOUT`). */
  readonly codePrefix: string;
  /** Name in messages, e.g. `PayTrace`. */
  readonly label: string;
  /** Largest answer read. */
  readonly maxAnswerBytes: number;
  notSent(code: string, message: string, options: { cause: unknown }): Error;
  outcomeUnknown(code: string, message: string, options: { cause: unknown }): Error;
}

/** Per-call transport settings. */
export interface TransportOptions {
  readonly dispatcher: Dispatcher;
  readonly timeoutMs: number;
  /** The step's signal (timeout, shutdown). */
  readonly signal: AbortSignal;
}

/** The answer as received; the body is read whatever the status. */
export interface RawAnswer {
  readonly status: number;
  /** Lower-case header names; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
}

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

function classifyFailure(
  service: ServiceFailures,
  err: unknown,
  host: string,
  timedOut: boolean,
  cancelled: boolean,
): Error {
  const blocked = findCause(err, BlockedAddressError);
  if (blocked) {
    return new PermanentError(
      'SSRF_BLOCKED',
      `Blocked request to ${blocked.host}: ${blocked.reason} ${blocked.address} is not allowed ` +
        '(an administrator can allow its network in the private-network allow-list)',
    );
  }
  const prefix = service.codePrefix;
  const code = codeOf(err);
  if (code === 'UND_ERR_INVALID_ARG') {
    return new PermanentError(`${prefix}_INVALID_REQUEST`, `Request to ${host} is invalid`);
  }
  const cause = { cause: err };
  if (code !== undefined && BEFORE_CONNECT.has(code)) {
    return service.notSent(
      `${prefix}_UNREACHABLE`,
      `${host} could not be reached (${code})`,
      cause,
    );
  }
  const maybe = 'the request may have been processed';
  if (timedOut) {
    return service.outcomeUnknown(
      `${prefix}_TIMEOUT`,
      `${host} did not answer in time; ${maybe}`,
      cause,
    );
  }
  if (cancelled) {
    return service.outcomeUnknown(
      `${prefix}_CANCELLED`,
      `The request to ${host} was cancelled; ${maybe}`,
      cause,
    );
  }
  return service.outcomeUnknown(
    `${prefix}_CONNECTION_LOST`,
    `The connection to ${host} failed (${code ?? 'no answer'}); ${maybe}`,
    cause,
  );
}

async function readText(
  service: ServiceFailures,
  body: Dispatcher.ResponseData['body'],
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const bytes = chunk as Buffer;
    size += bytes.length;
    if (size > service.maxAnswerBytes) {
      body.destroy();
      const mib = Math.round(service.maxAnswerBytes / (1024 * 1024));
      throw new PermanentError(
        `${service.codePrefix}_ANSWER_TOO_LARGE`,
        `${service.label} answered more than ${mib} MiB`,
      );
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
 * POSTs once and returns status, headers and body text. Throws the service's not-sent or
 * outcome-unknown error, or a PermanentError (blocked address, malformed request, oversized
 * answer). Messages name the host only, never headers (they may hold credentials).
 */
export async function postOnce(
  service: ServiceFailures,
  url: URL,
  headers: Readonly<Record<string, string>>,
  body: string,
  options: TransportOptions,
): Promise<RawAnswer> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  try {
    const response = await observeOutbound(
      { service: service.codePrefix.toLowerCase(), method: 'POST', host: url.host },
      () =>
        request(url, {
          method: 'POST',
          dispatcher: options.dispatcher,
          headers: { accept: 'application/json', 'user-agent': 'Paybridge', ...headers },
          body,
          signal: AbortSignal.any([options.signal, timeout]),
        }),
      (r) => r.statusCode,
    );
    return {
      status: response.statusCode,
      headers: flatten(response.headers),
      text: await readText(service, response.body),
    };
  } catch (err) {
    if (err instanceof PermanentError) throw err;
    throw classifyFailure(service, err, url.host, timeout.aborted, options.signal.aborted);
  }
}
