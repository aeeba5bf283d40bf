import { useCallback, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
  type NodeChange,
} from '@xyflow/react';
import { useCatalog } from '../catalog/catalog-context';
import { categoryStyle } from '../catalog/category-style';
import { portsOf } from '../catalog/node-ports';
import { useFlowStore, useFlowStoreApi } from '../store/flow-store-context';
import { NOTE_PREFIX, type FlowNode, type NoteNode } from '../store/flow-types';
import { connectionProblem } from './connection-rules';
import { labelEdges } from './edge-labels';
import { nodeTypes } from './flow-node';
import { rememberNode } from '../palette/recent-nodes';
import { StickyNoteView } from './sticky-note';

/** Data type of palette drags: `type@version` of the node type. */
export const NODE_DRAG_TYPE = 'application/x-paybridge-node';

/** Data type of a sticky note dragged from the palette. */
export const NOTE_DRAG_TYPE = 'application/x-paybridge-note';

/** Node cards and sticky notes; module-level, as React Flow requires. */
const canvasNodeTypes = { ...nodeTypes, note: StickyNoteView };

type CanvasNode = FlowNode | NoteNode;

function changeId(c: NodeChange<CanvasNode>): string {
  return c.type === 'add' || c.type === 'replace' ? c.item.id : c.id;
}

/** Reads `type@version` as written by the palette. */
export function parseDraggedType(value: string): { type: string; version: number } | null {
  const at = value.lastIndexOf('@');
  if (at <= 0) return null;
  const version = Number(value.slice(at + 1));
  return Number.isInteger(version) ? { type: value.slice(0, at), version } : null;
}

const proOptions = { hideAttribution: true };

/**
 * The canvas: nodes and edges from the flow store, drops from the palette, connections checked
 * with the same rules the runtime applies (a refused one says why), minimap and controls.
 * Every node stays mounted: culling off-screen nodes re-renders the node list on each viewport
 * change, which measured slower for a 200-node flow than letting the browser transform it.
 */
