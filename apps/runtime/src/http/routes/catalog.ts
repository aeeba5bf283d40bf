import { z } from '@hono/zod-openapi';
import { apiRoute } from '../api-route';
import { apiRouter } from '../api-router';
import { nodeCatalog } from '@paybridge/nodes/definitions';

/** The node catalogue the editor builds its palette and forms from (JSON Schema per node). */
export function catalogRoutes() {
  const catalog = nodeCatalog();
  return apiRouter().openapi(
    apiRoute('viewer', {
      method: 'get',
      path: '/node-types',
      summary: 'Node catalogue with JSON Schemas of each config',
      responses: {
        200: {
          description: 'Catalogue',
          content: {
            'application/json': { schema: z.object({ nodeTypes: z.array(z.unknown()) }) },
          },
        },
      },
    }),
    (c) => c.json({ nodeTypes: catalog as unknown[] }, 200),
  );
}
