import { renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeRuntime } from '../../api/fake-runtime.test-support';
import { createFlowStore } from '../store/flow-store';
import { useLatestRun } from './use-latest-run';

const FLOW = '0f0f0f0f-0000-4000-8000-000000000003';
const RUN = '0f0f0f0f-0000-4000-8000-0000000000bb';

const graph = {
  nodes: [
    { id: 'trigger', type: 'trigger.rest', typeVersion: 1, config: {}, position: { x: 0, y: 0 } },
    { id: 'charge', type: 'paytrace.sale', typeVersion: 1, config: {}, position: { x: 0, y: 0 } },
  ],
  edges: [{ from: { node: 'trigger', port: 'out' }, to: { node: 'charge', port: 'in' } }],
};

const step = (seq: number, nodeId: string, status: string, output: unknown) => ({
  seq,
  nodeId,
  nodeType: 'x',
  attempt: 1,
  status,
  port: 'out',
  input: null,
  output,
  error: null,
  startedAt: '',
  finishedAt: '',
  durationMs: 1,
  resumeAt: null,
});

afterEach(() => vi.unstubAllGlobals());

describe('the latest run on open', () => {
  it("paints the flow's latest run: badges and real data for the mapping editor", async () => {
    const calls = fakeRuntime((c) => {
      if (c.path === '/api/runs' && c.query.flowId === FLOW)
        return { body: { runs: [{ id: RUN }], nextCursor: null, changesCursor: '' } };
      if (c.path === `/api/runs/${RUN}`)
        return {
          body: {
            id: RUN,
            status: 'failed',
            steps: [
              step(1, 'trigger', 'succeeded', { body: { id: 7 } }),
              step(2, 'charge', 'failed', null),
            ],
          },
        };
      return undefined;
    });
    const store = createFlowStore(graph);
    renderHook(() => useLatestRun(FLOW, store));
    await waitFor(() => expect(store.getState().run.charge?.status).toBe('failed'));
    expect(store.getState().run.trigger?.output).toEqual({ body: { id: 7 } });
    expect(calls[0]?.query.limit).toBe('1');
  });

  it('leaves a run already shown alone, and does nothing for a new flow', async () => {
    const calls = fakeRuntime(() => undefined);
    const store = createFlowStore(graph);
    renderHook(() => useLatestRun(null, store));
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toEqual([]);
    expect(store.getState().run).toEqual({});
  });
});
