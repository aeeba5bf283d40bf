import { z } from '@hono/zod-openapi';
import { actorOf } from '../../auth/actor';
import { isoTime, type UserRow } from '../../auth/identity-store';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../../auth/passwords';
import { ROLES } from '../../auth/roles';
import { ApiError } from '../api-error';
import type { AppDeps } from '../app-deps';
import { apiRoute } from '../api-route';
import { apiRouter } from '../api-router';
import { jsonBody, jsonResponse } from '../openapi-helpers';
import { errorResponses, IdParam } from '../schemas';

const RoleSchema = z.enum(ROLES as ['viewer', 'operator', 'editor', 'admin']);
const User = z
  .object({
    id: z.string(),
    email: z.string(),
    role: RoleSchema,
    disabled: z.boolean(),
    lastLoginAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('User');

function view(u: UserRow): z.infer<typeof User> {
  return {
    id: u.id,
    email: u.email,
    role: u.role,
    disabled: u.disabled_at !== null,
    lastLoginAt: isoTime(u.last_login_at),
    createdAt: isoTime(u.created_at)!,
  };
}

/** Users (admins only): invite with a password, change role, disable, reset password. */
export function userRoutes(deps: AppDeps) {
  return apiRouter()
    .openapi(
      apiRoute('admin', {
        method: 'get',
        path: '/',
        summary: 'List users',
        responses: { 200: jsonResponse(z.object({ users: z.array(User) }), 'Users') },
      }),
      async (c) => c.json({ users: (await deps.identity.listUsers()).map(view) }, 200),
    )
    .openapi(
      apiRoute('admin', {
        method: 'post',
        path: '/',
        summary: 'Create a user',
        request: jsonBody(
          z.object({
            email: z.string().trim().email().max(320),
            password: z.string().min(MIN_PASSWORD_LENGTH).max(1024),
            role: RoleSchema,
          }),
        ),
        responses: {
          201: jsonResponse(User, 'Created'),
          ...errorResponses,
          409: jsonResponse(z.unknown(), 'Email in use'),
        },
      }),
      async (c) => {
        const input = c.req.valid('json');
        if (await deps.identity.findUserForLogin(input.email)) {
          throw new ApiError(409, 'EMAIL_TAKEN', `A user with email ${input.email} exists`);
        }
        const user = await deps.identity.createUser(
          input.email,
          await hashPassword(input.password),
          input.role,
        );
        await deps.audit.record(c, {
          action: 'user.create',
          targetType: 'user',
          targetId: user.id,
          details: { email: user.email, role: user.role },
        });
        return c.json(view(user), 201);
      },
    )
    .openapi(
      apiRoute('admin', {
        method: 'patch',
        path: '/{id}',
        summary: "Change a user's role, disable or enable them, or set a new password",
        request: {
          params: IdParam,
          ...jsonBody(
            z.object({
              role: RoleSchema.optional(),
              disabled: z.boolean().optional(),
              password: z.string().min(MIN_PASSWORD_LENGTH).max(1024).optional(),
            }),
          ),
        },
        responses: { 200: jsonResponse(User, 'Updated'), ...errorResponses },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const change = c.req.valid('json');
        const actor = actorOf(c);
        // A token acts for its creator, so demoting or disabling the creator locks it out too.
        const self = id === actor.id || (actor.type === 'token' && id === actor.creatorId);
        if (self && (change.disabled || (change.role && change.role !== 'admin'))) {
          throw new ApiError(
            409,
            'SELF_LOCKOUT',
            'You cannot disable yourself or drop your own admin role',
          );
        }
        const user = await deps.identity.updateUser(id, {
          ...(change.role ? { role: change.role } : {}),
          ...(change.disabled === undefined ? {} : { disabled: change.disabled }),
          ...(change.password ? { passwordHash: await hashPassword(change.password) } : {}),
        });
        if (!user) throw new ApiError(404, 'USER_NOT_FOUND', `No user with id ${id}`);
        // Any change to who someone is or what they may do ends their open sessions.
        const revoked = await deps.identity.revokeUserSessions(id);
        await deps.audit.record(c, {
          action: 'user.update',
          targetType: 'user',
          targetId: id,
          details: {
            ...(change.role ? { role: change.role } : {}),
            ...(change.disabled === undefined ? {} : { disabled: change.disabled }),
            passwordChanged: change.password !== undefined,
            sessionsRevoked: revoked,
          },
        });
        return c.json(view(user), 200);
      },
    )
    .openapi(
      apiRoute('admin', {
        method: 'post',
        path: '/{id}/revoke-sessions',
        summary: 'Sign a user out everywhere',
        request: { params: IdParam },
        responses: {
          200: jsonResponse(z.object({ revoked: z.number().int() }), 'Revoked'),
          ...errorResponses,
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        if (!(await deps.identity.getUser(id)))
          throw new ApiError(404, 'USER_NOT_FOUND', `No user with id ${id}`);
        const revoked = await deps.identity.revokeUserSessions(id);
        await deps.audit.record(c, {
          action: 'user.revoke-sessions',
          targetType: 'user',
          targetId: id,
          details: { revoked },
        });
        return c.json({ revoked }, 200);
      },
    );
}
