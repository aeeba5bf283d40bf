import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeRuntime, type FakeCall } from '../../api/fake-runtime.test-support';
import { adoptSamples, saveSample } from './sample-store';
import { useSamples } from './use-samples';

const FLOW = '0f0f0f0f-0000-4000-8000-000000000001';
const samplesPath = `/api/flows/${FLOW}/samples`;

/** A runtime holding `stored` samples for FLOW, answering pins and unpins like the real one. */
function runtimeWith(stored: Record<string, unknown>, refuse?: (c: FakeCall) => number | null) {
  return fakeRuntime((c) => {
    const refused = refuse?.(c);
    if (refused) return { status: refused, body: { error: { code: 'NOPE', message: 'refused' } } };
    if (c.method === 'GET' && c.path === samplesPath) {
      return {
        body: {
          samples: Object.entries(stored).map(([nodeId, payload]) => ({
            nodeId,
            payload,
            updatedAt: '2026-01-01T00:00:00.000Z',
          })),
        },
      };
    }
    const node = c.path.startsWith(`${samplesPath}/`) ? c.path.slice(samplesPath.length + 1) : null;
    if (node && c.method === 'PUT') {
      stored[node] = c.body;
      return { body: { nodeId: node, payload: c.body, updatedAt: '2026-01-01T00:00:00.000Z' } };
    }
    if (node && c.method === 'DELETE') {
      delete stored[node];
      return { status: 204 };
    }
    return undefined;
  });
}

/** A query client shared by every render of one hook, as the app has. */
function queries() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
}

const localKey = (flow: string, node: string) => `paybridge:sample:${flow}:${node}`;

beforeEach(() => window.localStorage.clear());
afterEach(() => vi.unstubAllGlobals());

describe('useSamples', () => {
  it('moves a sample this browser kept for a saved flow to the runtime on first load, then drops it', async () => {
    const stored: Record<string, unknown> = {};
    const calls = runtimeWith(stored);
    window.localStorage.setItem(localKey(FLOW, 'trigger'), JSON.stringify({ body: { id: 1 } }));

    const { result } = renderHook(() => useSamples(FLOW), { wrapper: queries() });
    await waitFor(() => expect(result.current.ready).toBe(true));
    expect(result.current.all).toEqual({ trigger: { body: { id: 1 } } });
    expect(stored).toEqual({ trigger: { body: { id: 1 } } });
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      `GET ${samplesPath}`,
      `PUT ${samplesPath}/trigger`,
    ]);
    expect(window.localStorage.getItem(localKey(FLOW, 'trigger'))).toBeNull();
  });

  it("keeps the runtime's sample when both have one, and forgets the local copy", async () => {
    const calls = runtimeWith({ trigger: { from: 'colleague' } });
    window.localStorage.setItem(localKey(FLOW, 'trigger'), JSON.stringify({ from: 'me' }));
    const { result } = renderHook(() => useSamples(FLOW), { wrapper: queries() });
    await waitFor(() => expect(result.current.ready).toBe(true));
    expect(result.current.all).toEqual({ trigger: { from: 'colleague' } });
    expect(calls.filter((c) => c.method === 'PUT')).toEqual([]);
    expect(window.localStorage.getItem(localKey(FLOW, 'trigger'))).toBeNull();
  });

  it('keeps a local sample it may not store yet (no editor role) and still uses it', async () => {
    runtimeWith({}, (c) => (c.method === 'PUT' ? 403 : null));
    window.localStorage.setItem(localKey(FLOW, 'trigger'), JSON.stringify({ mine: true }));
    const { result } = renderHook(() => useSamples(FLOW), { wrapper: queries() });
    await waitFor(() => expect(result.current.ready).toBe(true));
    expect(result.current.all).toEqual({ trigger: { mine: true } });
    expect(window.localStorage.getItem(localKey(FLOW, 'trigger'))).not.toBeNull();
  });

  it('pins and unpins through the runtime for a saved flow', async () => {
    const stored: Record<string, unknown> = {};
    runtimeWith(stored);
    const { result } = renderHook(() => useSamples(FLOW), { wrapper: queries() });
    await waitFor(() => expect(result.current.ready).toBe(true));
    await act(() => result.current.pin('trigger', { body: { id: 2 } }));
    expect(stored).toEqual({ trigger: { body: { id: 2 } } });
    await waitFor(() => expect(result.current.all).toEqual({ trigger: { body: { id: 2 } } }));
    await act(() => result.current.unpin('trigger'));
    expect(stored).toEqual({});
    await waitFor(() => expect(result.current.all).toEqual({}));
    expect(window.localStorage.length).toBe(0);
  });

  it('surfaces a refused pin (card data) to the caller', async () => {
    runtimeWith({}, (c) => (c.method === 'PUT' ? 400 : null));
    const { result } = renderHook(() => useSamples(FLOW), { wrapper: queries() });
    await waitFor(() => expect(result.current.ready).toBe(true));
    await expect(result.current.pin('trigger', { cvv: '123' })).rejects.toThrow('refused');
    expect(result.current.all).toEqual({});
  });

  it('keeps samples of an unsaved flow in this browser, and uploads them once it is saved', async () => {
    const stored: Record<string, unknown> = {};
    const calls = runtimeWith(stored);
    const unsaved = renderHook(() => useSamples(null), { wrapper: queries() });
    await act(() => unsaved.result.current.pin('trigger', { early: true }));
    expect(unsaved.result.current.all).toEqual({ trigger: { early: true } });
    expect(calls).toEqual([]);

    act(() => adoptSamples(FLOW));
    const saved = renderHook(() => useSamples(FLOW), { wrapper: queries() });
    await waitFor(() => expect(saved.result.current.all).toEqual({ trigger: { early: true } }));
    expect(stored).toEqual({ trigger: { early: true } });
    expect(window.localStorage.length).toBe(0);
    saveSample(null, 'other', 1);
    await waitFor(() => expect(unsaved.result.current.all).toEqual({ other: 1 }));
  });
});
