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
import { runGraphql, type GraphqlRequest } from './run.js';

const VERSION = /^(\d{4}-(01|04|07|10)|unstable)$/;

/**
 * The versions Shopify serves at `now`: a stable version ships each quarter (January, April,
 * July, October) and is supported for 12 months, so the current one and the three before it;
 * the next quarter's is out as a release candidate; `unstable` always.
 */
export function calendarVersions(now: number): string[] {
  const date = new Date(now);
  const quarter = date.getUTCFullYear() * 4 + Math.floor(date.getUTCMonth() / 3);
  const versions: string[] = [];
  for (let q = quarter - 3; q <= quarter + 1; q++) {
    versions.push(`${Math.floor(q / 4)}-${String((q % 4) * 3 + 1).padStart(2, '0')}`);
  }
  return [...versions, 'unstable'];
}

/** The versions this store serves now (the setting, or Shopify's calendar). */
export function servedVersions(sim: ShopContext): string[] {
  return sim.settings.apiVersions ?? calendarVersions(sim.now());
}

/**
 * The version that answers a request for `asked`: itself when served, else (retired or not out)
 * the oldest supported stable version, Shopify's fall-forward rule; `undefined` when `asked` is
 * not a version at all.
 */
export function servedVersion(sim: ShopContext, asked: string): string | undefined {
  if (!VERSION.test(asked)) return undefined;
  const served = servedVersions(sim);
  if (served.includes(asked)) return asked;
  const stable = served.filter((v) => v !== 'unstable').sort();
  return stable[0] ?? asked;
}

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
