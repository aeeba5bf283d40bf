/**
 * Admin API authentication: `POST /admin/oauth/access_token` with the client-credentials grant
 * (form or JSON; `{access_token, scope, expires_in}`, 24-hour `shpat_` tokens), and the
 * `X-Shopify-Access-Token` check of `/admin/api/*`, which accepts the static tokens and live
 * granted ones and otherwise answers Shopify's 401 body.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { Hono, type MiddlewareHandler } from 'hono';
import type { ShopContext } from '../context.js';
import { readBody, sendJson } from './reply.js';
import { saveToken } from '../store/save.js';

/** Shopify's answer to a missing or wrong access token (HTTP 401). */
export const INVALID_TOKEN_BODY = {
  errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
};

const INVALID_CLIENT =
  'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.';

/** Routes of the token endpoint. */
export function authRoutes(sim: ShopContext): Hono {
  return new Hono().post('/admin/oauth/access_token', async (c) => {
    const body = (await readBody(c)) ?? {};
    const grant = body.grant_type;
    if (grant !== 'client_credentials') {
      const error = grant === undefined ? 'invalid_request' : 'unsupported_grant_type';
      return sendJson(400, {
        error,
        error_description: `grant_type ${String(grant ?? 'is missing')}`,
      });
    }
    const { clientId, clientSecret } = sim.credentials;
    if (body.client_id !== clientId || body.client_secret !== clientSecret) {
      return sendJson(400, { error: 'invalid_client', error_description: INVALID_CLIENT });
    }
    const token = `shpat_${randomBytes(16).toString('hex')}`;
    const lifetime = sim.settings.tokenLifetimeSeconds;
    sim.state.tokens.set(token, { expiresAt: sim.now() + lifetime * 1000 });
    saveToken(sim, token);
    return sendJson(
      200,
      { access_token: token, scope: sim.settings.scopes.join(','), expires_in: lifetime },
      { 'cache-control': 'no-store' },
    );
  });
}

/** Whether a token is a static one or a granted one that has not expired. */
export function tokenValid(sim: ShopContext, token: string | undefined): boolean {
  if (!token) return false;
  if (sim.credentials.accessTokens.includes(token)) return true;
  const granted = sim.state.tokens.get(token);
  return granted !== undefined && granted.expiresAt > sim.now();
}

/** Guards `/admin/api/*`. */
export function requireAccessToken(sim: ShopContext): MiddlewareHandler {
  return async function requireAccessToken(c, next) {
    if (!tokenValid(sim, c.req.header('x-shopify-access-token'))) {
      return sendJson(401, INVALID_TOKEN_BODY);
    }
    return next();
  };
}
