import { z } from '@hono/zod-openapi';
import { apiRoute } from '../api-route';
import { apiRouter } from '../api-router';
import { NodeCatalogEntry, nodeCatalog } from '@paybridge/nodes/definitions';
import { jsonResponse } from '../openapi-helpers';

/** The node catalogue the editor builds its palette and forms from (JSON Schema per node). */
export function catalogRoutes() {
  const catalog = nodeCatalog();
  return apiRouter().openapi(
    apiRoute('viewer', {
      method: 'get',
      path: '/',
      summary: 'Node catalogue with JSON Schemas of each config',
      responses: {
        200: jsonResponse(z.object({ nodeTypes: z.array(NodeCatalogEntry) }), 'Catalogue'),
      },
    }),
    (c) => c.json({ nodeTypes: catalog }, 200),
  );
}
