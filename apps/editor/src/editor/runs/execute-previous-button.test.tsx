import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { FlowGraph } from '@paybridge/engine';
import { nodeCatalog } from '@paybridge/nodes/definitions';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeRuntime, type FakeCall } from '../../api/fake-runtime.test-support';
import { CatalogProvider } from '../catalog/catalog-context';
import { indexCatalog } from '../catalog/catalog-index';
import { MappingDialog } from '../mapping/mapping-dialog';
import { createFlowStore, type FlowStore } from '../store/flow-store';
import { FlowStoreProvider } from '../store/flow-store-context';
import { ExecutePreviousProvider } from './execute-previous-button';
import { useTestRun } from './use-test-run';

const catalog = indexCatalog(nodeCatalog());
const FLOW = '0f0f0f0f-0000-4000-8000-000000000007';
const RUN = '0f0f0f0f-0000-4000-8000-0000000000bb';
const sample = { body: { id: '8100000000000000001', customer: 'cust-1' } };

const node = (id: string, type: string, config: Record<string, unknown> = {}) => ({
  id,
  type,
  typeVersion: 1,
  config,
  position: { x: 0, y: 0 },
});

/** REST order -> PayTrace sale on connection `pt` -> map (whose mapping is open). */
const graph: FlowGraph = {
  nodes: [
    node('trigger', 'trigger.rest', { path: 'orders' }),
    node('sale', 'paytrace.sale', {
      connectionId: 'pt',
      source: { kind: 'vault', customerId: '=body.customer' },
      amount: 1999,
      currency: 'USD',
    }),
    node('shape', 'map', { expression: '{}' }),
  ],
  edges: [
    { from: { node: 'trigger', port: 'out' }, to: { node: 'sale', port: 'in' } },
    { from: { node: 'sale', port: 'approved' }, to: { node: 'shape', port: 'in' } },
  ],
};

const step = (seq: number, nodeId: string, output: unknown, port = 'out') => ({
  seq,
  nodeId,
  nodeType: nodeId,
  attempt: 1,
  status: 'succeeded',
  port,
  input: null,
  output,
  error: null,
  startedAt: '',
  finishedAt: '',
  durationMs: 1,
  resumeAt: null,
});

/** The fake runtime: one PayTrace connection in `environment`, a finished test run. */
function runtime(
  environment: string,
  steps = [
    step(0, 'trigger', sample),
    step(1, 'sale', { transactionId: 'TX-REAL-4242', approved: true }, 'approved'),
  ],
): FakeCall[] {
  return fakeRuntime((c) => {
    if (c.path === '/api/connections')
      return {
        body: {
          connections: [
            { id: 'pt', type: 'paytrace', name: 'Main account', values: { environment } },
          ],
        },
      };
    if (c.path === `/api/flows/${FLOW}/samples`)
      return { body: { samples: [{ nodeId: 'trigger', payload: sample, updatedAt: '' }] } };
    if (c.path === `/api/flows/${FLOW}/run`)
      return { status: 202, body: { runId: RUN, eventId: 'e', status: 'queued' } };
    if (c.path === `/api/runs/${RUN}`)
      return {
        body: {
          id: RUN,
          status: 'succeeded',
          stopAfter: 'sale',
          test: 'simulator',
          failedNodeId: null,
          steps,
        },
      };
    return undefined;
  });
}

/** The mapping editor of `nodeId` in a workspace that runs test runs as the real one does. */
function Workspace({ store, nodeId }: { store: FlowStore; nodeId: string }) {
  const testRun = useTestRun(store);
  return (
    <ExecutePreviousProvider
      value={{
        busy: testRun.running,
        run: async (stopAfter, liveCalls) => {
          await testRun.start(FLOW, { stopAfter, test: true, ...(liveCalls ? { liveCalls } : {}) });
        },
      }}
    >
      <MappingDialog nodeId={nodeId} path={['expression']} flowId={FLOW} onClose={() => {}} />
    </ExecutePreviousProvider>
  );
}

