import {
  applyEdgeChanges,
  applyNodeChanges,
  type EdgeChange,
  type NodeChange,
  type XYPosition,
} from '@xyflow/react';
import type { FlowGraph } from '@paybridge/engine';
import { createStore } from 'zustand/vanilla';
import { canvasToGraph, edgeId, graphToCanvas, notesToCanvas } from './graph-convert';
import {
  NOTE_PREFIX,
  type FlowEdge,
  type FlowNode,
  type FlowNodeData,
  type NodeIssue,
  type NodeRunState,
  type NoteNode,
  type NoteNodeData,
} from './flow-types';
import { nextNodeId } from './node-ids';

interface Snapshot {
  nodes: FlowNode[];
  edges: FlowEdge[];
  notes: NoteNode[];
}

/** The editor's document and everything derived for display. */
export interface FlowState {
  nodes: FlowNode[];
  edges: FlowEdge[];
  /** Sticky notes documenting the flow (saved with it, never run). */
  notes: NoteNode[];
  past: Snapshot[];
  future: Snapshot[];
  /** Increments on every document change; compared with `savedRevision` for "unsaved". */
  revision: number;
  savedRevision: number;
  /** Validation problems per node id (stable arrays: unchanged nodes keep theirs). */
  issues: Record<string, NodeIssue[]>;
  /** Step results of the run shown on the canvas, per node id. */
  run: Record<string, NodeRunState>;
}

/** Everything that changes the document goes through these, so undo sees all of it. */
export interface FlowActions {
  load(graph: FlowGraph): void;
  markSaved(): void;
  onNodesChange(changes: NodeChange<FlowNode>[]): void;
  onEdgesChange(changes: EdgeChange<FlowEdge>[]): void;
  /** Records the state before a drag, so one drag is one undo step. */
  beginDrag(): void;
  connect(source: string, sourcePort: string, target: string, targetPort: string): void;
  addNode(type: string, typeVersion: number, position: XYPosition): string;
  /** Changes a node's fields; typing in one field for a while is one undo step. */
  updateNode(id: string, patch: Partial<FlowNodeData>, coalesceKey?: string): void;
  renameNode(id: string, newId: string): void;
  deleteSelected(): void;
  selectOnly(ids: string[]): void;
  /** Adds copied nodes (and the edges among them) with fresh ids, offset and selected. */
  paste(graph: FlowGraph, offset: XYPosition): void;
  setPositions(positions: Record<string, XYPosition>): void;
  /** Adds a sticky note at a canvas position, selected; answers its canvas id. */
  addNote(position: XYPosition, text?: string): string;
  /** Changes a note's text or colour; typing for a while is one undo step. */
  updateNote(id: string, patch: Partial<NoteNodeData>): void;
  /** React Flow's changes to notes: moves, resizes, selection, removal. */
  onNotesChange(changes: NodeChange<NoteNode>[]): void;
  replaceGraph(graph: FlowGraph): void;
  undo(): void;
  redo(): void;
  setIssues(issues: Record<string, NodeIssue[]>): void;
  setRun(run: Record<string, NodeRunState>): void;
  graph(): FlowGraph;
  selectedGraph(): FlowGraph;
}

export type FlowStore = ReturnType<typeof createFlowStore>;

const HISTORY_LIMIT = 100;
const COALESCE_MS = 1200;

function sameIssues(a: NodeIssue[] | undefined, b: NodeIssue[]): boolean {
  return (
    a !== undefined &&
    a.length === b.length &&
    a.every((x, i) => x.message === b[i]?.message && x.path.join('.') === b[i]?.path.join('.'))
  );
}

/**
 * A store per open flow (zustand, the same library React Flow is built on). Components select
 * narrowly: a node card subscribes to its own issues and run state, never to the whole store.
 */
