import { z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { apiRoute } from './api-route';
import { apiRouter } from './api-router';
import { publicRoute } from './public-route';
import { routePolicyOf } from './route-policy';

const ok = {
  200: { description: 'ok', content: { 'application/json': { schema: z.object({}) } } },
};

/** A tiny API shaped like the runtime's: one resource router mounted under its prefix. */
function tinyApi() {
  const widgets = apiRouter()
    .openapi(apiRoute('admin', { method: 'delete', path: '/{id}', responses: ok }), (c) =>
      c.json({}, 200),
    )
    .openapi(publicRoute({ method: 'get', path: '/open', responses: ok }), (c) => c.json({}, 200));
  return apiRouter().route('/widgets', widgets);
}

describe('route policy', () => {
  it('belongs to one app: building a second app neither shares nor doubles the first one', () => {
    const first = routePolicyOf(tinyApi(), '/api');
    const second = routePolicyOf(tinyApi(), '/api');
    const expected = {
      roles: [{ method: 'DELETE', path: '/api/widgets/{id}', role: 'admin' }],
      public: [{ method: 'GET', path: '/api/widgets/open' }],
    };
    expect(first).toEqual(expected);
    expect(second).toEqual(expected);
    expect(second.roles).not.toBe(first.roles);
  });

  it('keeps the role out of the served OpenAPI document', () => {
    const api = tinyApi();
    const doc = JSON.stringify(
      api.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 't', version: '1' } }),
    );
    expect(doc).not.toContain('admin');
    expect(doc).toContain('/widgets/{id}');
  });
});
