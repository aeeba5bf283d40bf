import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { FlowGraph } from '@paybridge/engine';
import { nodeCatalog } from '@paybridge/nodes/definitions';
import { describe, expect, it } from 'vitest';
import { CatalogProvider } from '../catalog/catalog-context';
import { indexCatalog } from '../catalog/catalog-index';
import { createFlowStore } from '../store/flow-store';
import { FlowStoreProvider } from '../store/flow-store-context';
import { MappingDialog } from './mapping-dialog';
import { parseObjectExpression } from './object-expression';

const catalog = indexCatalog(nodeCatalog());

const node = (id: string, type: string, config: Record<string, unknown> = {}) => ({
  id,
  type,
  typeVersion: 1,
  config,
  position: { x: 0, y: 0 },
});
const edge = (from: string, to: string) => ({
  from: { node: from, port: 'out' },
  to: { node: to, port: 'in' },
});

/** Shopify order event -> get order -> map -> ERP invoice, never run, no sample pinned. */
const graph: FlowGraph = {
  nodes: [
    node('order-event', 'trigger.shopify'),
    node('get-order', 'shopify.get-order', { orderId: '=$trigger.body.id' }),
    node('shape', 'map', { expression: '{}' }),
    node('invoice', 'erp.invoice-from-order'),
  ],
  edges: [edge('order-event', 'get-order'), edge('get-order', 'shape'), edge('shape', 'invoice')],
};

/** A DataTransfer stand-in: happy-dom's drag events carry whatever object they are given. */
function transfer() {
  const data = new Map<string, string>();
  return {
    get types() {
      return [...data.keys()];
    },
    setData: (type: string, value: string) => data.set(type, value),
    getData: (type: string) => data.get(type) ?? '',
    dropEffect: 'none',
    effectAllowed: 'all',
  };
}

function open(nodeId: string, path: string[]) {
  const store = createFlowStore(graph);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <CatalogProvider catalog={catalog}>
        <FlowStoreProvider store={store}>
          <MappingDialog nodeId={nodeId} path={path} flowId={null} onClose={() => {}} />
        </FlowStoreProvider>
      </CatalogProvider>
    </QueryClientProvider>,
  );
  return store;
}

describe('mapping editor sources before any run', () => {
  it('shows the declared output of a connector upstream, with example values', async () => {
    open('shape', ['expression']);
    const tree = await screen.findByLabelText('Available data');
    expect(within(tree).queryByText(/No data: pin a sample/)).toBeNull();
    // get-order is the input: its declared fields, money with its example amount.
    const total = await screen.findByTestId('source-"total"."minor"');
    expect(total.textContent).toContain('4999');
    expect(screen.getByTestId('source-"canMarkAsPaid"')).toBeTruthy();
    expect(screen.getByTestId('source-"transactions".[*]."status"')).toBeTruthy();
    expect(tree.textContent).toContain('example of its declared output');
    // The trigger's order event, from the example the Shopify trigger declares.
    expect(screen.getByTestId('source-"body"."total_price"').textContent).toContain('49.99');
  });

  it('maps a dragged schema field to its path', async () => {
    open('shape', ['expression']);
    const field = await screen.findByTestId('source-"total"."minor"');
    const dataTransfer = transfer();
    fireEvent.dragStart(field, { dataTransfer });
    const target = screen.getByTestId('target-new');
    fireEvent.dragOver(target, { dataTransfer });
    fireEvent.drop(target, { dataTransfer });
    await waitFor(() => {
      const text = screen.getByTestId('mapping-expression').textContent ?? '';
      expect(parseObjectExpression(text)).toEqual([{ key: 'minor', expression: 'total.minor' }]);
    });
  });

  it('shows the document an ERP node posts next to its default mapping', async () => {
    open('invoice', ['mapping']);
    const fields = await screen.findByTestId('document-fields');
    for (const key of ['externalRef', 'customerRef', 'currency', 'date', 'lines', 'tax'])
      expect(within(fields).getByTestId(`document-field-${key}`)).toBeTruthy();
    expect(within(fields).getByTestId('document-field-externalRef').textContent).toContain('*');
    // The default mapping is there as text to edit.
    expect(screen.getByTestId('mapping-expression').textContent).toContain('"externalRef"');
    // Field by field: the document's fields become drop targets.
    fireEvent.click(within(fields).getByRole('button', { name: 'Map field by field' }));
    const target = await screen.findByTestId('target-customerRef');
    const dataTransfer = transfer();
    fireEvent.dragStart(await screen.findByTestId('source-"body"."customer"."id"'), {
      dataTransfer,
    });
    fireEvent.dragOver(target, { dataTransfer });
    fireEvent.drop(target, { dataTransfer });
    await waitFor(() =>
      expect(screen.getByTestId('mapping-expression').textContent).toContain(
        '"customerRef": $trigger.body.customer.id',
      ),
    );
  });
});
