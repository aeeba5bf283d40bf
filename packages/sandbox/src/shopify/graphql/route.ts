/**
 * `POST /admin/api/{version}/graphql.json`. Versions are `YYYY-MM` (01/04/07/10) or `unstable`;
 * one the store does not serve falls forward to the oldest it serves (Shopify's rule) and the
 * answer's `X-Shopify-API-Version` says which was used. Bodies are JSON (`query`, `variables`,
 * `operationName`) or `application/graphql`.
 * @module
 */
import { Hono, type Context } from 'hono';
import type { GraphQLSchema } from 'graphql';
import type { ShopContext } from '../context.js';
import { requireAccessToken } from '../http/auth.js';
import { readBody, sendJson } from '../http/reply.js';
import { servedVersion } from '../core/api-versions.js';
import { runGraphql, type GraphqlRequest } from './run.js';

async function readRequest(c: Context): Promise<GraphqlRequest | null> {
  if ((c.req.header('content-type') ?? '').includes('application/graphql')) {
    const query = await c.req.text();
    return query.trim() === '' ? null : { query };
  }
  const body = await readBody(c);
  if (!body || typeof body.query !== 'string' || body.query.trim() === '') return null;
  const variables = body.variables;
  return {
    query: body.query,
    variables:
      typeof variables === 'object' && variables !== null && !Array.isArray(variables)
        ? (variables as Record<string, unknown>)
        : null,
    operationName: typeof body.operationName === 'string' ? body.operationName : null,
  };
}

/** The Admin GraphQL endpoint. */
export function graphqlRoutes(sim: ShopContext, schema: GraphQLSchema): Hono {
  return new Hono()
    .use('/admin/api/*', requireAccessToken(sim))
    .post('/admin/api/:version/graphql.json', async (c) => {
      const version = servedVersion(sim, c.req.param('version'));
      if (!version) {
        const asked = c.req.param('version');
        return sendJson(404, {
          errors: `Not Found: '${asked}' is not an API version (versions are YYYY-MM with MM 01, 04, 07 or 10, or unstable)`,
        });
      }
      const headers = { 'x-shopify-api-version': version };
      const request = await readRequest(c);
      if (!request) {
        return sendJson(
          400,
          { errors: { query: 'Required parameter missing or invalid' } },
          headers,
        );
      }
      return sendJson(200, await runGraphql(sim, schema, version, request), headers);
    });
}
