/**
 * Intuit's OAuth 2.0 server, simulated: the authorization endpoint (`/connect/oauth2`, consent
 * granted at once, redirecting with `code`, `state` and `realmId`) and the token endpoint
 * (`/oauth2/v1/tokens/bearer`, client credentials in HTTP Basic, form-encoded grants
 * `authorization_code` and `refresh_token`), plus revocation. Refresh tokens rotate: the answer
 * to a refresh may carry a new one, and then the old one is dead.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { saveToken, type QboContext } from './context.js';

const ACCOUNTING_SCOPE = 'com.intuit.quickbooks.accounting';

function token(prefix: string): string {
  return `${prefix}${randomBytes(24).toString('base64url')}`;
}

function oauthError(error: string, status = 400): Response {
  return new Response(JSON.stringify({ error }), {
    status,
    headers: { 'content-type': 'application/json;charset=UTF-8', 'cache-control': 'no-store' },
  });
}

function redirectAllowed(sim: QboContext, uri: string): boolean {
  if (sim.settings.redirectUris.length > 0) return sim.settings.redirectUris.includes(uri);
  return /^https?:\/\//.test(uri);
}

/** Issues an access token and (unless kept) a refresh token. */
export function issueTokens(sim: QboContext, keepRefresh?: string) {
  const now = sim.now();
  const access = token('eyJsim.');
  sim.state.oauth.accessTokens.set(access, {
    expiresAt: now + sim.settings.accessTokenLifetimeSeconds * 1000,
  });
  saveToken(sim, 'access', access);
  let refresh = keepRefresh;
  if (!refresh) {
    refresh = token('RT1-');
    sim.state.oauth.refreshTokens.set(refresh, {
      issuedAt: now,
      expiresAt: now + sim.settings.refreshTokenLifetimeSeconds * 1000,
    });
    saveToken(sim, 'refresh', refresh);
  }
  const entry = sim.state.oauth.refreshTokens.get(refresh)!;
  return {
    token_type: 'bearer',
    access_token: access,
    refresh_token: refresh,
    expires_in: sim.settings.accessTokenLifetimeSeconds,
    x_refresh_token_expires_in: Math.floor((entry.expiresAt - now) / 1000),
  };
}

function clientOk(sim: QboContext, header: string | undefined): boolean {
  if (!header?.startsWith('Basic ')) return false;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  return decoded === `${sim.app.clientId}:${sim.app.clientSecret}`;
}

/** Routes of the simulated Intuit OAuth server. */
export function oauthRoutes(sim: QboContext): Hono {
  return new Hono()
    .get('/connect/oauth2', (c) => {
      const q = c.req.query();
      if (q.client_id !== sim.app.clientId) return c.text('Invalid client_id', 400);
      const redirect = q.redirect_uri ?? '';
      if (!redirectAllowed(sim, redirect)) return c.text('The redirect_uri is not registered', 400);
      const target = new URL(redirect);
      if (q.state) target.searchParams.set('state', q.state);
      if (q.response_type !== 'code') {
        target.searchParams.set('error', 'unsupported_response_type');
        return c.redirect(target.toString(), 302);
      }
      if (!(q.scope ?? '').split(/\s+/).includes(ACCOUNTING_SCOPE)) {
        target.searchParams.set('error', 'invalid_scope');
        return c.redirect(target.toString(), 302);
      }
      const code = token('AB11');
      sim.state.oauth.codes.set(code, { redirectUri: redirect, expiresAt: sim.now() + 600_000 });
      target.searchParams.set('code', code);
      target.searchParams.set('realmId', sim.realmId);
      return c.redirect(target.toString(), 302);
    })
    .post('/oauth2/v1/tokens/bearer', async (c) => {
      if (!clientOk(sim, c.req.header('authorization'))) return oauthError('invalid_client', 401);
      const form = await c.req.parseBody();
      const grant = String(form.grant_type ?? '');
      const oauth = sim.state.oauth;
      if (grant === 'authorization_code') {
        const code = String(form.code ?? '');
        const entry = oauth.codes.get(code);
        oauth.codes.delete(code);
        if (!entry || entry.expiresAt <= sim.now() || entry.redirectUri !== form.redirect_uri) {
          return oauthError('invalid_grant');
        }
        return c.json(issueTokens(sim));
      }
      if (grant === 'refresh_token') {
        const refresh = String(form.refresh_token ?? '');
        const entry = oauth.refreshTokens.get(refresh);
        if (!entry || entry.expiresAt <= sim.now()) return oauthError('invalid_grant');
        const rotate =
          sim.settings.refreshTokenRotation === 'every-refresh' ||
          sim.now() - entry.issuedAt >= 24 * 3600_000;
        if (rotate) oauth.refreshTokens.delete(refresh);
        if (rotate) saveToken(sim, 'refresh', refresh);
        return c.json(issueTokens(sim, rotate ? undefined : refresh));
      }
      return oauthError('unsupported_grant_type');
    })
    .post('/oauth2/v1/tokens/revoke', async (c) => {
      if (!clientOk(sim, c.req.header('authorization'))) return oauthError('invalid_client', 401);
      const body = (await c.req.json().catch(() => ({}))) as { token?: string };
      sim.state.oauth.refreshTokens.delete(String(body.token ?? ''));
      sim.state.oauth.accessTokens.delete(String(body.token ?? ''));
      saveToken(sim, 'refresh', String(body.token ?? ''));
      saveToken(sim, 'access', String(body.token ?? ''));
      return c.body(null, 200);
    });
}