export function FlowCanvas({ readOnly = false }: { readOnly?: boolean }) {
  const store = useFlowStoreApi();
  const catalog = useCatalog();
  const nodes = useFlowStore((s) => s.nodes);
  const edges = useFlowStore((s) => s.edges);
  const onNodesChange = useFlowStore((s) => s.onNodesChange);
  const onEdgesChange = useFlowStore((s) => s.onEdgesChange);
  const notes = useFlowStore((s) => s.notes);
  // Nodes with several outputs, as one string so the selector's result compares by value;
  // cached per node data (unchanged by drags), so moving nodes re-parses no config.
  const outputsCache = useMemo(() => new WeakMap<object, boolean>(), [catalog]);
  const multiOutput = useFlowStore((s) =>
    s.nodes
      .filter((n) => {
        let multi = outputsCache.get(n.data);
        if (multi === undefined) {
          multi =
            portsOf(catalog.get(n.data.type, n.data.typeVersion), n.data.config).outputs.length > 1;
          outputsCache.set(n.data, multi);
        }
        return multi;
      })
      .map((n) => n.id)
      .join('\n'),
  );
  const shownEdges = useMemo(
    () => labelEdges(edges, new Set(multiOutput.split('\n'))),
    [edges, multiOutput],
  );
  // Stable, so the minimap does not redraw its nodes for a new function.
  const minimapColor = useCallback(
    (n: CanvasNode) =>
      n.type === 'note'
        ? '#f5e08a'
        : categoryStyle(catalog.get(n.data.type, n.data.typeVersion)?.category ?? 'core').color,
    [catalog],
  );
  const shownNodes = useMemo<CanvasNode[]>(() => [...notes, ...nodes], [notes, nodes]);
  const onCanvasNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      const forNotes = changes.filter((c) => changeId(c).startsWith(NOTE_PREFIX));
      const forNodes = changes.filter((c) => !changeId(c).startsWith(NOTE_PREFIX));
      if (forNodes.length > 0) onNodesChange(forNodes as NodeChange<FlowNode>[]);
      if (forNotes.length > 0) store.getState().onNotesChange(forNotes as NodeChange<NoteNode>[]);
    },
    [onNodesChange, store],
  );
  const { screenToFlowPosition } = useReactFlow();
  const [refusal, setRefusal] = useState<string | null>(null);
  const refusalTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const problemOf = useCallback(
    (c: Connection | Edge): string | null => {
      const s = store.getState();
      const byId = new Map(s.nodes.map((n) => [n.id, n]));
      return connectionProblem(
        {
          source: c.source,
          sourcePort: c.sourceHandle ?? 'out',
          target: c.target,
          targetPort: c.targetHandle ?? 'in',
        },
        {
          edges: s.edges,
          portsOf: (id) => {
            const node = byId.get(id);
            return node
              ? portsOf(catalog.get(node.data.type, node.data.typeVersion), node.data.config)
              : undefined;
          },
        },
      );
    },
    [store, catalog],
  );

  const showRefusal = (message: string | null) => {
    clearTimeout(refusalTimer.current);
    setRefusal(message);
    if (message) refusalTimer.current = setTimeout(() => setRefusal(null), 4000);
  };

  const onDrop = (e: DragEvent) => {
    if (readOnly) return;
    const position = screenToFlowPosition({ x: e.clientX, y: e.clientY });
    if (e.dataTransfer.types.includes(NOTE_DRAG_TYPE)) {
      e.preventDefault();
      store.getState().addNote({ x: position.x - 110, y: position.y - 20 });
      return;
    }
    const dragged = parseDraggedType(e.dataTransfer.getData(NODE_DRAG_TYPE));
    if (!dragged) return;
    e.preventDefault();
    store
      .getState()
      .addNode(dragged.type, dragged.version, { x: position.x - 100, y: position.y - 30 });
    rememberNode(dragged.type);
  };

  return (
    <div className="canvas" data-testid="canvas">
      <ReactFlow<CanvasNode>
        nodes={shownNodes}
        edges={shownEdges}
        nodeTypes={canvasNodeTypes}
        onNodesChange={onCanvasNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStart={() => store.getState().beginDrag()}
        onSelectionDragStart={() => store.getState().beginDrag()}
        isValidConnection={(c) => problemOf(c) === null}
        onConnect={(c) => {
          const problem = problemOf(c);
          if (problem) return showRefusal(problem);
          store
            .getState()
            .connect(c.source, c.sourceHandle ?? 'out', c.target, c.targetHandle ?? 'in');
        }}
        onConnectEnd={(_, state) => {
          if (state.isValid === false && state.toHandle && state.fromHandle && state.fromNode) {
            const from = state.fromHandle.type === 'source';
            const problem = problemOf({
              source: from ? state.fromNode.id : state.toHandle.nodeId,
              sourceHandle: from ? (state.fromHandle.id ?? null) : (state.toHandle.id ?? null),
              target: from ? state.toHandle.nodeId : state.fromNode.id,
              targetHandle: from ? (state.toHandle.id ?? null) : (state.fromHandle.id ?? null),
            });
            showRefusal(problem);
          }
        }}
        onDragOver={(e) => {
          if (
            e.dataTransfer.types.includes(NODE_DRAG_TYPE) ||
            e.dataTransfer.types.includes(NOTE_DRAG_TYPE)
          ) {
            e.preventDefault();
            e.dataTransfer.dropEffect = 'copy';
          }
        }}
        onDrop={onDrop}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control']}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        elementsSelectable

        fitView
        fitViewOptions={{ maxZoom: 1.2, padding: 0.2 }}
        minZoom={0.1}
        proOptions={proOptions}
        defaultEdgeOptions={{ interactionWidth: 16 }}
      >
        <Background gap={16} />
        <MiniMap pannable zoomable ariaLabel="Minimap" nodeColor={minimapColor} />
        <Controls showInteractive={false} />
      </ReactFlow>
      {refusal && (
        <div className="canvas-refusal" role="alert" data-testid="connection-refused">
          Can’t connect: {refusal}
        </div>
      )}
      {nodes.length === 0 && (
        <div className="canvas-empty">
          Drag a trigger from the palette (or double-click it) to start the flow.
        </div>
      )}
    </div>
  );
}
