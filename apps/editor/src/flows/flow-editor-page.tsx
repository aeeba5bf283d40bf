import { useQuery } from '@tanstack/react-query';
import { ReactFlowProvider } from '@xyflow/react';
import { useMemo } from 'react';
import type { FlowGraph } from '@paybridge/engine';
import { errorMessage } from '../api/api-failure';
import type { Me } from '../api/auth-api';
import { getNodeCatalog } from '../api/catalog-api';
import { getFlow } from '../api/flows-api';
import { queryKeys } from '../api/query-keys';
import { indexCatalog } from '../editor/catalog/catalog-index';
import { CatalogProvider } from '../editor/catalog/catalog-context';
import { FlowWorkspace } from './flow-workspace';

const EMPTY_GRAPH: FlowGraph = { nodes: [], edges: [] };

/**
 * `/flows/:id` (and `/flows/new`): loads the node catalogue and the flow, then hands both to the
 * workspace. Failures say what failed, with a way back.
 */
export function FlowEditorPage({ flowId, me }: { flowId: string; me: Me }) {
  const isNew = flowId === 'new';
  const catalog = useQuery({
    queryKey: queryKeys.nodeCatalog,
    queryFn: getNodeCatalog,
    staleTime: 5 * 60_000,
  });
  const flow = useQuery({
    queryKey: queryKeys.flow(flowId),
    queryFn: () => getFlow(flowId),
    enabled: !isNew,
    staleTime: Infinity,
  });
  const index = useMemo(() => (catalog.data ? indexCatalog(catalog.data) : null), [catalog.data]);
  // The runtime declares the version's graph with the engine's schema (checked on every save).
  const graph = isNew ? EMPTY_GRAPH : (flow.data?.version.graph ?? null);

  const failed = catalog.error ?? flow.error;
  if (failed) {
    return (
      <main className="page-body">
        <p className="error-text" role="alert">
          Could not open this flow: {errorMessage(failed)}
        </p>
        <a href="/flows">Back to flows</a>
      </main>
    );
  }
  if (!index || !graph) return <p className="centered">Loading flow…</p>;
  return (
    <CatalogProvider catalog={index}>
      <ReactFlowProvider>
        <FlowWorkspace flow={isNew ? null : (flow.data ?? null)} initialGraph={graph} me={me} />
      </ReactFlowProvider>
    </CatalogProvider>
  );
}
