import { NodeError, type StepError } from './errors';
import type { RetryPolicy, RetryPolicyOverride } from './flow-graph';
import { redactDetails, redactSecrets } from './redact';

/**
 * Retry defaults for every node: five attempts spread over about fifteen seconds, enough to ride
 * out a connection reset or a short 5xx burst, while a longer outage fails into the dead-letter
 * queue where an operator sees it. Only transient failures retry: a decline or a mapping mistake
 * would fail the same way again.
 */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 5,
  initialDelayMs: 1000,
  backoffFactor: 2,
  maxDelayMs: 300_000,
  jitter: 0.2,
  retryOn: Object.freeze(['transient']) as unknown as RetryPolicy['retryOn'],
});

/**
 * Layers the overrides on the defaults: the node type knows its API (a gateway with strict rate
 * limits wants longer delays), the placement knows the flow (a synchronous REST flow wants fewer
 * attempts). Fields left undefined fall through to the layer below.
 */
export function resolveRetryPolicy(
  typeOverride?: RetryPolicyOverride,
  nodeOverride?: RetryPolicyOverride,
): RetryPolicy {
  const policy: RetryPolicy = {
    ...DEFAULT_RETRY_POLICY,
    retryOn: [...DEFAULT_RETRY_POLICY.retryOn],
  };
  for (const layer of [typeOverride, nodeOverride]) {
    if (!layer) continue;
    for (const [key, value] of Object.entries(layer) as [keyof RetryPolicy, unknown][]) {
      if (value !== undefined) (policy as Record<keyof RetryPolicy, unknown>)[key] = value;
    }
  }
  policy.retryOn = [...policy.retryOn];
  return policy;
}

/**
 * Delay before retrying after attempt `failedAttempt` (1-based) failed: `initialDelayMs ×
 * backoffFactor^(failedAttempt-1)`, capped at `maxDelayMs`, then reduced by up to `jitter` of
 * itself so that many runs failing together (a gateway outage) do not retry in lockstep. A
 * remote `Retry-After` is a floor, even above the cap: retrying sooner only earns another 429.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  failedAttempt: number,
  random: () => number = Math.random,
  retryAfterMs?: number,
): number {
  const exponent = Math.max(0, Math.floor(failedAttempt) - 1);
  const base = policy.initialDelayMs * Math.pow(policy.backoffFactor, exponent);
  const capped = Math.min(base, policy.maxDelayMs);
  const r = Math.min(1, Math.max(0, random()));
  const jittered = Math.round(capped * (1 - policy.jitter * r));
  const floor = retryAfterMs !== undefined && Number.isFinite(retryAfterMs) ? retryAfterMs : 0;
  return Math.max(jittered, Math.ceil(floor), 0);
}

/** Error codes of Node's sockets and of undici (fetch) that mean "the network hiccupped". */
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EPIPE',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);

function isNetworkCode(code: unknown): code is string {
  return typeof code === 'string' && (NETWORK_CODES.has(code) || code.startsWith('UND_ERR_'));
}

/**
 * Error codes that mean "the database connection went away or is not accepted yet", from the
 * Postgres clients the runtime uses (postgres.js, node-postgres and its pool): a restart, a
 * failover or a dropped socket. The work that hit one succeeds once the server is back, so it
 * is transient wherever it surfaces (an executor's effect record, a checkpoint, the queue).
 */
const DATABASE_CONNECTION_CODES = new Set([
  // postgres.js
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  // SQLSTATE: admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections,
  // serialization_failure, deadlock_detected (the last two: retry the transaction).
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '40001',
  '40P01',
]);

/** node-postgres and pg-pool throw plain errors without a code when a connection dies. */
const DATABASE_CONNECTION_MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /Client has encountered a connection error and is not queryable/,
  /Client was closed and is not queryable/,
  /terminating connection due to administrator command/,
  /the database system is (starting up|shutting down|in recovery mode)/,
];

function isDatabaseConnectionLike(e: ErrorLike): boolean {
  if (typeof e.code === 'string') {
    // SQLSTATE class 08: connection exception (08000, 08003, 08006, 08001, 08004, ...).
    if (/^08[0-9A-Z]{3}$/.test(e.code) || DATABASE_CONNECTION_CODES.has(e.code)) return true;
  }
  return (
    typeof e.message === 'string' &&
    DATABASE_CONNECTION_MESSAGES.some((re) => re.test(e.message as string))
  );
}

