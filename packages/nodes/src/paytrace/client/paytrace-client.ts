/**
 * The typed PayTrace client one node execution uses: validates the request body against its
 * endpoint, adds the integrator id, authenticates with the connection's cached token (renewing it
 * once when PayTrace answers `invalid_token`), and reads the answer against its schema whatever
 * the HTTP status. It decides only what the transport level means; what an answer means for a
 * payment is `classify-answer.ts`.
 *
 * @module
 */
import { PermanentError } from '@paybridge/engine';
import type { z } from 'zod';
import { parseRetryAfter } from '../../http/retry-after';
import type { Endpoint } from './endpoints';
import { PaytraceNotSentError, PaytraceOutcomeUnknownError } from './errors';
import { jsonObject } from './json-body';
import type { PaytraceRuntime } from './runtime';
import type { PaytraceSettings } from './settings';
import { requestToken } from './token';
import { tokenCacheKey, type AccessToken } from '../../http/token-cache';
import { postOnce, type TransportOptions } from './transport';

/** A PayTrace client bound to one connection and one step's abort signal. */
export interface PaytraceClient {
  /** The connection's resolved settings (timings, keyed-entry switch). */
  readonly settings: PaytraceSettings;
  /**
   * Sends `body` to `endpoint` and returns the parsed answer, refusal or decline included.
   * Throws PaytraceNotSentError, PaytraceOutcomeUnknownError or a PermanentError.
   */
  call<Request extends z.ZodType, Answer extends z.ZodType>(
    endpoint: Endpoint<Request, Answer>,
    body: z.input<Request>,
  ): Promise<z.output<Answer>>;
}

function invalidRequest(issues: z.core.$ZodIssue[]): PermanentError {
  // Paths only: values could be card ciphertexts or tokens.
  const fields = [...new Set(issues.map((issue) => issue.path.join('.') || '(body)'))];
  return new PermanentError(
    'PAYTRACE_REQUEST_INVALID',
    `The PayTrace request is invalid in: ${fields.join(', ')}`,
  );
}

/** Creates the client for one execution. */
export function createPaytraceClient(
  runtime: PaytraceRuntime,
  settings: PaytraceSettings,
  signal: AbortSignal,
): PaytraceClient {
  const transport: TransportOptions = {
    dispatcher: runtime.dispatcher(settings.trusted),
    timeoutMs: settings.requestTimeoutMs,
    signal,
  };
  const cacheKey = tokenCacheKey(settings.baseUrl, settings.username, settings.password);
  const token = (): Promise<AccessToken> =>
    runtime.tokens.get(cacheKey, runtime.now(), () =>
      requestToken(settings, transport, runtime.now),
    );

  async function call<Request extends z.ZodType, Answer extends z.ZodType>(
    endpoint: Endpoint<Request, Answer>,
    body: z.input<Request>,
  ): Promise<z.output<Answer>> {
    const checked = endpoint.request.safeParse(body);
    if (!checked.success) throw invalidRequest(checked.error.issues);
    const payload = JSON.stringify({
      ...(checked.data as Record<string, unknown>),
      ...(settings.integratorId === undefined ? {} : { integrator_id: settings.integratorId }),
    });
    const url = new URL(`${settings.baseUrl}${endpoint.path}`);
    for (let round = 1; ; round++) {
      const bearer = await token();
      const wire = await postOnce(
        { url, contentType: 'application/json', body: payload, bearer: bearer.value },
        transport,
      );
      if (wire.status >= 500 || wire.status === 408) {
        throw new PaytraceOutcomeUnknownError(
          `PAYTRACE_HTTP_${wire.status}`,
          `${url.host} answered ${wire.status}; the request may have been processed`,
        );
      }
      if (wire.status === 429) {
        const retryAfterMs = parseRetryAfter(wire.retryAfter, new Date(runtime.now()));
        throw new PaytraceNotSentError('PAYTRACE_THROTTLED', `${url.host} answered 429`, {
          ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        });
      }
      const json = jsonObject(wire.text);
      if (json?.error === 'invalid_token') {
        runtime.tokens.invalidate(cacheKey, bearer.value);
        if (round === 1) continue;
        throw new PaytraceNotSentError(
          'PAYTRACE_TOKEN_REJECTED',
          'PayTrace rejected a freshly issued token twice in a row',
        );
      }
      if (json === undefined) {
        if (wire.status >= 400) {
          throw new PermanentError(
            `PAYTRACE_HTTP_${wire.status}`,
            `${url.host} answered ${wire.status} without a PayTrace answer (is the base URL right?)`,
          );
        }
        throw new PaytraceOutcomeUnknownError(
          'PAYTRACE_ANSWER_UNREADABLE',
          `${url.host} answered ${wire.status} with a body that is not JSON; the request may have been processed`,
        );
      }
      const answer = endpoint.answer.safeParse(json);
      if (!answer.success) {
        throw new PaytraceOutcomeUnknownError(
          'PAYTRACE_ANSWER_UNREADABLE',
          `${url.host} answered in an unexpected shape; the request may have been processed`,
        );
      }
      return answer.data;
    }
  }

  return { settings, call };
}
