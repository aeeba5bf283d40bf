import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { isDatabaseUnavailable } from '@paybridge/engine';
import { hookAnswer } from '@paybridge/nodes/definitions';
import { unavailableResponse } from '../../ingest/database-unavailable';
import { clientIp } from '../../auth/actor';
import { findTriggerOwner } from '../../db/queries/triggers';
import { admitAddress, authenticateRequest } from '../../ingest/admit-request';
import { rateLimitedResponse } from '../../ingest/ingress-rate-limiter';
import { admitHookEvent, parseHookBody } from '../../ingest/hook-body';
import type { RunResult } from '../../ingest/run-waiter';
import type { HttpTrigger } from '../../ingest/trigger-table';
import type { AuthFailure } from '../../ingest/trigger-auth/result';
import { activeTracing } from '../../observability/tracing';
import { enqueueRun, FINAL_STATUSES, type DirectRun } from '../../runs/direct-run';
import type { Logger } from '../../logger';
import { ApiError, errorBody } from '../api-error';
import type { AppDeps } from '../app-deps';
import { readRawBody, requestHeaders } from '../raw-body';

/** Request headers never stored with an event: credentials and signatures stay out of run data. */
const SENSITIVE_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-shopify-hmac-sha256',
  'webhook-signature',
]);

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * The one answer to every refused trigger request, whatever failed (address, missing header,
 * wrong secret, stale timestamp, missing connection), so a caller learns nothing by probing. Only
 * the log says why, with the path and the category: never a header, signature or secret.
 */
function unauthorized(c: Context, logger: Logger, path: string, failure: AuthFailure) {
  logger.warn('trigger request refused', { path, reason: failure });
  return c.json(errorBody('UNAUTHORIZED', 'Request authentication failed'), 401);
}

/**
 * Http-channel trigger ingress at `/hooks/<path>`, for every kind on that channel (each declares
 * its endpoint, who may call it and how a request becomes its event). The caller's address and credentials are checked
 * first (the address before the body is read, signatures on the raw bytes before any parsing);
 * then the event, its run and the run's job are committed before the caller hears anything. A
 * sender's delivery id (Standard Webhooks `webhook-id`, Shopify `X-Shopify-Webhook-Id`) or an
 * `Idempotency-Key` makes a repeated request return the original run instead of starting another.
 * An authenticated caller over the trigger's `rateLimit` gets 429 with `Retry-After`; nothing is
 * stored.
 */
/**
 * The answer of a run handed straight to the worker, within the trigger's timeout (null past
 * it: the run goes on, and is committed when it ends). A run the worker did not take is queued
 * here; one that has no answer yet and goes on through the queue (a retry delay, a failed
 * execution) is waited for as a queued run is.
 */
async function directOutcome(
  deps: AppDeps,
  trigger: HttpTrigger,
  run: DirectRun,
): Promise<RunResult | null> {
  const deadline = Date.now() + trigger.timeoutMs;
  let timer: NodeJS.Timeout | undefined;
  const executed = deps.directRuns!.execute(run);
  const first = await Promise.race([
    executed,
    new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), trigger.timeoutMs))),
  ]);
  clearTimeout(timer);
  if (first === 'timeout') {
    // Answered 504 ("it continues"): should the worker not take it after all, queue it now
    // rather than after the sweeper's grace period.
    void executed
      .then((r) => (r === null ? enqueueRun(deps.sql, run.runId, run.flowId) : undefined))
      .catch((err: unknown) =>
        deps.logger.warn('could not queue a direct run; the sweeper will', {
          runId: run.runId,
          err,
        }),
      );
    return null;
  }
  if (first === null) await enqueueRun(deps.sql, run.runId, run.flowId);
  else if (first.response !== null || FINAL_STATUSES.has(first.status)) return first;
  return deps.waiter.wait(run.runId, Math.max(0, deadline - Date.now()));
}

