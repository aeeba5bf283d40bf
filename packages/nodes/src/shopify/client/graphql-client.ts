/**
 * The typed Admin GraphQL client one node execution uses. Per call it validates the variables,
 * authenticates (a stored token, or a cached client-credentials token renewed once when Shopify
 * rejects it), waits for its cost in the shop's bucket, and reads the answer:
 *
 * - `THROTTLED` (HTTP 200) and 429 (`Retry-After`, seconds): nothing happened; wait and resend,
 *   mutations included.
 * - refused connections: nothing happened; back off and resend.
 * - 5xx, timeouts, resets, unreadable answers: a query is repeated with backoff; a mutation may
 *   have been applied, so {@link ShopifyOutcomeUnknownError} goes to the caller, who must read the
 *   resource's state before sending it again.
 * - other `errors`: PermanentError with Shopify's messages; `userErrors`: {@link ShopifyUserError}.
 *
 * All waiting of one client (one step) stays inside the connection's retry budget; past it the
 * call ends with a TransientError carrying `retryAfterMs`, and the engine's retry policy takes
 * over.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { PermanentError, TransientError, type StepLogger } from '@paybridge/engine';
import type { z } from 'zod';
import { BucketWaitTooLong, type Reservation } from './cost-bucket';
import { readEnvelope } from './envelope';
import { ShopifyNotSentError, ShopifyOutcomeUnknownError, ShopifyUserError } from './errors';
import type { Operation } from './operation';
import type { ShopifyRuntime } from './runtime';
import type { ShopifySettings } from './settings';
import { requestToken } from './token';
import { tokenCacheKey } from '../../http/token-cache';
import { postOnce, type TransportOptions, type WireAnswer } from './transport';
import { judgeAnswer } from './verdict';
import { backoffMs } from './waits';

/** A client bound to one connection and one step. */
export interface ShopifyClient {
  readonly settings: ShopifySettings;
  /** Runs `operation` and returns its validated `data`; see the module doc for what it throws. */
  run<Variables extends z.ZodType, Data extends z.ZodType>(
    operation: Operation<Variables, Data>,
    variables: z.input<Variables>,
  ): Promise<z.output<Data>>;
}

/** What a client needs from its step. */
export interface ShopifyClientContext {
  readonly signal: AbortSignal;
  readonly logger: StepLogger;
}

/** Rate limits are per app and shop: the bucket is keyed by both. */
function bucketKey(settings: ShopifySettings): string {
  const app =
    settings.auth.kind === 'client-credentials'
      ? `client:${settings.auth.clientId}`
      : `token:${createHash('sha256').update(settings.auth.accessToken).digest('hex').slice(0, 24)}`;
  return `${settings.baseUrl}|${settings.shopDomain}|${app}`;
}

function invalidVariables(name: string, issues: z.core.$ZodIssue[]): PermanentError {
  const fields = [...new Set(issues.map((issue) => issue.path.join('.') || '(variables)'))];
  return new PermanentError(
    'SHOPIFY_REQUEST_INVALID',
    `${name}: invalid input in ${fields.join(', ')}`,
    { details: { issues: issues.map((issue) => ({ path: issue.path, message: issue.message })) } },
  );
}

function unexpectedAnswer(name: string, kind: string, issues: z.core.$ZodIssue[]) {
  const fields = [...new Set(issues.map((issue) => issue.path.join('.') || '(data)'))];
  const applied = kind === 'mutation' ? ' (the change may have been applied)' : '';
  return new PermanentError(
    'SHOPIFY_ANSWER_UNEXPECTED',
    `${name}: Shopify answered in an unexpected shape at ${fields.join(', ')}${applied}`,
  );
}

