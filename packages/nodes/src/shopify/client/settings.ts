/**
 * A Shopify connection's stored values turned into what the client needs: where the Admin API
 * lives (the store, the runtime's simulator, or a custom URL that must pass the outbound address
 * policy), how to authenticate, and timings in milliseconds.
 *
 * @module
 */
import { PermanentError } from '@paybridge/engine';
import { shopifyConnection } from '../connection';

/** How requests are authenticated. Holds secrets: never log or return it. */
export type ShopifyAuth =
  | { readonly kind: 'access-token'; readonly accessToken: string }
  | {
      readonly kind: 'client-credentials';
      readonly clientId: string;
      readonly clientSecret: string;
    };

/** Resolved connection settings. Holds secrets: never log or return this object. */
export interface ShopifySettings {
  /** Origin (and path prefix) without trailing slash; `/admin/...` is appended. */
  readonly baseUrl: string;
  /** The store and the runtime's simulator skip the address policy; custom URLs do not. */
  readonly trusted: boolean;
  readonly shopDomain: string;
  readonly apiVersion: string;
  readonly auth: ShopifyAuth;
  readonly requestTimeoutMs: number;
  readonly retryBudgetMs: number;
  readonly unknownOutcomeWaitMs: number;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Why a custom base URL is unacceptable, or `undefined`. Access tokens travel in every request,
 * so HTTPS is required except on loopback (a local simulator or test double).
 */
export function customBaseUrlProblem(value: string): string | undefined {
  if (!URL.canParse(value)) return 'an absolute https:// URL';
  const url = new URL(value);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)))
    return 'https:// is required (plain http:// only on localhost)';
  if (url.username !== '' || url.password !== '') return 'credentials do not belong in the URL';
  if (url.search !== '' || url.hash !== '') return 'a base URL has no query or fragment';
  return undefined;
}

/**
 * Parses a connection's values (re-checked: they were valid when saved, but the type may have
 * changed since) and resolves its environment. `simulatorUrl` is the runtime's built-in store
 * simulator, absent when the runtime serves none.
 */
export function shopifySettings(
  values: Readonly<Record<string, unknown>> | undefined,
  simulatorUrl: string | undefined,
): ShopifySettings {
  if (values === undefined) {
    throw new PermanentError('CONNECTION_MISSING', 'Choose a Shopify connection for this node');
  }
  const parsed = shopifyConnection.fields.safeParse(values);
  if (!parsed.success) {
    // No issue details: they could quote a secret.
    throw new PermanentError(
      'CONNECTION_INVALID',
      "The Shopify connection's stored values no longer match its type; edit the connection",
    );
  }
  const v = parsed.data;
  let baseUrl: string;
  let trusted = true;
  if (v.environment === 'simulator') {
    if (simulatorUrl === undefined) {
      throw new PermanentError(
        'SHOPIFY_SIMULATOR_UNAVAILABLE',
        'This runtime serves no Shopify simulator; choose another environment',
      );
    }
    baseUrl = simulatorUrl;
  } else if (v.environment === 'custom') {
    const problem = customBaseUrlProblem(v.baseUrl ?? '');
    if (problem !== undefined) {
      throw new PermanentError('CONNECTION_INVALID', `The custom Shopify base URL: ${problem}`);
    }
    baseUrl = v.baseUrl as string;
    trusted = false;
  } else {
    baseUrl = `https://${v.shopDomain}`;
  }
  const auth: ShopifyAuth = v.accessToken
    ? { kind: 'access-token', accessToken: v.accessToken }
    : {
        kind: 'client-credentials',
        clientId: v.clientId as string,
        clientSecret: v.clientSecret as string,
      };
  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    trusted,
    shopDomain: v.shopDomain,
    apiVersion: v.apiVersion,
    auth,
    requestTimeoutMs: Math.round(v.requestTimeoutSeconds * 1000),
    retryBudgetMs: Math.round(v.retryBudgetSeconds * 1000),
    unknownOutcomeWaitMs: Math.round(v.unknownOutcomeWaitSeconds * 1000),
  };
}
