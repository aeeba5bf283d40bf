import { z } from '@hono/zod-openapi';
import { ConnectionCatalogEntry, connectionCatalog } from '@paybridge/nodes/definitions';
import { actorOf } from '../auth/actor';
import { ApiError } from '../http/api-error';
import type { AppDeps } from '../http/app-deps';
import { apiRoute } from '../http/api-route';
import { apiRouter } from '../http/api-router';
import { jsonBody, jsonResponse } from '../http/openapi-helpers';
import { errorResponses, ErrorResponse, IdParam } from '../http/schemas';
import { RotationInProgressError } from '../secrets/rotate-secrets';
import { SecretDecryptError } from '../secrets/seal';
import { ConnectionError, type ConnectionStore } from './connection-store';
import { testConnection } from './test-connection';

/** What the connection routes need from the runtime. */
export type ConnectionRouteDeps = Pick<
  AppDeps,
  'audit' | 'env' | 'logger' | 'triggers' | 'simulatorUrls'
> & {
  connections: ConnectionStore;
};

const Connection = z
  .object({
    id: z.string(),
    type: z.string(),
    name: z.string(),
    values: z.record(z.string(), z.unknown()).openapi({
      description:
        'Plain fields as stored; every secret field as { "set": true | false }, never its value.',
    }),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Connection');

const Values = z.record(z.string(), z.unknown()).openapi({
  description:
    'Field values. On update, left-out fields and secrets sent as { "set": true } keep their ' +
    'stored value; null clears a field; "" clears a secret (or stores "" where the type allows).',
});

const CreateConnection = z
  .object({ type: z.string().min(1), name: z.string().trim().min(1).max(200), values: Values })
  .openapi('ConnectionInput');

const UpdateConnection = z
  .object({ name: z.string().trim().min(1).max(200).optional(), values: Values.optional() })
  .openapi('ConnectionUpdate');

const TestResult = z.object({ ok: z.boolean(), message: z.string().optional() });

const invalid = { 422: jsonResponse(ErrorResponse, 'Values do not fit the connection type') };

/** Maps store failures to API errors; values issues carry their field paths. */
function apiError(err: unknown): unknown {
  if (err instanceof ConnectionError) {
    return err.kind === 'not-found'
      ? new ApiError(404, 'CONNECTION_NOT_FOUND', err.message)
      : new ApiError(422, 'VALIDATION_FAILED', err.message, { issues: err.issues });
  }
  if (err instanceof SecretDecryptError) {
    return new ApiError(409, 'SECRET_UNREADABLE', `${err.message}; enter the value again`);
  }
  if (err instanceof RotationInProgressError) {
    return new ApiError(409, 'ROTATION_IN_PROGRESS', err.message);
  }
  return err;
}

async function mapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw apiError(err);
  }
}

/**
 * Connections (credentials), mounted under `/connections`. Everyone may read (secret fields
 * only as `{ "set": true }`); creating, changing, deleting and testing are for admins, and each
 * is recorded in the audit log without any value.
 */
