import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { clientIp } from '../../auth/actor';
import { SESSION_COOKIE } from '../../auth/authenticate';
import {
  dummyPasswordHash,
  hashPassword,
  MIN_PASSWORD_LENGTH,
  verifyPassword,
} from '../../auth/passwords';
import { ApiError } from '../api-error';
import type { AppDeps } from '../app-deps';
import { apiRouter } from '../api-router';
import { publicRoute } from '../public-route';
import { jsonBody, jsonResponse } from '../openapi-helpers';

/**
 * Per account: 5 attempts in a 15-minute window (a successful sign-in starts afresh); more are
 * refused unchecked until the window passes.
 */
const ACCOUNT_LIMIT = 5;
/** Per address: 20 unsuccessful attempts in 15 minutes, across accounts (password spraying). */
const IP_LIMIT = 20;
const WINDOW_S = 15 * 60;

const Credentials = z.object({
  email: z.string().trim().email().max(320),
  password: z.string().min(1).max(1024),
});
const SessionView = z.object({
  user: z.object({ id: z.string(), email: z.string(), role: z.string() }),
  csrfToken: z.string(),
  expiresAt: z.string(),
});

function isHttps(c: Context, publicUrl: string | undefined): boolean {
  return (publicUrl ?? c.req.url).startsWith('https:');
}

/**
 * Sign-in, sign-out, the current identity, and creating the first admin. These are the only API
 * routes reachable without credentials.
 */
export function authRoutes(deps: AppDeps) {
  const startSession = async (c: Context, user: { id: string; email: string; role: string }) => {
    const s = await deps.identity.createSession(
      user.id,
      clientIp(c),
      c.req.header('user-agent') ?? null,
    );
    setCookie(c, SESSION_COOKIE, s.secret, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: isHttps(c, deps.env.PAYBRIDGE_PUBLIC_URL),
      path: '/',
      expires: s.expiresAt,
    });
    return { user, csrfToken: s.csrfToken, expiresAt: s.expiresAt.toISOString() };
  };

  return apiRouter()
    .openapi(
      publicRoute({
        method: 'post',
        path: '/login',
        summary: 'Sign in; sets the session cookie and returns the CSRF token',
        request: jsonBody(Credentials),
        responses: { 200: jsonResponse(SessionView, 'Signed in') },
      }),
      async (c) => {
        const { email, password } = c.req.valid('json');
        const ip = clientIp(c) ?? 'unknown';
        // Counted before the password is checked, so concurrent guesses cannot outrun the limit.
        const attempt = await deps.identity.countLoginAttempt(email, ip, WINDOW_S);
        const wait = Math.max(
          attempt.account.count > ACCOUNT_LIMIT ? attempt.account.retryAfterS : 0,
          attempt.ip.count > IP_LIMIT ? attempt.ip.retryAfterS : 0,
        );
        if (wait > 0) {
          await deps.audit.record(c, {
            action: 'login.throttled',
            targetType: 'user',
            details: { email },
          });
          c.header('Retry-After', String(wait));
          throw new ApiError(429, 'RATE_LIMITED', 'Too many failed sign-ins; try again later');
        }
        const user = await deps.identity.findUserForLogin(email);
        const ok = await verifyPassword(
          password,
          user?.password_hash ?? (await dummyPasswordHash()),
        );
        if (!user || !ok || user.disabled_at) {
          await deps.audit.record(c, {
            action: 'login.fail',
            targetType: 'user',
            details: { email },
          });
          throw new ApiError(401, 'LOGIN_FAILED', 'Wrong email or password');
        }
        await deps.identity.releaseLoginAttempt(email, ip, WINDOW_S);
        await deps.identity.markLogin(user.id);
        const view = await startSession(c, { id: user.id, email: user.email, role: user.role });
        await deps.audit.record(
          c,
          { action: 'login.success', targetType: 'user', targetId: user.id },
          { type: 'user', id: user.id, label: user.email, role: user.role },
        );
        return c.json(view, 200);
      },
    )
    .openapi(
      publicRoute({
        method: 'post',
        path: '/logout',
        summary: 'Sign out: revokes the current session',
        responses: { 204: { description: 'Signed out' } },
      }),
      async (c) => {
        const actor = c.get('actor') as { sessionHash?: string } | undefined;
        if (actor?.sessionHash) {
          await deps.identity.revokeSession(actor.sessionHash);
          await deps.audit.record(c, { action: 'logout' });
        }
        deleteCookie(c, SESSION_COOKIE, { path: '/' });
        return c.body(null, 204);
      },
    )
    .openapi(
      publicRoute({
        method: 'get',
        path: '/me',
        summary: 'The current identity (401 when signed out)',
        responses: {
          200: jsonResponse(
            z.object({
              type: z.string(),
              id: z.string(),
              label: z.string(),
              role: z.string(),
              csrfToken: z.string().nullable(),
            }),
            'Identity',
          ),
        },
      }),
      async (c) => {
        const actor = c.get('actor') as
          { type: string; id: string; label: string; role: string } | undefined;
        if (!actor) throw new ApiError(401, 'UNAUTHENTICATED', 'Not signed in');
        const csrf = (c.get('csrfToken') as string | undefined) ?? null;
        return c.json(
          { type: actor.type, id: actor.id, label: actor.label, role: actor.role, csrfToken: csrf },
          200,
        );
      },
    )
    .openapi(
      publicRoute({
        method: 'get',
        path: '/setup',
        summary: 'Whether the first admin still has to be created',
        responses: { 200: jsonResponse(z.object({ needsSetup: z.boolean() }), 'Status') },
      }),
      async (c) => c.json({ needsSetup: (await deps.identity.countUsers()) === 0 }, 200),
    )
    .openapi(
      publicRoute({
        method: 'post',
        path: '/setup',
        summary: 'Create the first admin with the one-time setup token printed at start',
        request: jsonBody(
          Credentials.extend({
            token: z.string().min(10).max(200),
            password: z.string().min(MIN_PASSWORD_LENGTH).max(1024),
          }),
        ),
        responses: { 201: jsonResponse(SessionView, 'Admin created and signed in') },
      }),
      async (c) => {
        const input = c.req.valid('json');
        if (!(await deps.identity.consumeSetupToken(input.token))) {
          await deps.audit.record(c, { action: 'setup.fail' });
          throw new ApiError(
            403,
            'SETUP_REFUSED',
            'The setup link is invalid, used or expired, or an admin exists',
          );
        }
        const user = await deps.identity.createUser(
          input.email,
          await hashPassword(input.password),
          'admin',
        );
        await deps.audit.record(
          c,
          {
            action: 'user.create',
            targetType: 'user',
            targetId: user.id,
            details: { email: user.email, role: 'admin', via: 'setup' },
          },
          { type: 'user', id: user.id, label: user.email, role: user.role },
        );
        return c.json(
          await startSession(c, { id: user.id, email: user.email, role: user.role }),
          201,
        );
      },
    );
}
