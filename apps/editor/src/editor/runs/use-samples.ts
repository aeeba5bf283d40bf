import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiFailure } from '../../api/api-failure';
import { queryKeys } from '../../api/query-keys';
import { listSamples, pinSample, unpinSample } from '../../api/samples-api';
import { dropLocalSample, localSamples, onLocalSamples, saveSample } from './sample-store';

/** Pinned samples by node id. */
export type SampleMap = Readonly<Record<string, unknown>>;

/**
 * Loads a saved flow's samples from the runtime, first moving there any this browser still holds
 * for it (pinned before the first save, or by an editor that kept them locally). The runtime's
 * sample wins when both have one. A local sample the runtime refuses for good (card data) is
 * dropped; one it cannot take now (no editor role, offline) stays local and is still used here.
 */
async function loadFlowSamples(flowId: string): Promise<SampleMap> {
  const stored = await listSamples(flowId);
  const result: Record<string, unknown> = {};
  for (const s of stored) result[s.nodeId] = s.payload;
  for (const local of localSamples(flowId)) {
    if (Object.hasOwn(result, local.nodeId)) {
      dropLocalSample(flowId, local.nodeId);
      continue;
    }
    try {
      await pinSample(flowId, local.nodeId, local.payload);
      dropLocalSample(flowId, local.nodeId);
      result[local.nodeId] = local.payload;
    } catch (err) {
      const refused = err instanceof ApiFailure && (err.status === 400 || err.status === 422);
      if (refused) dropLocalSample(flowId, local.nodeId);
      else result[local.nodeId] = local.payload;
    }
  }
  return result;
}

/** The query of a saved flow's samples, shared by the hook and by test runs. */
export function samplesQuery(flowId: string) {
  return { queryKey: queryKeys.samples(flowId), queryFn: () => loadFlowSamples(flowId) };
}

/** The current sample of one node, fetched fresh: a colleague may have pinned another since. */
export async function fetchSample(
  queryClient: QueryClient,
  flowId: string,
  nodeId: string,
): Promise<unknown> {
  const all = await queryClient.fetchQuery(samplesQuery(flowId));
  return Object.hasOwn(all, nodeId) ? all[nodeId] : undefined;
}

/**
 * Loads a saved flow's samples as soon as the flow is open (or first saved), so that samples
 * this browser still holds move to the runtime then, not only once a panel that shows them opens.
 */
export function useSampleMigration(flowId: string | null): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (flowId !== null) void queryClient.prefetchQuery(samplesQuery(flowId));
  }, [flowId, queryClient]);
}

function unsavedSamples(): SampleMap {
  return Object.fromEntries(localSamples('new').map((s) => [s.nodeId, s.payload]));
}

export interface Samples {
  /** Pinned samples by node id (empty while loading). */
  all: SampleMap;
  /** Whether the samples are known (always for an unsaved flow). */
  ready: boolean;
  /** Why they could not be loaded, if so. */
  error: unknown;
  pin(nodeId: string, value: unknown): Promise<void>;
  unpin(nodeId: string): Promise<void>;
}

/**
 * The samples pinned on a flow's nodes: in the runtime for a saved flow, so that everyone editing
 * it previews and test-runs with the same events; in this browser until the flow is first saved.
 */
export function useSamples(flowId: string | null): Samples {
  const queryClient = useQueryClient();
  const [localVersion, setLocalVersion] = useState(0);
  useEffect(() => onLocalSamples(() => setLocalVersion((v) => v + 1)), []);
  const query = useQuery({ ...samplesQuery(flowId ?? ''), enabled: flowId !== null });
  // localVersion marks a change in this browser's storage.
  const unsaved = useMemo(() => (flowId === null ? unsavedSamples() : {}), [flowId, localVersion]);

  const update = useCallback(
    (id: string, change: (old: SampleMap) => SampleMap) =>
      queryClient.setQueryData<SampleMap>(queryKeys.samples(id), (old) => change(old ?? {})),
    [queryClient],
  );
  const pin = useCallback(
    async (nodeId: string, value: unknown) => {
      if (flowId === null) return saveSample(null, nodeId, value);
      await pinSample(flowId, nodeId, value);
      update(flowId, (old) => ({ ...old, [nodeId]: value }));
    },
    [flowId, update],
  );
  const unpin = useCallback(
    async (nodeId: string) => {
      if (flowId === null) return saveSample(null, nodeId, undefined);
      try {
        await unpinSample(flowId, nodeId);
      } catch (err) {
        // Already unpinned elsewhere: the outcome wanted.
        if (!(err instanceof ApiFailure && err.code === 'SAMPLE_NOT_FOUND')) throw err;
      }
      dropLocalSample(flowId, nodeId);
      update(flowId, (old) =>
        Object.fromEntries(Object.entries(old).filter(([k]) => k !== nodeId)),
      );
    },
    [flowId, update],
  );

  if (flowId === null) return { all: unsaved, ready: true, error: null, pin, unpin };
  return { all: query.data ?? {}, ready: query.isSuccess, error: query.error, pin, unpin };
}