export function createFlowStore(initial: FlowGraph) {
  let lastCoalesce: { key: string; at: number } | null = null;
  return createStore<FlowState & FlowActions>()((set, get) => {
    const snapshot = (): Snapshot => ({
      nodes: get().nodes,
      edges: get().edges,
      notes: get().notes,
    });
    /** Saves the current document for undo, then applies `change`. */
    const commit = (change: Partial<FlowState>, coalesceKey?: string) => {
      const now = Date.now();
      const coalesce =
        coalesceKey !== undefined &&
        lastCoalesce?.key === coalesceKey &&
        now - lastCoalesce.at < COALESCE_MS;
      lastCoalesce = coalesceKey === undefined ? null : { key: coalesceKey, at: now };
      const s = get();
      set({
        ...change,
        past: coalesce ? s.past : [...s.past.slice(-HISTORY_LIMIT + 1), snapshot()],
        future: [],
        revision: s.revision + 1,
      });
    };
    const ids = () => new Set(get().nodes.map((n) => n.id));
    const canvas = graphToCanvas(initial);

    return {
      ...canvas,
      notes: notesToCanvas(initial.notes),
      past: [],
      future: [],
      revision: 0,
      savedRevision: 0,
      issues: {},
      run: {},

      load(graph) {
        set({
          ...graphToCanvas(graph),
          notes: notesToCanvas(graph.notes),
          past: [],
          future: [],
          revision: 0,
          savedRevision: 0,
        });
      },
      markSaved() {
        set({ savedRevision: get().revision });
      },
      onNodesChange(changes) {
        // Selection and measurement are not edits; moves are recorded by beginDrag, removals here.
        const edits = changes.some((c) => c.type === 'remove' || c.type === 'add');
        const moved = changes.some((c) => c.type === 'position');
        const nodes = applyNodeChanges(changes, get().nodes);
        if (edits) {
          const removed = new Set(changes.filter((c) => c.type === 'remove').map((c) => c.id));
          commit({
            nodes,
            edges: get().edges.filter((e) => !removed.has(e.source) && !removed.has(e.target)),
          });
        } else if (moved) set({ nodes, revision: get().revision + 1 });
        else set({ nodes });
      },
      onEdgesChange(changes) {
        const edges = applyEdgeChanges(changes, get().edges);
        if (changes.some((c) => c.type === 'remove' || c.type === 'add')) commit({ edges });
        else set({ edges });
      },
      beginDrag() {
        const s = get();
        set({ past: [...s.past.slice(-HISTORY_LIMIT + 1), snapshot()], future: [] });
        lastCoalesce = null;
      },
      connect(source, sourcePort, target, targetPort) {
        const edge: FlowEdge = {
          id: edgeId(source, sourcePort, target, targetPort),
          source,
          sourceHandle: sourcePort,
          target,
          targetHandle: targetPort,
        };
        commit({ edges: [...get().edges, edge] });
      },
      addNode(type, typeVersion, position) {
        const id = nextNodeId(type, ids());
        const node: FlowNode = {
          id,
          type: 'flow',
          position,
          selected: true,
          data: { type, typeVersion, config: {} },
        };
        commit({
          nodes: [...get().nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node],
        });
        return id;
      },
      updateNode(id, patch, coalesceKey) {
        commit(
          {
            nodes: get().nodes.map((n) =>
              n.id === id ? { ...n, data: { ...n.data, ...patch } } : n,
            ),
          },
          coalesceKey === undefined ? undefined : `${id}:${coalesceKey}`,
        );
      },
      renameNode(id, newId) {
        commit({
          nodes: get().nodes.map((n) => (n.id === id ? { ...n, id: newId } : n)),
          edges: get().edges.map((e) => {
            if (e.source !== id && e.target !== id) return e;
            const source = e.source === id ? newId : e.source;
            const target = e.target === id ? newId : e.target;
            return {
              ...e,
              id: edgeId(source, e.sourceHandle ?? 'out', target, e.targetHandle ?? 'in'),
              source,
              target,
            };
          }),
        });
      },
      deleteSelected() {
        const s = get();
        const removed = new Set(s.nodes.filter((n) => n.selected).map((n) => n.id));
        const edges = s.edges.filter(
          (e) => !e.selected && !removed.has(e.source) && !removed.has(e.target),
        );
        const notes = s.notes.filter((n) => !n.selected);
        if (
          removed.size === 0 &&
          edges.length === s.edges.length &&
          notes.length === s.notes.length
        )
          return;
        commit({ nodes: s.nodes.filter((n) => !removed.has(n.id)), edges, notes });
      },
      selectOnly(selectedIds) {
        const wanted = new Set(selectedIds);
        set({
          nodes: get().nodes.map((n) =>
            Boolean(n.selected) === wanted.has(n.id) ? n : { ...n, selected: wanted.has(n.id) },
          ),
          edges: get().edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
          notes: get().notes.map((n) => (n.selected ? { ...n, selected: false } : n)),
        });
      },
      paste(graph, offset) {
        const taken = ids();
        const renamed = new Map<string, string>();
        for (const n of graph.nodes) {
          const id = nextNodeId(n.id, taken);
          taken.add(id);
          renamed.set(n.id, id);
        }
        const pasted = graphToCanvas({
          nodes: graph.nodes.map((n) => ({
            ...n,
            id: renamed.get(n.id) as string,
            position: { x: n.position.x + offset.x, y: n.position.y + offset.y },
          })),
          edges: graph.edges
            .filter((e) => renamed.has(e.from.node) && renamed.has(e.to.node))
            .map((e) => ({
              from: { node: renamed.get(e.from.node) as string, port: e.from.port },
              to: { node: renamed.get(e.to.node) as string, port: e.to.port },
            })),
        });
        commit({
          nodes: [
            ...get().nodes.map((n) => (n.selected ? { ...n, selected: false } : n)),
            ...pasted.nodes.map((n) => ({ ...n, selected: true })),
          ],
          edges: [...get().edges, ...pasted.edges],
        });
      },
      setPositions(positions) {
        commit({
          nodes: get().nodes.map((n) =>
            positions[n.id] ? { ...n, position: positions[n.id] as XYPosition } : n,
          ),
        });
      },
      replaceGraph(graph) {
        commit({ ...graphToCanvas(graph), notes: notesToCanvas(graph.notes) });
      },
      addNote(position, text = '') {
        const taken = new Set(get().notes.map((n) => n.id));
        let n = get().notes.length + 1;
        while (taken.has(`${NOTE_PREFIX}note-${n}`)) n++;
        const id = `${NOTE_PREFIX}note-${n}`;
        const note: NoteNode = {
          id,
          type: 'note',
          position,
          zIndex: -1,
          width: 220,
          height: 120,
          selected: true,
          data: { text },
        };
        commit({
          nodes: get().nodes.map((x) => (x.selected ? { ...x, selected: false } : x)),
          notes: [...get().notes.map((x) => (x.selected ? { ...x, selected: false } : x)), note],
        });
        return id;
      },
      updateNote(id, patch) {
        commit(
          {
            notes: get().notes.map((n) =>
              n.id === id ? { ...n, data: { ...n.data, ...patch } } : n,
            ),
          },
          `${id}:note`,
        );
      },
      onNotesChange(changes) {
        const notes = applyNodeChanges(changes, get().notes);
        if (changes.some((c) => c.type === 'remove')) commit({ notes });
        else if (
          changes.some((c) => c.type === 'position' || (c.type === 'dimensions' && c.setAttributes))
        )
          set({ notes, revision: get().revision + 1 });
        else set({ notes });
      },
      undo() {
        const s = get();
        const previous = s.past.at(-1);
        if (!previous) return;
        set({
          ...previous,
          past: s.past.slice(0, -1),
          future: [snapshot(), ...s.future],
          revision: s.revision + 1,
        });
        lastCoalesce = null;
      },
      redo() {
        const s = get();
        const next = s.future[0];
        if (!next) return;
        set({
          ...next,
          past: [...s.past, snapshot()],
          future: s.future.slice(1),
          revision: s.revision + 1,
        });
        lastCoalesce = null;
      },
      setIssues(issues) {
        const previous = get().issues;
        const merged: Record<string, NodeIssue[]> = {};
        let changed = Object.keys(previous).length !== Object.keys(issues).length;
        for (const [id, list] of Object.entries(issues)) {
          const old = previous[id];
          if (sameIssues(old, list)) merged[id] = old as NodeIssue[];
          else {
            merged[id] = list;
            changed = true;
          }
        }
        if (changed) set({ issues: merged });
      },
      setRun(run) {
        set({ run });
      },
      graph() {
        return canvasToGraph(get().nodes, get().edges, get().notes);
      },
      selectedGraph() {
        const nodes = get().nodes.filter((n) => n.selected);
        const chosen = new Set(nodes.map((n) => n.id));
        const edges = get().edges.filter((e) => chosen.has(e.source) && chosen.has(e.target));
        return canvasToGraph(nodes, edges);
      },
    };
  });
}
