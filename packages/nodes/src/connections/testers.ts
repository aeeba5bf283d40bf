/**
 * Server-side checks of stored credentials against their service ("Test connection"). Kept out
 * of the browser-safe registry: testers open sockets.
 *
 * @module
 */
import type { HttpRuntimeOptions } from '../core/http-request/execute';
import { paytraceConnectionTester } from '../paytrace/connection-tester';
import type { PaytraceRuntimeOptions } from '../paytrace/client/runtime';
import { shopifyConnectionTester } from '../shopify/connection-tester';
import type { ShopifyRuntimeOptions } from '../shopify/client/runtime';
import { createAddressPolicy } from '../http/address-policy';
import { createGuardedAgent } from '../http/guarded-agent';
import { sendRequest } from '../http/send-request';
import { assertCredentialHost, httpAuthFor } from './http/auth-headers';
import type { ConnectionTypeName } from './registry';
import { smtpConnectionTester } from './smtp/tester';

/** What a test found; `message` is the service's answer in a sentence, shown to the admin. */
export type ConnectionTestResult = { ok: true; message?: string } | { ok: false; message: string };

/** What a tester may use besides the values. */
export interface ConnectionTestContext {
  /** Aborted when the runtime's test timeout expires. */
  signal: AbortSignal;
  /** The runtime's outbound HTTP settings, so a test obeys the same network policy as flows. */
  http?: HttpRuntimeOptions;
  /** The runtime's PayTrace settings (where its built-in simulator is). */
  paytrace?: PaytraceRuntimeOptions;
  /** The runtime's Shopify settings (where its built-in store simulator is). */
  shopify?: ShopifyRuntimeOptions;
}

/** Checks decrypted values against the service. Throwing counts as a failed test. */
export type ConnectionTester = (
  values: Readonly<Record<string, unknown>>,
  ctx: ConnectionTestContext,
) => Promise<ConnectionTestResult>;

/** Longest piece of a failing answer's body quoted in the result. */
const MAX_QUOTE = 200;

/** GETs the connection's test URL with its auth headers; a 2xx answer passes. */
function httpAuthTester(type: string): ConnectionTester {
  return async (values, ctx) => {
    const testUrl = values.testUrl;
    if (typeof testUrl !== 'string' || testUrl === '') {
      return { ok: false, message: 'Set a test URL to check these credentials against' };
    }
    const url = new URL(testUrl);
    let auth;
    try {
      auth = httpAuthFor(type, values, url);
    } catch (err) {
      return { ok: false, message: err instanceof Error ? err.message : String(err) };
    }
    const dispatcher = createGuardedAgent({
      policy: createAddressPolicy(ctx.http?.allowPrivateCidrs ?? []),
      ...(ctx.http?.lookup ? { lookup: ctx.http.lookup } : {}),
    });
    try {
      const response = await sendRequest(
        {
          method: 'GET',
          url,
          headers: { 'user-agent': 'Paybridge', ...auth.headers },
          credentialHeaders: auth.credentialHeaders,
        },
        {
          dispatcher,
          signal: ctx.signal,
          maxRedirects: 5,
          maxResponseBytes: 64 * 1024,
          beforeRedirect: (target) => assertCredentialHost(auth, target),
        },
      );
      if (response.status >= 200 && response.status < 300) {
        return { ok: true, message: `${url.host} answered ${response.status}` };
      }
      const quote = new TextDecoder().decode(response.body).trim().slice(0, MAX_QUOTE);
      return {
        ok: false,
        message: `${url.host} answered ${response.status}${quote ? `: ${quote}` : ''}`,
      };
    } finally {
      await dispatcher.close().catch(() => undefined);
    }
  };
}

/**
 * Testers by connection type; a type without one can only be checked for complete, decryptable
 * values. Optional per type, so registering a type in `registry.ts` needs nothing here.
 */
export const connectionTesters: Readonly<Partial<Record<ConnectionTypeName, ConnectionTester>>> &
  Readonly<Record<string, ConnectionTester | undefined>> = {
  'http.header-auth': httpAuthTester('http.header-auth'),
  'http.basic-auth': httpAuthTester('http.basic-auth'),
  paytrace: paytraceConnectionTester,
  shopify: shopifyConnectionTester,
  smtp: smtpConnectionTester,
};
