import { describe, expect, it } from 'vitest';
import { createFlowStore } from './flow-store';

const graph = {
  nodes: [
    {
      id: 'trigger',
      type: 'trigger.rest',
      typeVersion: 1,
      config: { path: 'a' },
      position: { x: 0, y: 0 },
    },
    { id: 'map', type: 'map', typeVersion: 1, config: {}, position: { x: 200, y: 0 } },
  ],
  edges: [{ from: { node: 'trigger', port: 'out' }, to: { node: 'map', port: 'in' } }],
};

describe('flow store', () => {
  it('undoes and redoes edits, and knows when the document differs from the saved one', () => {
    const store = createFlowStore(graph);
    const s = store.getState;
    expect(s().revision).toBe(s().savedRevision);
    const id = s().addNode('respond', 1, { x: 400, y: 0 });
    expect(id).toBe('respond');
    s().connect('map', 'out', 'respond', 'in');
    expect(s().graph().edges).toHaveLength(2);
    expect(s().revision).not.toBe(s().savedRevision);
    s().undo();
    expect(s().graph().edges).toHaveLength(1);
    s().undo();
    expect(s().graph().nodes).toHaveLength(2);
    s().redo();
    s().redo();
    expect(s().graph().edges).toHaveLength(2);
  });

  it('coalesces typing in one field into one undo step', () => {
    const store = createFlowStore(graph);
    const s = store.getState;
    s().updateNode('map', { config: { expression: 'a' } }, 'expression');
    s().updateNode('map', { config: { expression: 'ab' } }, 'expression');
    s().updateNode('map', { config: { expression: 'abc' } }, 'expression');
    s().undo();
    expect(s().graph().nodes[1]?.config).toEqual({});
  });

  it('deletes selected nodes with their edges, and pastes copies with fresh ids', () => {
    const store = createFlowStore(graph);
    const s = store.getState;
    s().selectOnly(['map']);
    const copied = s().selectedGraph();
    s().paste(copied, { x: 40, y: 40 });
    expect(
      s()
        .graph()
        .nodes.map((n) => n.id),
    ).toEqual(['trigger', 'map', 'map-2']);
    s().selectOnly(['map']);
    s().deleteSelected();
    expect(
      s()
        .graph()
        .nodes.map((n) => n.id),
    ).toEqual(['trigger', 'map-2']);
    expect(s().graph().edges).toEqual([]);
  });

  it('renames a node and keeps its edges', () => {
    const store = createFlowStore(graph);
    store.getState().renameNode('map', 'shape');
    expect(store.getState().graph().edges[0]?.to.node).toBe('shape');
  });
});

describe('sticky notes', () => {
  it('are added, edited, moved, saved with the graph and read back', () => {
    const store = createFlowStore(graph);
    const s = store.getState;
    const id = s().addNote({ x: 10, y: -150 });
    s().updateNote(id, { text: 'Charges the card once per order' });
    s().onNotesChange([{ type: 'position', id, position: { x: 20.4, y: -140 } }]);
    expect(s().revision).not.toBe(s().savedRevision);
    const saved = s().graph();
    expect(saved.notes).toEqual([
      {
        id: 'note-1',
        text: 'Charges the card once per order',
        position: { x: 20, y: -140 },
        width: 220,
        height: 120,
      },
    ]);
    const reopened = createFlowStore(saved);
    expect(reopened.getState().notes.map((n) => n.data.text)).toEqual([
      'Charges the card once per order',
    ]);
    expect(reopened.getState().nodes).toHaveLength(2);
  });

  it('are undone and deleted like nodes, and absent from a graph without any', () => {
    const store = createFlowStore(graph);
    const s = store.getState;
    expect(s().graph()).not.toHaveProperty('notes');
    s().addNote({ x: 0, y: 0 });
    s().undo();
    expect(s().notes).toEqual([]);
    s().redo();
    expect(s().notes).toHaveLength(1);
    s().deleteSelected();
    expect(s().notes).toEqual([]);
    expect(s().nodes).toHaveLength(2);
  });
});
