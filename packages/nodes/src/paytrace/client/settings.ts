/**
 * A PayTrace connection's stored values turned into what the client needs: the base URL of the
 * chosen environment, whether it is trusted (PayTrace's hosts and the runtime's own simulator)
 * or must pass the outbound address policy (a custom URL), and timings in milliseconds.
 *
 * @module
 */
import { resolveBaseUrl, storedConnectionValues } from '../../connections/base-url';
import { PAYTRACE_HOSTS, paytraceConnection } from '../connection';

/** Resolved connection settings. Holds the password: never log or return this object. */
export interface PaytraceSettings {
  /** Base URL without trailing slash; `/oauth/token` and `/v1/...` are appended to it. */
  readonly baseUrl: string;
  /** PayTrace's hosts and the runtime's simulator skip the address policy; custom URLs do not. */
  readonly trusted: boolean;
  readonly username: string;
  readonly password: string;
  readonly integratorId: string | undefined;
  readonly allowKeyedEntry: boolean;
  readonly requestTimeoutMs: number;
  readonly unknownOutcomeWaitMs: number;
}

/**
 * Parses a connection's values (re-checked: stored values were valid when saved, but the type may
 * have changed since) and resolves its environment. `simulatorUrl` is the runtime's built-in
 * simulator, absent when the runtime serves none.
 */
export function paytraceSettings(
  values: Readonly<Record<string, unknown>> | undefined,
  simulatorUrl: string | undefined,
): PaytraceSettings {
  const v = storedConnectionValues(paytraceConnection.fields, values, 'PayTrace');
  const { baseUrl, trusted } = resolveBaseUrl(
    { code: 'PAYTRACE', title: 'PayTrace' },
    {
      environment: v.environment,
      hosted:
        v.environment === 'production' || v.environment === 'sandbox'
          ? PAYTRACE_HOSTS[v.environment]
          : undefined,
      custom: v.baseUrl,
      simulatorUrl,
    },
  );
  return {
    baseUrl,
    trusted,
    username: v.username,
    password: v.password,
    integratorId: v.integratorId,
    allowKeyedEntry: v.allowKeyedEntry,
    requestTimeoutMs: Math.round(v.requestTimeoutSeconds * 1000),
    unknownOutcomeWaitMs: Math.round(v.unknownOutcomeWaitSeconds * 1000),
  };
}
