import { PermanentError, type NodeExecutor } from '@paybridge/engine';
import {
  assertCredentialHost,
  httpAuthFor,
  withAuthHeaders,
  type HttpAuth,
} from '../../connections/http/auth-headers';
import { implementNode } from '../../define-node';
import { createAddressPolicy } from '../../http/address-policy';
import { createGuardedAgent, type LookupFunction } from '../../http/guarded-agent';
import { decodeBody } from '../../http/response-body';
import { sendRequest, type InboundResponse } from '../../http/send-request';
import { buildRequest, withHeaderDefault } from './build-request';
import { classifyFailure, classifyResponse } from './classify';
import { httpRequestNode, type HttpRequestConfig, type HttpResponseOutput } from './definition';
import { idempotencyKeyFor, noteAnswered } from './idempotency-key';

/** Default cap on a response body: 10 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
/** Redirect hops followed before the step fails. */
export const MAX_REDIRECTS = 5;

/** Operator settings for outbound HTTP; they come from the runtime's config, never from flows. */
export interface HttpRuntimeOptions {
  /** Private networks flows may reach (e.g. an on-premise ERP), as CIDRs. Default: none. */
  allowPrivateCidrs: readonly string[];
  /** Largest response body accepted, in bytes. Default 10 MiB. */
  maxResponseBytes?: number;
  /** DNS resolver; default the OS resolver. For split-horizon setups and tests. */
  lookup?: LookupFunction;
}

function toOutput(response: InboundResponse, method: string, warn: (m: string) => void) {
  const decoded =
    method === 'HEAD'
      ? { value: null, invalidJson: false }
      : decodeBody(response.body, response.headers['content-type']);
  if (decoded.invalidJson) warn('response declared JSON but did not parse; kept as text');
  const output: HttpResponseOutput = {
    status: response.status,
    headers: response.headers,
    body: decoded.value,
  };
  return output;
}

/**
 * The `http.request` executor for one runtime. It owns one connection pool whose every connection
 * is checked against the address policy at connect time, so the policy holds for DNS rebinding and
 * for each redirect hop as well as for the URL the user typed.
 */
export function createHttpRequestExecutor(
  options: HttpRuntimeOptions,
): NodeExecutor<HttpRequestConfig> {
  const policy = createAddressPolicy(options.allowPrivateCidrs);
  const dispatcher = createGuardedAgent({
    policy,
    ...(options.lookup ? { lookup: options.lookup } : {}),
  });
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;

  return implementNode(httpRequestNode, async (ctx) => {
    let request = buildRequest(ctx.config);
    request = {
      ...request,
      headers: withHeaderDefault(request.headers, 'idempotency-key', await idempotencyKeyFor(ctx)),
    };
    let auth: HttpAuth | undefined;
    if (ctx.connection && ctx.connectionType) {
      auth = httpAuthFor(ctx.connectionType, ctx.connection, request.url);
      request = {
        ...request,
        headers: withAuthHeaders(request.headers, auth),
        credentialHeaders: auth.credentialHeaders,
      };
    }
    const host = request.url.host;
    const timeout = AbortSignal.timeout(ctx.config.timeoutMs);
    let response: InboundResponse;
    try {
      response = await sendRequest(request, {
        dispatcher,
        signal: AbortSignal.any([ctx.signal, timeout]),
        maxRedirects: MAX_REDIRECTS,
        maxResponseBytes,
        // A redirect to a host the connection is not pinned to fails rather than drop the
        // credentials: the service moved, or someone is trying to redirect them; either way an
        // admin should look, and an unauthenticated request would fail anyway.
        ...(auth ? { beforeRedirect: (target: URL) => assertCredentialHost(auth, target) } : {}),
      });
    } catch (err) {
      if (err instanceof PermanentError) throw err;
      throw classifyFailure(err, host, {
        timedOut: timeout.aborted,
        cancelled: ctx.signal.aborted,
      });
    }
    const output = toOutput(response, request.method, (message) =>
      ctx.logger.warn(message, { host: response.url.host, status: response.status }),
    );
    const failure = classifyResponse(
      output,
      response.url.host,
      ctx.config.failOnHttpError,
      ctx.now(),
    );
    await noteAnswered(ctx, output.status);
    if (failure) throw failure;
    return { port: 'out', output };
  });
}
