import { client, unwrap } from './client';

/**
 * The node catalogue. The runtime declares its entries with `NodeCatalogEntry` from
 * `@paybridge/nodes`, so the typed client reads that type.
 */
export function getNodeCatalog() {
  return unwrap(client.api['node-types'].$get()).then((r) => r.nodeTypes);
}

/** Connection types with their field schemas and secret fields. */
export function getConnectionTypes() {
  return unwrap(client.api['connection-types'].$get()).then((r) => r.connectionTypes);
}
