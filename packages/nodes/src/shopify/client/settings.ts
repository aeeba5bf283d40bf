/**
 * A Shopify connection's stored values turned into what the client needs: where the Admin API
 * lives (the store, the runtime's simulator, or a custom URL that must pass the outbound address
 * policy), how to authenticate, and timings in milliseconds.
 *
 * @module
 */
import { resolveBaseUrl, storedConnectionValues } from '../../connections/base-url';
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

/**
 * Parses a connection's values (re-checked: they were valid when saved, but the type may have
 * changed since) and resolves its environment. `simulatorUrl` is the runtime's built-in store
 * simulator, absent when the runtime serves none.
 */
export function shopifySettings(
  values: Readonly<Record<string, unknown>> | undefined,
  simulatorUrl: string | undefined,
): ShopifySettings {
  const v = storedConnectionValues(shopifyConnection.fields, values, 'Shopify');
  const { baseUrl, trusted } = resolveBaseUrl(
    { code: 'SHOPIFY', title: 'Shopify' },
    {
      environment: v.environment,
      hosted: `https://${v.shopDomain}`,
      custom: v.baseUrl,
      simulatorUrl,
    },
  );
  const auth: ShopifyAuth = v.accessToken
    ? { kind: 'access-token', accessToken: v.accessToken }
    : {
        kind: 'client-credentials',
        clientId: v.clientId as string,
        clientSecret: v.clientSecret as string,
      };
  return {
    baseUrl,
    trusted,
    shopDomain: v.shopDomain,
    apiVersion: v.apiVersion,
    auth,
    requestTimeoutMs: Math.round(v.requestTimeoutSeconds * 1000),
    retryBudgetMs: Math.round(v.retryBudgetSeconds * 1000),
    unknownOutcomeWaitMs: Math.round(v.unknownOutcomeWaitSeconds * 1000),
  };
}
