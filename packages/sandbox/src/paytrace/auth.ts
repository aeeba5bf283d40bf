/**
 * OAuth for the simulated JSON API v1: `POST /oauth/token` with the password grant (form or JSON
 * body), 7200 s opaque tokens, and a guard for `/v1/*` that answers `invalid_token` for unknown or
 * expired tokens, so connectors can prove they re-authenticate and retry once.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { Hono, type MiddlewareHandler } from 'hono';
import { saveToken, type SimContext, type SimEnv } from './context.js';
import { readBody, text } from './request-body.js';
import { sendJson } from './reply.js';

const INVALID_GRANT =
  'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.';

/** Routes for `/oauth/token`. */
export function authRoutes(sim: SimContext): Hono<SimEnv> {
  return new Hono<SimEnv>().post('/oauth/token', async (c) => {
    const body = await readBody(c);
    if (text(body, 'grant_type') !== 'password') {
      return sendJson(c, sim.settings.invalidGrantStatus, {
        error: 'unsupported_grant_type',
        error_description:
          'The authorization grant type is not supported by the authorization server.',
      });
    }
    const ok =
      text(body, 'username') === sim.credentials.username &&
      text(body, 'password') === sim.credentials.password;
    if (!ok) {
      return sendJson(c, sim.settings.invalidGrantStatus, {
        error: 'invalid_grant',
        error_description: INVALID_GRANT,
      });
    }
    const token = [16, 16, 32].map((n) => randomBytes(n).toString('hex')).join(':');
    const now = sim.now();
    sim.state.tokens.set(token, { expiresAt: now + sim.settings.tokenLifetimeSeconds * 1000 });
    saveToken(sim, token);
    const response = sendJson(c, 200, {
      access_token: token,
      token_type: 'Bearer',
      expires_in: sim.settings.tokenLifetimeSeconds,
      created_at: Math.floor(now / 1000),
    });
    response.headers.set('cache-control', 'no-store');
    return response;
  });
}

/**
 * Rejects `/v1` calls without a live bearer token (the `Bearer` scheme word is case-sensitive).
 * `ping` and the public key of client-side encryption need none.
 */
export function requireToken(sim: SimContext): MiddlewareHandler<SimEnv> {
  return async function requireToken(c, next) {
    if (c.req.path.endsWith('/v1/ping') || c.req.path.endsWith('/v1/e2ee/public-key.pem')) {
      return next();
    }
    const header = c.req.header('authorization') ?? '';
    const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
    const entry = sim.state.tokens.get(token);
    if (!entry || entry.expiresAt <= sim.now()) {
      return sendJson(c, sim.settings.invalidTokenStatus, {
        error: 'invalid_token',
        error_description: 'The access token provided is expired, revoked, malformed or invalid.',
      });
    }
    return next();
  };
}
