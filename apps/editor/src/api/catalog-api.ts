import type { ConnectionCatalogEntry, NodeCatalogEntry } from '@paybridge/nodes/definitions';
import { client, unwrap } from './client';

/**
 * The node catalogue. The runtime types it loosely (`unknown[]`); its entries are built by
 * `catalogEntry` in `@paybridge/nodes`, whose type this casts to.
 */
export function getNodeCatalog(): Promise<NodeCatalogEntry[]> {
  return unwrap(client.api['node-types'].$get()).then(
    (r) => r.nodeTypes as unknown as NodeCatalogEntry[],
  );
}

/** Connection types with their field schemas and secret fields. */
export function getConnectionTypes(): Promise<ConnectionCatalogEntry[]> {
  return unwrap(client.api['connection-types'].$get()).then(
    (r) => r.connectionTypes as unknown as ConnectionCatalogEntry[],
  );
}