export function createConnectionRoutes(deps: ConnectionRouteDeps) {
  const { connections, audit } = deps;
  return apiRouter()
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/',
        summary: 'List connections (secret values are never returned)',
        request: { query: z.object({ type: z.string().optional() }) },
        responses: {
          200: jsonResponse(z.object({ connections: z.array(Connection) }), 'Connections'),
        },
      }),
      async (c) => c.json({ connections: await connections.list(c.req.valid('query').type) }, 200),
    )
    .openapi(
      apiRoute('admin', {
        method: 'post',
        path: '/',
        summary: 'Create a connection; secret values are sealed and never shown again',
        request: jsonBody(CreateConnection),
        responses: { 201: jsonResponse(Connection, 'Created'), ...errorResponses, ...invalid },
      }),
      async (c) => {
        const input = c.req.valid('json');
        const created = await mapped(() =>
          connections.create(
            { type: input.type, name: input.name, values: input.values },
            actorOf(c).label,
          ),
        );
        await audit.record(c, {
          action: 'connection.create',
          targetType: 'connection',
          targetId: created.id,
          details: { type: created.type, name: created.name },
        });
        return c.json(created, 201);
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/{id}',
        summary: 'Get a connection (secret values are never returned)',
        request: { params: IdParam },
        responses: { 200: jsonResponse(Connection, 'Connection'), ...errorResponses },
      }),
      async (c) => c.json(await mapped(() => connections.get(c.req.valid('param').id)), 200),
    )
    .openapi(
      apiRoute('admin', {
        method: 'patch',
        path: '/{id}',
        summary: 'Change a connection; left-out secrets keep their stored value',
        request: { params: IdParam, ...jsonBody(UpdateConnection) },
        responses: {
          200: jsonResponse(Connection, 'Updated'),
          ...errorResponses,
          409: jsonResponse(ErrorResponse, 'A stored secret cannot be decrypted'),
          ...invalid,
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const input = c.req.valid('json');
        const { connection, changedFields } = await mapped(() =>
          connections.update(id, { name: input.name, values: input.values }),
        );
        // Trigger checks in this process use the new secrets at once (others within their TTL).
        deps.triggers.forgetConnection(id);
        await audit.record(c, {
          action: 'connection.update',
          targetType: 'connection',
          targetId: id,
          details: { name: connection.name, changedFields },
        });
        return c.json(connection, 200);
      },
    )
    .openapi(
      apiRoute('admin', {
        method: 'delete',
        path: '/{id}',
        summary: 'Delete a connection (its secrets are erased)',
        description:
          'Refused with 409 while an active flow uses the connection, unless `force=true`: ' +
          'those flows would then fail with CONNECTION_INVALID.',
        request: {
          params: IdParam,
          query: z.object({ force: z.enum(['true', 'false']).default('false') }),
        },
        responses: {
          204: { description: 'Deleted' },
          ...errorResponses,
          409: jsonResponse(ErrorResponse, 'Active flows use the connection'),
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        if (c.req.valid('query').force !== 'true') {
          const flows = await connections.usedBy(id);
          if (flows.length > 0) {
            throw new ApiError(
              409,
              'CONNECTION_IN_USE',
              `Active flows use this connection (${flows.map((f) => f.name).join(', ')}); ` +
                'deactivate them, or delete with force=true',
              { flows },
            );
          }
        }
        const deleted = await mapped(() => connections.delete(id));
        deps.triggers.forgetConnection(id);
        await audit.record(c, {
          action: 'connection.delete',
          targetType: 'connection',
          targetId: id,
          details: { type: deleted.type, name: deleted.name },
        });
        return c.body(null, 204);
      },
    )
    .openapi(
      apiRoute('admin', {
        method: 'post',
        path: '/{id}/test',
        summary: "Check the credentials against the service; answers with the service's message",
        request: { params: IdParam },
        responses: { 200: jsonResponse(TestResult, 'Test result'), ...errorResponses },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const result = await testConnection(connections, id, {
          http: { allowPrivateCidrs: deps.env.PAYBRIDGE_HTTP_ALLOW_CIDRS },
          paytrace: { simulatorUrl: deps.simulatorUrls().paytrace },
          shopify: { simulatorUrl: deps.simulatorUrls().shopify },
        });
        if (!result) throw new ApiError(404, 'CONNECTION_NOT_FOUND', `No connection with id ${id}`);
        await audit.record(c, {
          action: 'connection.test',
          targetType: 'connection',
          targetId: id,
          details: { ok: result.ok },
        });
        return c.json(result, 200);
      },
    );
}

/** Connection types and their fields, mounted under `/connection-types`; everyone may read. */
export function connectionTypeRoutes() {
  const catalog = connectionCatalog();
  return apiRouter().openapi(
    apiRoute('viewer', {
      method: 'get',
      path: '/',
      summary: 'Connection types with JSON Schemas of their fields and their secret fields',
      responses: {
        200: jsonResponse(z.object({ connectionTypes: z.array(ConnectionCatalogEntry) }), 'Types'),
      },
    }),
    (c) => c.json({ connectionTypes: catalog }, 200),
  );
}

/**
 * The master-key rotation, mounted under `/admin/secrets`: admins only, recorded in the audit
 * log without any value.
 */
export function secretRotationRoutes(deps: ConnectionRouteDeps) {
  const { connections, audit } = deps;
  return apiRouter().openapi(
    apiRoute('admin', {
      method: 'post',
      path: '/rotate',
      summary: 'Re-seal every connection secret under a new master key',
      responses: {
        200: jsonResponse(
          z.object({
            activeKid: z.string(),
            connections: z.number().int(),
            values: z.number().int(),
            droppedKids: z.array(z.string()),
            failures: z.array(
              z.object({ connectionId: z.string(), field: z.string(), message: z.string() }),
            ),
          }),
          'Rotation result',
        ),
        409: jsonResponse(ErrorResponse, 'A rotation is already running'),
      },
    }),
    async (c) => {
      const result = await mapped(() => connections.rotateSecrets(deps.logger));
      await audit.record(c, {
        action: 'secrets.rotate',
        targetType: 'secrets',
        details: {
          activeKid: result.activeKid,
          connections: result.connections,
          values: result.values,
          droppedKids: result.droppedKids,
          failures: result.failures.length,
        },
      });
      return c.json(result, 200);
    },
  );
}
