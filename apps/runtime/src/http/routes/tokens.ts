import { z } from '@hono/zod-openapi';
import { actorOf } from '../../auth/actor';
import { isoTime, type TokenRow } from '../../auth/identity-store';
import { ROLES } from '../../auth/roles';
import { ApiError } from '../api-error';
import type { AppDeps } from '../app-deps';
import { apiRoute } from '../api-route';
import { apiRouter } from '../api-router';
import { jsonBody, jsonResponse } from '../openapi-helpers';
import { errorResponses, IdParam } from '../schemas';

const Token = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    role: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revoked: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('ApiToken');

function view(t: TokenRow): z.infer<typeof Token> {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    role: t.role,
    expiresAt: isoTime(t.expires_at),
    lastUsedAt: isoTime(t.last_used_at),
    revoked: t.revoked_at !== null,
    createdAt: isoTime(t.created_at)!,
  };
}

/** API tokens (admins only): created with a role and optional expiry, shown once, revocable. */
export function tokenRoutes(deps: AppDeps) {
  return apiRouter()
    .openapi(
      apiRoute('admin', {
        method: 'get',
        path: '/',
        summary: 'List API tokens (never their values)',
        responses: { 200: jsonResponse(z.object({ tokens: z.array(Token) }), 'Tokens') },
      }),
      async (c) => c.json({ tokens: (await deps.identity.listTokens()).map(view) }, 200),
    )
    .openapi(
      apiRoute('admin', {
        method: 'post',
        path: '/',
        summary: 'Create an API token; its value is in this response only',
        request: jsonBody(
          z.object({
            name: z.string().trim().min(1).max(100),
            role: z.enum(ROLES as ['viewer', 'operator', 'editor', 'admin']),
            expiresAt: z.coerce.date().optional(),
          }),
        ),
        responses: {
          201: jsonResponse(Token.extend({ token: z.string() }), 'Created'),
          ...errorResponses,
          429: jsonResponse(z.unknown(), 'Too many tokens created'),
        },
      }),
      async (c) => {
        const input = c.req.valid('json');
        const actor = actorOf(c);
        const wait = deps.limits.tokenCreation.hit(actor.id);
        if (wait > 0) {
          c.header('Retry-After', String(wait));
          throw new ApiError(429, 'RATE_LIMITED', 'Too many tokens created; try again shortly');
        }
        if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
          throw new ApiError(400, 'VALIDATION_FAILED', 'expiresAt: must be in the future');
        }
        const { secret, token } = await deps.identity.createToken({
          name: input.name,
          role: input.role,
          expiresAt: input.expiresAt ?? null,
          // A token made with a token is bound to the same person, so it cannot outlive their role.
          createdBy: actor.type === 'user' ? actor.id : (actor.creatorId ?? null),
        });
        await deps.audit.record(c, {
          action: 'token.create',
          targetType: 'token',
          targetId: token.id,
          details: { name: token.name, role: token.role, expiresAt: token.expires_at },
        });
        return c.json({ ...view(token), token: secret }, 201);
      },
    )
    .openapi(
      apiRoute('admin', {
        method: 'delete',
        path: '/{id}',
        summary: 'Revoke an API token',
        request: { params: IdParam },
        responses: { 204: { description: 'Revoked' }, ...errorResponses },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        if (!(await deps.identity.revokeToken(id))) {
          throw new ApiError(404, 'TOKEN_NOT_FOUND', `No active token with id ${id}`);
        }
        await deps.audit.record(c, { action: 'token.revoke', targetType: 'token', targetId: id });
        return c.body(null, 204);
      },
    );
}
