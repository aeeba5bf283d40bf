import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useCatalog } from '../catalog/catalog-context';
import { canvasToGraph } from '../store/graph-convert';
import { useFlowStore, useFlowStoreApi } from '../store/flow-store-context';
import { validateFlow, type FlowIssues } from '../validation/validate-flow';

const EMPTY: FlowIssues = { byNode: {}, flow: [], count: 0, warnings: [], problems: [] };

/**
 * Re-validates the flow shortly after each change (not on every keystroke) and puts the issues
 * on the nodes. Moves and selection do not change validity, so only ids, node data and edges
 * are watched.
 */
export function useLiveValidation(delayMs = 150): FlowIssues {
  const store = useFlowStoreApi();
  const catalog = useCatalog();
  const data = useFlowStore(useShallow((s) => s.nodes.map((n) => n.data)));
  const ids = useFlowStore(useShallow((s) => s.nodes.map((n) => n.id)));
  const edges = useFlowStore(
    useShallow((s) =>
      s.edges.map((e) => `${e.source}:${e.sourceHandle}>${e.target}:${e.targetHandle}`),
    ),
  );
  const [result, setResult] = useState<FlowIssues>(EMPTY);
  useEffect(() => {
    const timer = setTimeout(() => {
      const s = store.getState();
      const known = new Set(catalog.entries.map((e) => e.type));
      const issues = validateFlow(canvasToGraph(s.nodes, s.edges), known, (type, version) =>
        catalog.get(type, version),
      );
      s.setIssues(issues.byNode);
      setResult(issues);
    }, delayMs);
    return () => clearTimeout(timer);
  }, [store, catalog, delayMs, data, ids, edges]);
  return result;
}
