import { fireEvent, render, screen, within } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import type { ReactNode } from 'react';
import { nodeCatalog } from '@paybridge/nodes/definitions';
import { describe, expect, it } from 'vitest';
import { CatalogProvider } from '../catalog/catalog-context';
import { indexCatalog } from '../catalog/catalog-index';
import { categoryStyle } from '../catalog/category-style';
import { createFlowStore, type FlowStore } from '../store/flow-store';
import { FlowStoreProvider } from '../store/flow-store-context';
import { FlowNodeView } from './flow-node';
import { StickyNoteView } from './sticky-note';

const catalog = indexCatalog(nodeCatalog());

const graph = {
  nodes: [
    { id: 'charge', type: 'paytrace.sale', typeVersion: 1, config: {}, position: { x: 0, y: 0 } },
    { id: 'paid', type: 'shopify.mark-paid', typeVersion: 1, config: {}, position: { x: 0, y: 0 } },
  ],
  edges: [],
};

function wrap(store: FlowStore, children: ReactNode) {
  return (
    <ReactFlowProvider>
      <CatalogProvider catalog={catalog}>
        <FlowStoreProvider store={store}>{children}</FlowStoreProvider>
      </CatalogProvider>
    </ReactFlowProvider>
  );
}

/** The props React Flow hands a node component, for rendering one card alone. */
function props<T, K extends string>(id: string, type: K, data: T, selected = false) {
  return {
    id,
    type,
    data,
    selected,
    dragging: false,
    zIndex: 0,
    isConnectable: true,
    positionAbsoluteX: 0,
    positionAbsoluteY: 0,
    draggable: true,
    selectable: true,
    deletable: true,
  };
}

describe('node cards', () => {
  it("wear their service's colour and icon, name their ports and show the latest run", () => {
    const store = createFlowStore(graph);
    store.getState().setRun({
      charge: {
        status: 'failed',
        port: null,
        input: null,
        output: null,
        error: null,
        durationMs: 5,
      },
    });
    const data = store.getState().nodes[0]?.data;
    render(wrap(store, <FlowNodeView {...props('charge', 'flow' as const, data!)} />));
    const card = screen.getByTestId('node-charge');
    expect(card.dataset.category).toBe('paytrace');
    expect(card.style.getPropertyValue('--cat')).toBe(categoryStyle('paytrace').color);
    expect(card.querySelector('.flow-node-icon svg')).not.toBeNull();
    expect(screen.getByTestId('run-status-charge').textContent).toBe('failed');
    // A payment has approved / declined / error outputs: each port is named on the card.
    for (const port of ['approved', 'declined', 'error'])
      expect(within(card).getByText(port).className).toBe('handle-label');
  });

  it('differ by category: Shopify is not PayTrace', () => {
    expect(categoryStyle('shopify').color).not.toBe(categoryStyle('paytrace').color);
    expect(categoryStyle('erp').title).toBe('ERP');
    expect(categoryStyle('something-new').title).toBe('Something-new');
  });
});

describe('sticky notes', () => {
  it('are written in place and keep their text in the flow', () => {
    const store = createFlowStore(graph);
    const id = store.getState().addNote({ x: 0, y: 0 });
    const note = () => store.getState().notes[0]!;
    const { rerender } = render(
      wrap(store, <StickyNoteView {...props(id, 'note' as const, note().data, true)} />),
    );
    fireEvent.change(screen.getByLabelText('Note text'), {
      target: { value: 'Charges **once** per order' },
    });
    expect(store.getState().graph().notes?.[0]?.text).toBe('Charges **once** per order');
    fireEvent.click(screen.getByRole('button', { name: 'blue' }));
    expect(note().data.color).toBe('blue');
    fireEvent.blur(screen.getByLabelText('Note text'));
    rerender(wrap(store, <StickyNoteView {...props(id, 'note' as const, note().data, false)} />));
    expect(screen.getByTestId('sticky-note-1').querySelector('strong')?.textContent).toBe('once');
  });
});
