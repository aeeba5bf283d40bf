/**
 * What all PayTrace nodes of one runtime share: the connection pools (one trusted, one bound to
 * the outbound address policy for custom URLs), the OAuth token cache, and where the built-in
 * simulator lives. Built once per executor lookup, so two runtimes in one process never share
 * tokens or policies.
 *
 * @module
 */
import { Agent, type Dispatcher } from 'undici';
import type { HttpRuntimeOptions } from '../../core/http-request/execute';
import { createAddressPolicy } from '../../http/address-policy';
import { createGuardedAgent } from '../../http/guarded-agent';
import { TokenCache } from '../../http/token-cache';

/** PayTrace tokens live two hours: renew a minute before they expire. */
export const PAYTRACE_TOKEN_REFRESH_MARGIN_MS = 60_000;

/** PayTrace settings of the runtime (not of a connection). */
export interface PaytraceRuntimeOptions {
  /** Base URL of the runtime's built-in simulator, for connections in the `simulator` environment. */
  simulatorUrl?: string;
}

/** Shared state of the PayTrace nodes of one runtime. */
export interface PaytraceRuntime {
  readonly simulatorUrl: string | undefined;
  readonly tokens: TokenCache;
  /** The pool to use: trusted hosts skip the address policy, custom URLs obey it. */
  dispatcher(trusted: boolean): Dispatcher;
  /** Wall-clock time in epoch ms, for token lifetimes. */
  now(): number;
}

/** Builds the PayTrace runtime from the runtime's settings. Invalid CIDRs throw here. */
export function createPaytraceRuntime(options: {
  http: HttpRuntimeOptions;
  paytrace?: PaytraceRuntimeOptions;
  now?: () => number;
}): PaytraceRuntime {
  const policy = createAddressPolicy(options.http.allowPrivateCidrs);
  let trusted: Dispatcher | undefined;
  let guarded: Dispatcher | undefined;
  return {
    simulatorUrl: options.paytrace?.simulatorUrl,
    tokens: new TokenCache(PAYTRACE_TOKEN_REFRESH_MARGIN_MS),
    dispatcher(isTrusted) {
      if (isTrusted) return (trusted ??= new Agent());
      return (guarded ??= createGuardedAgent({
        policy,
        ...(options.http.lookup ? { lookup: options.http.lookup } : {}),
      }));
    },
    now: options.now ?? Date.now,
  };
}
