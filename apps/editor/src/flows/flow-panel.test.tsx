import { fireEvent, render, screen } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import { nodeCatalog } from '@paybridge/nodes/definitions';
import { describe, expect, it } from 'vitest';
import { indexCatalog } from '../editor/catalog/catalog-index';
import { createFlowStore } from '../editor/store/flow-store';
import { FlowStoreProvider } from '../editor/store/flow-store-context';
import { validateFlow } from '../editor/validation/validate-flow';
import { FlowPanel } from './flow-panel';

const graph = {
  nodes: [
    { id: 'trigger', type: 'trigger.rest', typeVersion: 1, config: { path: 'orders' } },
    { id: 'pay', type: 'paytrace.sale', typeVersion: 1, name: 'Charge card', config: {} },
  ],
  edges: [{ from: { node: 'trigger', port: 'out' }, to: { node: 'pay', port: 'in' } }],
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
} as any;

describe('flow panel problems', () => {
  it('lists each problem by node label and field title, selecting the node when clicked', () => {
    const catalog = indexCatalog(nodeCatalog());
    const store = createFlowStore(graph);
    const issues = validateFlow(graph, new Set(catalog.entries.map((e) => e.type)), catalog.get);
    render(
      <ReactFlowProvider>
        <FlowStoreProvider store={store}>
          <FlowPanel
            flow={null}
            description=""
            onDescription={() => {}}
            issues={issues}
            readOnly={false}
            shownRunId={null}
            onOpenRun={() => {}}
          />
        </FlowStoreProvider>
      </ReactFlowProvider>,
    );
    const problems = screen.getByRole('region', { name: 'Problems' });
    expect(problems.textContent).not.toMatch(/nodes\.\d|config\./);
    const amount = screen.getByRole('button', { name: '"Charge card" › Amount: required' });
    expect(store.getState().nodes.find((n) => n.id === 'pay')?.selected).toBeFalsy();
    fireEvent.click(amount);
    expect(store.getState().nodes.find((n) => n.id === 'pay')?.selected).toBe(true);
  });
});
