import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render, renderHook, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeRuntime } from '../../api/fake-runtime.test-support';
import { RunToHereButton } from '../inspector/run-to-here-button';
import { createFlowStore } from '../store/flow-store';
import { RunPayloadDialog } from './run-payload-dialog';
import { useTestRun } from './use-test-run';

const FLOW = '0f0f0f0f-0000-4000-8000-000000000002';
const RUN = '0f0f0f0f-0000-4000-8000-0000000000aa';
const sample = { body: { id: 42 } };

const graph = {
  nodes: [
    { id: 'trigger', type: 'trigger.rest', typeVersion: 1, config: { path: 'x' } },
    { id: 'shape', type: 'map', typeVersion: 1, config: { expression: 'body' } },
    { id: 'notify', type: 'map', typeVersion: 1, config: { expression: '1' } },
  ],
  edges: [
    { from: { node: 'trigger', port: 'out' }, to: { node: 'shape', port: 'in' } },
    { from: { node: 'shape', port: 'out' }, to: { node: 'notify', port: 'in' } },
  ],
};

const step = (seq: number, nodeId: string, output: unknown) => ({
  seq,
  nodeId,
  nodeType: 'map',
  attempt: 1,
  status: 'succeeded',
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

describe('test runs up to a node', () => {
  it('starts the chosen version with the pinned sample and stopAfter, and paints what ran', async () => {
    const calls = fakeRuntime((c) => {
      if (c.path === `/api/flows/${FLOW}/samples`)
        return { body: { samples: [{ nodeId: 'trigger', payload: sample, updatedAt: '' }] } };
      if (c.path === `/api/flows/${FLOW}/run`)
        return { status: 202, body: { runId: RUN, eventId: 'e', status: 'queued' } };
      if (c.path === `/api/runs/${RUN}`)
        return {
          body: {
            id: RUN,
            status: 'succeeded',
            stopAfter: 'shape',
            failedNodeId: null,
            steps: [step(0, 'trigger', sample), step(1, 'shape', { id: 42 })],
          },
        };
      return undefined;
    });
    const store = createFlowStore(graph as never);
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    );
    const { result } = renderHook(() => useTestRun(store), { wrapper });
    await act(() => result.current.start(FLOW, { version: 3, stopAfter: 'shape' }));

    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      payload: sample,
      version: 3,
      stopAfter: 'shape',
    });
    const painted = store.getState().run;
    expect(Object.keys(painted).sort()).toEqual(['shape', 'trigger']);
    expect(painted.shape?.output).toEqual({ id: 42 });
    expect(result.current.shownRunId).toBe(RUN);
  });

  it('asks for a payload instead of running on nothing when no sample is pinned', async () => {
    const calls = fakeRuntime((c) => {
      if (c.path === `/api/flows/${FLOW}/samples`) return { body: { samples: [] } };
      if (c.path === `/api/flows/${FLOW}/run`)
        return { status: 202, body: { runId: RUN, eventId: 'e', status: 'queued' } };
      if (c.path === `/api/runs/${RUN}`)
        return { body: { id: RUN, status: 'succeeded', failedNodeId: null, steps: [] } };
      return undefined;
    });
    const store = createFlowStore(graph as never);
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    );
    const { result } = renderHook(() => useTestRun(store), { wrapper });
    let outcome: string | undefined;
    await act(async () => {
      outcome = await result.current.start(FLOW, { version: 3 });
    });
    expect(outcome).toBe('needs-payload');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    const onRun = vi.fn();
    render(
      <RunPayloadDialog example={{ body: { id: '1001' } }} onRun={onRun} onClose={() => {}} />,
    );
    const box = screen.getByLabelText(/Trigger payload/) as HTMLTextAreaElement;
    expect(JSON.parse(box.value)).toEqual({ body: { id: '1001' } });
    fireEvent.change(box, { target: { value: '{"body": {"id": "1002"}}' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    expect(onRun).toHaveBeenCalledWith({ body: { id: '1002' } });

    await act(async () => {
      outcome = await result.current.start(FLOW, { version: 3, payload: { body: { id: '1002' } } });
    });
    expect(outcome).toBe('started');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      payload: { body: { id: '1002' } },
      version: 3,
    });
  });

  it('offers "Run to here" for the selected node', () => {
    const onRunTo = vi.fn();
    render(<RunToHereButton nodeId="shape" busy={false} onRunTo={onRunTo} />);
    fireEvent.click(screen.getByRole('button', { name: /Run to here/ }));
    expect(onRunTo).toHaveBeenCalledWith('shape');
  });

  it('cannot start another run while one is under way', () => {
    render(<RunToHereButton nodeId="shape" busy onRunTo={() => {}} />);
    expect(screen.getByRole('button', { name: /Run to here/ }).hasAttribute('disabled')).toBe(true);
  });
});
