import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { listRunsPage } from '../api/runs-api';

/**
 * Live updates for the Runs page at the cost of one small request while nothing happens: asks
 * the runtime for any run changed since `cursor` (the `changesCursor` of the list's last fetch),
 * across all flows and statuses so a run leaving the filters (a retried dead letter) counts too,
 * and calls `onChange` when there is one; the caller then refetches the pages it shows.
 */
export function useRunsChanged(
  cursor: string | undefined,
  onChange: () => void,
  intervalMs: number,
) {
  const changes = useQuery({
    queryKey: ['runs', 'changes', cursor],
    queryFn: () => listRunsPage({ updatedSince: cursor as string, limit: '1' }),
    enabled: cursor !== undefined,
    refetchInterval: intervalMs,
    staleTime: 0,
  });
  const changed = (changes.data?.runs.length ?? 0) > 0;
  useEffect(() => {
    if (changed) onChange();
  }, [changed, changes.dataUpdatedAt, onChange]);
}
