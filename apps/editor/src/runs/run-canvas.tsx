import { useEffect, useState, type ReactNode } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { FlowGraph } from '@paybridge/engine';
import type { RunDetail } from '../api/runs-api';
import { FlowCanvas } from '../editor/canvas/flow-canvas';
import { runOverlay } from '../editor/runs/run-overlay';
import { createFlowStore } from '../editor/store/flow-store';
import { FlowStoreProvider, useFlowStore } from '../editor/store/flow-store-context';
import { RunNodeDetail } from './run-node-detail';

/**
 * The flow as it was when the run ran (the run's version), read-only, each node painted with
 * the run's status, attempts and duration; the side panel shows the selected node's data, or
 * `summary` while none is selected.
 */
export function RunCanvas({
  graph,
  run,
  summary,
}: {
  graph: FlowGraph;
  run: RunDetail;
  summary: (selectNode: (id: string) => void) => ReactNode;
}) {
  const [store] = useState(() => createFlowStore(graph));
  useEffect(() => {
    store.getState().setRun(runOverlay(run));
  }, [store, run]);
  return (
    <FlowStoreProvider store={store}>
      <div className="run-view-body">
        <FlowCanvas readOnly />
        <aside className="run-view-side">
          <SelectedNode summary={summary} />
        </aside>
      </div>
    </FlowStoreProvider>
  );
}

function SelectedNode({ summary }: { summary: (selectNode: (id: string) => void) => ReactNode }) {
  const selected = useFlowStore((s) => s.nodes.find((n) => n.selected)?.id ?? null);
  const state = useFlowStore((s) => (selected ? s.run[selected] : undefined));
  const selectOnly = useFlowStore((s) => s.selectOnly);
  const { fitView } = useReactFlow();
  const show = (id: string) => {
    selectOnly([id]);
    // Bring the node into view: in a large flow the failed node is a speck when all fits.
    void fitView({ nodes: [{ id }], maxZoom: 1, padding: 1.2, duration: 300 });
  };
  if (!selected) return <>{summary(show)}</>;
  return (
    <>
      <button type="button" className="link-button" onClick={() => selectOnly([])}>
        ← Run summary
      </button>
      <RunNodeDetail nodeId={selected} state={state} />
    </>
  );
}