/** Creates the client for one execution. */
export function createShopifyClient(
  runtime: ShopifyRuntime,
  settings: ShopifySettings,
  ctx: ShopifyClientContext,
): ShopifyClient {
  const transport: TransportOptions = {
    dispatcher: runtime.dispatcher(settings.trusted),
    timeoutMs: settings.requestTimeoutMs,
    signal: ctx.signal,
  };
  const graphqlUrl = new URL(`${settings.baseUrl}/admin/api/${settings.apiVersion}/graphql.json`);
  const tokenUrl = new URL(`${settings.baseUrl}/admin/oauth/access_token`);
  const bucket = runtime.bucket(bucketKey(settings));
  const { auth } = settings;
  const cacheKey =
    auth.kind === 'client-credentials'
      ? tokenCacheKey(tokenUrl.href, auth.clientId, auth.clientSecret)
      : '';
  let warnedDeprecation = false;
  // One budget for the whole step, however many calls it makes: the engine's step timeout and
  // retry policy take over after it.
  const deadline = runtime.now() + settings.retryBudgetMs;

  async function accessToken(): Promise<string> {
    if (auth.kind === 'access-token') return auth.accessToken;
    const token = await runtime.tokens.get(cacheKey, runtime.now(), () =>
      requestToken(tokenUrl, auth.clientId, auth.clientSecret, transport, () => runtime.now()),
    );
    return token.value;
  }

  function warnIfDeprecated(answer: WireAnswer, operation: string): void {
    const reason = answer.headers['x-shopify-api-deprecated-reason'];
    if (!reason || warnedDeprecation) return;
    warnedDeprecation = true;
    ctx.logger.warn('Shopify flags this request as deprecated', { operation, reason });
  }

  async function run<Variables extends z.ZodType, Data extends z.ZodType>(
    operation: Operation<Variables, Data>,
    variables: z.input<Variables>,
  ): Promise<z.output<Data>> {
    const checked = operation.variables.safeParse(variables);
    if (!checked.success) throw invalidVariables(operation.name, checked.error.issues);
    const body = JSON.stringify({ query: operation.document, variables: checked.data });
    let cost = Math.max(1, operation.cost(checked.data));
    const isMutation = operation.kind === 'mutation';
    let failures = 0;
    let renewedToken = false;

    /** Waits before the next round, or gives the wait to the engine when past the budget. */
    async function waitOrGiveUp(err: TransientError, explicitMs?: number): Promise<void> {
      failures += 1;
      const waitMs = explicitMs ?? backoffMs(failures, runtime.random);
      if (runtime.now() + waitMs > deadline) {
        const Kind =
          err instanceof ShopifyOutcomeUnknownError
            ? ShopifyOutcomeUnknownError
            : ShopifyNotSentError;
        throw new Kind(err.code, `${operation.name}: ${err.message}`, {
          retryAfterMs: Math.max(waitMs, err.retryAfterMs ?? 0),
          cause: err,
        });
      }
      ctx.logger.info('Shopify call waits before trying again', {
        operation: operation.name,
        code: err.code,
        waitMs,
      });
      await runtime.sleep(waitMs, ctx.signal);
    }

    function outcomeUnknown(code: string, message: string, cause?: unknown) {
      return new ShopifyOutcomeUnknownError(
        code,
        `${operation.name}: ${message}; the change may have been applied`,
        cause === undefined ? {} : { cause },
      );
    }

    for (;;) {
      let token: string;
      try {
        token = await accessToken();
      } catch (err) {
        if (err instanceof TransientError && !ctx.signal.aborted) {
          await waitOrGiveUp(err, err.retryAfterMs);
          continue;
        }
        throw err;
      }

      let reservation: Reservation;
      const queuedAt = runtime.now();
      try {
        reservation = await bucket.reserve(cost, deadline, ctx.signal);
        const waitedMs = runtime.now() - queuedAt;
        if (waitedMs >= 100) {
          ctx.logger.info("Shopify call waited for the shop's API cost bucket", {
            operation: operation.name,
            code: 'SHOPIFY_COST_BUCKET',
            waitMs: waitedMs,
          });
        }
      } catch (err) {
        if (err instanceof BucketWaitTooLong) {
          throw new ShopifyNotSentError(
            'SHOPIFY_THROTTLED',
            `${operation.name}: the shop's API cost bucket refills in ${err.waitMs} ms, past this step's retry budget`,
            { retryAfterMs: err.waitMs },
          );
        }
        throw err;
      }

      let answer: WireAnswer;
      try {
        answer = await postOnce(
          {
            url: graphqlUrl,
            headers: { 'x-shopify-access-token': token },
            body,
          },
          transport,
        );
      } catch (err) {
        bucket.release(reservation);
        if (err instanceof ShopifyNotSentError) {
          await waitOrGiveUp(err);
          continue;
        }
        if (err instanceof ShopifyOutcomeUnknownError) {
          if (isMutation) throw outcomeUnknown(err.code, err.message, err);
          // A query changes nothing: repeat it, unless the step itself is being stopped.
          if (ctx.signal.aborted) {
            throw new ShopifyNotSentError(err.code, `${operation.name}: ${err.message}`, {
              cause: err,
            });
          }
          await waitOrGiveUp(new ShopifyNotSentError(err.code, err.message, { cause: err }));
          continue;
        }
        throw err;
      }

      const envelope = readEnvelope(answer.text);
      if (envelope?.throttle) bucket.observe(reservation, envelope.throttle);
      else bucket.release(reservation);
      // Shopify's own figure beats the estimate for the next round of this call.
      if (envelope?.requestedCost !== undefined) cost = Math.max(cost, envelope.requestedCost);
      warnIfDeprecated(answer, operation.name);

      const verdict = judgeAnswer(answer, operation.name, cost, new Date(runtime.now()));
      switch (verdict.kind) {
        case 'rate-limited':
          await waitOrGiveUp(
            new ShopifyNotSentError('SHOPIFY_HTTP_429', 'Shopify answered 429'),
            verdict.waitMs,
          );
          continue;
        case 'throttled': {
          const modelled = bucket.availableNow();
          if (envelope?.throttle && modelled !== undefined && modelled < cost) {
            // The bucket now knows the reported level: reserving again waits for the refill,
            // in turn with every other caller (and past the budget it gives up with retryAfterMs).
            ctx.logger.info('Shopify throttled the call; it waits for the cost bucket to refill', {
              operation: operation.name,
              code: 'SHOPIFY_THROTTLED',
              waitMs: verdict.waitMs,
            });
            continue;
          }
          await waitOrGiveUp(
            new ShopifyNotSentError('SHOPIFY_THROTTLED', 'Shopify throttled the request'),
            verdict.waitMs,
          );
          failures -= 1; // throttling is not a failure; it must not lengthen later backoffs
          continue;
        }
        case 'refused-token':
          if (auth.kind === 'client-credentials' && !renewedToken) {
            renewedToken = true;
            runtime.tokens.invalidate(cacheKey, token);
            continue;
          }
          throw verdict.error;
        case 'server-failure':
          if (isMutation) throw outcomeUnknown(verdict.code, verdict.message);
          await waitOrGiveUp(
            new ShopifyNotSentError(verdict.code, verdict.message),
            verdict.waitMs,
          );
          continue;
        case 'fail':
          throw verdict.error;
        case 'data': {
          const data = operation.data.safeParse(verdict.envelope.data);
          if (!data.success) {
            throw unexpectedAnswer(operation.name, operation.kind, data.error.issues);
          }
          if (operation.kind === 'mutation') {
            const userErrors = operation.userErrors(data.data);
            if (userErrors.length > 0) throw new ShopifyUserError(operation.name, userErrors);
          }
          return data.data;
        }
      }
    }
  }

  return { settings, run };
}