function open(flow: FlowGraph = graph, nodeId = 'shape') {
  const store = createFlowStore(flow);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <CatalogProvider catalog={catalog}>
        <FlowStoreProvider store={store}>
          <Workspace store={store} nodeId={nodeId} />
        </FlowStoreProvider>
      </CatalogProvider>
    </QueryClientProvider>,
  );
  return store;
}

const runBody = (calls: FakeCall[]) =>
  calls.find((c) => c.method === 'POST' && c.path.endsWith('/run'))?.body;

afterEach(() => vi.unstubAllGlobals());

describe('Execute previous nodes', () => {
  it('asks before a live PayTrace call, runs on the simulator by default, and maps real outputs', async () => {
    const calls = runtime('production');
    open();
    fireEvent.click(await screen.findByTestId('execute-previous'));
    const ask = await screen.findByTestId('live-calls-dialog');
    expect(ask.textContent).toContain('sale (Main account)');
    expect(runBody(calls)).toBeUndefined();
    fireEvent.click(screen.getByRole('button', { name: 'Use the simulator' }));

    await waitFor(() =>
      expect(runBody(calls)).toEqual({ payload: sample, stopAfter: ['sale'], test: true }),
    );
    // The source tree now holds what the sale really answered, not its schema's example.
    await waitFor(() =>
      expect(screen.getByTestId('source-"transactionId"').textContent).toContain('TX-REAL-4242'),
    );
  });

  it('calls live PayTrace only when the user says so', async () => {
    const calls = runtime('production');
    open();
    fireEvent.click(await screen.findByTestId('execute-previous'));
    fireEvent.click(await screen.findByRole('button', { name: 'Call live PayTrace' }));
    await waitFor(() =>
      expect(runBody(calls)).toEqual({
        payload: sample,
        stopAfter: ['sale'],
        test: true,
        liveCalls: 'confirmed',
      }),
    );
  });

  it('runs at once when no live PayTrace connection is in the way', async () => {
    const calls = runtime('simulator');
    open();
    fireEvent.click(await screen.findByTestId('execute-previous'));
    await waitFor(() => expect(runBody(calls)).toMatchObject({ stopAfter: ['sale'], test: true }));
    expect(screen.queryByTestId('live-calls-dialog')).toBeNull();
  });

  it('after a merge, runs every way into the node and maps the data of the way that ran', async () => {
    // A branch sends big orders to review, the rest to accept; both lead to "book".
    const merge: FlowGraph = {
      nodes: [
        node('trigger', 'trigger.rest', { path: 'orders' }),
        node('route', 'branch', { rules: [{ port: 'big', when: 'body.total > 100' }] }),
        node('review', 'map', { expression: '{ "way": "review" }' }),
        node('accept', 'map', { expression: '{ "way": "accept" }' }),
        node('book', 'map', { expression: '{}' }),
      ],
      edges: [
        { from: { node: 'trigger', port: 'out' }, to: { node: 'route', port: 'in' } },
        { from: { node: 'route', port: 'big' }, to: { node: 'review', port: 'in' } },
        { from: { node: 'route', port: 'default' }, to: { node: 'accept', port: 'in' } },
        { from: { node: 'review', port: 'out' }, to: { node: 'book', port: 'in' } },
        { from: { node: 'accept', port: 'out' }, to: { node: 'book', port: 'in' } },
      ],
    };
    const calls = runtime('simulator', [
      step(0, 'trigger', sample),
      step(1, 'route', sample.body, 'default'),
      step(2, 'accept', { way: 'accept', checked: 'by the run' }),
    ]);
    open(merge, 'book');
    fireEvent.click(await screen.findByTestId('execute-previous'));
    await waitFor(() =>
      expect(runBody(calls)).toEqual({
        payload: sample,
        stopAfter: ['review', 'accept'],
        test: true,
      }),
    );
    // The input is what reached "book" on the way the run took, not the first wire's node.
    const input = await screen.findByRole('heading', { name: /^Input \(from accept\)/ });
    await waitFor(() => expect(input.closest('section')?.textContent).toContain('by the run'));
    expect(screen.queryByRole('heading', { name: /^Input \(from review\)/ })).toBeNull();
  });
});