/**
 * Whether `err` (or one of its causes) says the database, or the network to it, is unavailable
 * for now: the connection was refused, reset or closed, the server is shutting down or starting.
 * Callers retry such failures instead of failing the work: a Postgres restart must never
 * dead-letter a run or end a process.
 */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (depth > 3) return false;
  return causeChain(err).some(
    (e) =>
      isDatabaseConnectionLike(e) ||
      isNetworkCode(e.code) ||
      // The Unix socket file is gone while Postgres is stopped.
      (e.code === 'ENOENT' && e.syscall === 'connect') ||
      // A host with several addresses fails with one error per address.
      (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1))),
  );
}

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
  issues?: unknown;
  syscall?: unknown;
  errors?: unknown;
}

function asErrorLike(value: unknown): ErrorLike | undefined {
  return typeof value === 'object' && value !== null ? (value as ErrorLike) : undefined;
}

/** The error and its causes, outermost first (fetch wraps the socket error in `cause`). */
function causeChain(err: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  let current = asErrorLike(err);
  while (current && chain.length < 5 && !chain.includes(current)) {
    chain.push(current);
    current = asErrorLike(current.cause);
  }
  return chain;
}

function isZodError(err: ErrorLike): boolean {
  return err.name === 'ZodError' && Array.isArray(err.issues);
}

function isTimeout(e: ErrorLike): boolean {
  return (
    e.name === 'TimeoutError' ||
    (e.name === 'AbortError' && typeof e.message === 'string' && /timed? ?out/i.test(e.message))
  );
}

function messageOf(err: unknown): string {
  const e = asErrorLike(err);
  if (e && typeof e.message === 'string' && e.message !== '') return e.message;
  if (typeof err === 'string') return err;
  try {
    return JSON.stringify(err) ?? String(err);
  } catch {
    return String(err);
  }
}

export interface ClassifyOptions {
  /**
   * Code given to a zod validation error, which the caller knows the meaning of: the engine
   * uses `CONFIG_INVALID` for config, a node may use `OUTPUT_INVALID` for a remote response.
   */
  zodCode?: string;
}

/**
 * Turns anything thrown by a step into the record operators see and the engine acts on. The
 * class decides what happens next, so the defaults are conservative: only failures known to be
 * passing (network errors, timeouts) retry; anything unrecognised is permanent, because retrying
 * an unknown bug five times would only delay the alert. Message and details are redacted.
 */
export function classifyError(err: unknown, options: ClassifyOptions = {}): StepError {
  const error = classifyRaw(err, options);
  const record: StepError = {
    errorClass: error.errorClass,
    code: error.code,
    message: redactSecrets(error.message),
  };
  if (error.details !== undefined) record.details = redactDetails(error.details);
  return record;
}

function classifyRaw(err: unknown, options: ClassifyOptions): StepError {
  if (err instanceof NodeError) {
    return {
      errorClass: err.errorClass,
      code: err.code,
      message: err.message,
      details: err.details,
    };
  }
  const chain = causeChain(err);
  const outer = chain[0];
  if (outer && isZodError(outer)) {
    const issues = (outer.issues as { path?: unknown; code?: unknown; message?: unknown }[]).map(
      (issue) => ({
        path: Array.isArray(issue.path)
          ? issue.path.map((k) => (typeof k === 'number' ? k : String(k)))
          : [],
        code: issue.code,
        message: issue.message,
      }),
    );
    const summary = issues
      .slice(0, 5)
      .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${String(i.message)}`)
      .join('; ');
    return {
      errorClass: 'permanent',
      code: options.zodCode ?? 'VALIDATION_FAILED',
      message: `Validation failed: ${summary}${issues.length > 5 ? '; …' : ''}`,
      details: { issues },
    };
  }
  const database = chain.find(isDatabaseConnectionLike);
  if (database) {
    return {
      errorClass: 'transient',
      code: 'DATABASE_UNAVAILABLE',
      message: messageOf(err),
      details: typeof database.code === 'string' ? { cause: database.code } : undefined,
    };
  }
  const timeout = chain.find(isTimeout);
  if (timeout) {
    return { errorClass: 'transient', code: 'TIMEOUT', message: messageOf(err) };
  }
  const network = chain.find((e) => isNetworkCode(e.code));
  const fetchFailed = outer?.name === 'TypeError' && outer.message === 'fetch failed';
  if (network || fetchFailed) {
    const cause = network && network !== outer ? `: ${messageOf(network)}` : '';
    return {
      errorClass: 'transient',
      code: 'NETWORK_ERROR',
      message: `${messageOf(err)}${cause}`,
      details: network ? { cause: network.code } : undefined,
    };
  }
  return { errorClass: 'permanent', code: 'UNEXPECTED', message: messageOf(err) };
}