export function hookRoutes(deps: AppDeps) {
  const limit = deps.env.PAYBRIDGE_BODY_LIMIT_BYTES;
  const handle = async (c: Context) => {
    const path = c.req.path.slice('/hooks/'.length).replace(/\/+$/, '');
    const trigger = await deps.triggers.lookup(path);
    if (!trigger) {
      const owner = path ? await findTriggerOwner(deps.db, path) : null;
      if (owner) {
        // No flow name here: anyone can call /hooks, and a name may say more than it should.
        throw new ApiError(
          409,
          'FLOW_INACTIVE',
          `The flow listening on /hooks/${path} is not active; activate it to accept events`,
        );
      }
      throw new ApiError(404, 'UNKNOWN_TRIGGER', `No flow listens on /hooks/${path}`);
    }
    const all = requestHeaders(c);
    const denied = admitAddress(trigger.security, clientIp(c), all['x-forwarded-for']);
    if (denied) return unauthorized(c, deps.logger, path, denied);
    const bytes = await readRawBody(c, limit);
    const auth = await authenticateRequest(
      trigger.security,
      { headers: all, body: bytes },
      (method, id) => deps.triggers.credentials(method, id, deps.connections),
      Date.now(),
    );
    if (!auth.ok) return unauthorized(c, deps.logger, path, auth.failure);
    // Counted only once authenticated: refused callers cannot use up a real sender's allowance.
    const allowed = await deps.ingressLimits.take(`rest:${path}`, trigger.rateLimit);
    if (!allowed.ok)
      return rateLimitedResponse(c, deps.logger, 'trigger request', trigger.rateLimit, allowed);
    const raw = bytes.toString('utf8');
    const contentType = all['content-type'] ?? '';
    const body = parseHookBody(raw, contentType);
    const headers: Record<string, string> = {};
    for (const k in all) if (!SENSITIVE_HEADERS.has(k)) headers[k] = all[k]!;
    // The trigger kind makes its event of the request; the runtime stores it the same for all.
    const made = trigger.toEvent({
      method: c.req.method,
      path,
      headers,
      query: c.req.query(),
      contentType,
      body,
    });
    if (!made.ok) throw new ApiError(made.status, made.code, made.message);
    const payload = made.event;
    // One check over everything stored (headers with the Idempotency-Key, query, body).
    await admitHookEvent(payload, body, bytes, contentType);
    const key = all['idempotency-key'];
    if (key !== undefined && !KEY_PATTERN.test(key)) {
      throw new ApiError(
        400,
        'INVALID_IDEMPOTENCY_KEY',
        'Idempotency-Key must be 1-255 visible ASCII characters',
      );
    }
    // A verified delivery id dedupes through the events' unique (source, external id), and wins
    // over an Idempotency-Key: the two records would otherwise disagree about a repeat. It
    // dedupes only the same request: a sender reusing an id for another body gets a new event
    // (and a warning in the log), never a silent duplicate. An Idempotency-Key reused with
    // another body is a client error (422), as clients of idempotency keys expect.
    const externalId = auth.deliveryId === undefined ? undefined : `delivery:${auth.deliveryId}`;
    const requestHash = createHash('sha256').update(`${c.req.method}\n${raw}`).digest('hex');
    // A sync flow without effects is executed by this process's worker at once, without the
    // queue; traced requests keep the queue's path, whose runs join the request's trace.
    const direct =
      trigger.mode === 'sync' &&
      trigger.effectFree &&
      deps.directRuns?.ready() === true &&
      activeTracing() === null;
    const result = await deps.ingest.write({
      source: `rest:${path}`,
      payload,
      runs: [
        {
          flowId: trigger.flowId,
          versionId: trigger.versionId,
          ...(direct ? { direct: true } : {}),
        },
      ],
      ...(externalId !== undefined
        ? { externalId, bodyHash: requestHash }
        : key === undefined
          ? {}
          : {
              idempotency: {
                scope: `hook:${path}`,
                key,
                hash: requestHash,
              },
            }),
    });
    if (result.kind === 'conflict') {
      throw new ApiError(
        422,
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was already used with a different request body',
      );
    }
    if (result.kind === 'created' && result.reusedDeliveryId) {
      deps.logger.warn('a delivery id was reused for another body; stored as a new event', {
        path,
        deliveryId: auth.deliveryId,
        eventId: result.eventId,
        previousEventId: result.reusedDeliveryId.previousEventId,
      });
    }
    const runId = result.runIds[0]!;
    if (result.kind === 'duplicate') c.header('Idempotent-Replayed', 'true');
    c.header('X-Paybridge-Run-Id', runId);
    if (trigger.mode === 'async') {
      return c.json({ runId, eventId: result.eventId, status: 'queued' }, 202);
    }
    let outcome: RunResult | null;
    try {
      outcome =
        direct && result.kind === 'created'
          ? await directOutcome(deps, trigger, {
              runId,
              flowId: trigger.flowId,
              flowVersionId: trigger.versionId,
              eventId: result.eventId,
              payload,
            })
          : await deps.waiter.wait(runId, trigger.timeoutMs);
    } catch (err) {
      if (!isDatabaseUnavailable(err)) throw err;
      // The event is stored and its run will go on once the database is back: say so (202),
      // rather than a 503 that would make a sender without a delivery id send it twice.
      deps.logger.warn('sync trigger result unreadable: the database is unreachable', {
        path,
        runId,
      });
      return c.json(
        {
          runId,
          eventId: result.eventId,
          status: 'queued',
          message: 'Accepted; the run result could not be read because the database is unreachable',
        },
        202,
      );
    }
    if (!outcome) {
      return c.json(
        {
          ...errorBody(
            'RUN_TIMEOUT',
            `The run did not respond within ${trigger.timeoutMs} ms; it continues in the background`,
          ),
          runId,
        },
        504,
      );
    }
    if (outcome.response) {
      // JSON, plain text or a download, sandboxed, without cookies, redirects or policy headers.
      const answer = hookAnswer(outcome.response);
      for (const [k, v] of Object.entries(answer.headers)) c.header(k, v);
      if (answer.body === null) return c.body(null, answer.status as 204);
      return c.body(answer.body, answer.status as 200);
    }
    if (outcome.status === 'failed') {
      return c.json(
        {
          ...errorBody(
            outcome.error?.code ?? 'RUN_FAILED',
            outcome.error?.message ?? 'The run failed',
          ),
          runId,
        },
        502,
      );
    }
    return c.json({ runId, status: outcome.status }, 200);
  };
  return new Hono().all('/hooks/*', async (c) => {
    try {
      return await handle(c);
    } catch (err) {
      return unavailableResponse(c, err, deps.logger, 'trigger request');
    }
  });
}
