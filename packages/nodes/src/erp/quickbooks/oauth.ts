/**
 * Intuit's OAuth 2.0 endpoints: the authorization URL a user is sent to, and the token endpoint
 * (client credentials in HTTP Basic, form-encoded grants) for the authorization code and for
 * refreshing. Every refresh answer's refresh token is the one to keep.
 *
 * @module
 */
import { ErpError } from '../errors';

/** Intuit's OAuth endpoints, or the simulator's under its base URL. */
export interface OAuthEndpoints {
  authorize: string;
  token: string;
}

/** The production endpoints (sandbox companies use the same ones). */
export const INTUIT_OAUTH: OAuthEndpoints = {
  authorize: 'https://appcenter.intuit.com/connect/oauth2',
  token: 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer',
};

/** The simulator's endpoints under `baseUrl`. */
export function simulatorOAuth(baseUrl: string): OAuthEndpoints {
  const base = baseUrl.replace(/\/+$/, '');
  return { authorize: `${base}/connect/oauth2`, token: `${base}/oauth2/v1/tokens/bearer` };
}

/** What the token endpoint answers. */
export interface TokenAnswer {
  accessToken: string;
  refreshToken: string;
  expiresInSeconds: number;
}

/** The URL that asks a user to connect a company to the app. */
export function authorizationUrl(
  endpoints: OAuthEndpoints,
  params: { clientId: string; redirectUri: string; state: string },
): string {
  const url = new URL(endpoints.authorize);
  url.searchParams.set('client_id', params.clientId);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', 'com.intuit.quickbooks.accounting');
  url.searchParams.set('redirect_uri', params.redirectUri);
  url.searchParams.set('state', params.state);
  return url.toString();
}

async function tokenCall(
  endpoints: OAuthEndpoints,
  client: { clientId: string; clientSecret: string },
  form: Record<string, string>,
  fetchFn: typeof fetch,
  signal?: AbortSignal,
): Promise<TokenAnswer> {
  const basic = Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64');
  let response: Response;
  try {
    response = await fetchFn(endpoints.token, {
      method: 'POST',
      headers: {
        authorization: `Basic ${basic}`,
        accept: 'application/json',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(form).toString(),
      ...(signal ? { signal } : {}),
    });
  } catch (err) {
    throw new ErpError('transient', 'QBO_OAUTH_UNREACHABLE', 'Intuit OAuth could not be reached', {
      cause: err,
    });
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.status >= 500 || response.status === 429) {
    throw new ErpError(
      'transient',
      'QBO_OAUTH_UNAVAILABLE',
      `Intuit OAuth answered ${response.status}`,
    );
  }
  if (!response.ok || typeof body.access_token !== 'string') {
    const error = typeof body.error === 'string' ? body.error : `HTTP ${response.status}`;
    throw new ErpError(
      'auth',
      'QBO_OAUTH_REFUSED',
      `Intuit refused the ${form.grant_type} grant (${error}); reconnect QuickBooks Online`,
    );
  }
  return {
    accessToken: body.access_token,
    refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : form.refresh_token!,
    expiresInSeconds: typeof body.expires_in === 'number' ? body.expires_in : 3600,
  };
}

/** Exchanges the authorization code from the redirect for tokens. */
export function exchangeCode(
  endpoints: OAuthEndpoints,
  client: { clientId: string; clientSecret: string },
  code: string,
  redirectUri: string,
  fetchFn: typeof fetch = fetch,
): Promise<TokenAnswer> {
  return tokenCall(
    endpoints,
    client,
    { grant_type: 'authorization_code', code, redirect_uri: redirectUri },
    fetchFn,
  );
}

/** Gets a new access token (and possibly a new refresh token) with a refresh token. */
export function refreshTokens(
  endpoints: OAuthEndpoints,
  client: { clientId: string; clientSecret: string },
  refreshToken: string,
  fetchFn: typeof fetch = fetch,
  signal?: AbortSignal,
): Promise<TokenAnswer> {
  return tokenCall(
    endpoints,
    client,
    { grant_type: 'refresh_token', refresh_token: refreshToken },
    fetchFn,
    signal,
  );
}
