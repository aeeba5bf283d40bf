import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { errorMessage } from '../api/api-failure';
import type { Me } from '../api/auth-api';
import { listFlows } from '../api/flows-api';
import { queryKeys } from '../api/query-keys';
import { listRunsPage } from '../api/runs-api';
import { hasRole } from '../lib/roles';
import { BulkProgress } from './bulk-progress';
import {
  filtersFromSearch,
  filtersToBulkFilter,
  filtersToQuery,
  filtersToSearch,
  type RunFilters,
} from './run-filters';
import { RunFiltersBar } from './run-filters-bar';
import { RunsTable } from './runs-table';
import { useBulkRuns, type BulkRunAction } from './use-bulk-runs';
import { useRunsChanged } from './use-runs-changed';
import './runs.css';

/** The bulk actions on a selection; the runtime skips runs an action does not apply to, and says why. */
const BULK_BUTTONS: {
  label: string;
  action: BulkRunAction;
  version: 'same' | 'latest';
  title: string;
}[] = [
  {
    label: 'Retry selected',
    action: 'retry',
    version: 'same',
    title: 'Retry failed runs from their failed step',
  },
  {
    label: 'Retry on latest version',
    action: 'retry',
    version: 'latest',
    title: "Retry failed runs from their failed step on their flow's latest version (after a fix)",
  },
  {
    label: 'Replay selected',
    action: 'replay',
    version: 'same',
    title: 'Replay each run’s event as a new linked run',
  },
  {
    label: 'Cancel selected',
    action: 'cancel',
    version: 'same',
    title: 'Cancel queued, waiting or running runs',
  },
];

/** How often the open Runs page asks whether any run changed (new runs, status changes). */
const LIVE_MS = 4000;

/**
 * `/runs`: every flow's runs, newest first, filtered by status, flow, time, source and a business
 * reference; live while open; more by cursor ("Load more"); a selection retried or replayed in
 * bulk with a progress bar and a summary.
 */
export function RunsPage({ me, liveMs = LIVE_MS }: { me: Me; liveMs?: number }) {
  const [filters, setFiltersState] = useState<RunFilters>(() =>
    filtersFromSearch(window.location.search),
  );
  const setFilters = useCallback((next: RunFilters) => {
    setFiltersState(next);
    setSelected(new Set());
    setAllMatching(false);
    window.history.replaceState(null, '', `/runs${filtersToSearch(next)}`);
  }, []);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  /** The bulk action covers every run the filters match, not only the rows loaded. */
  const [allMatching, setAllMatching] = useState(false);
  const flows = useQuery({ queryKey: queryKeys.flows, queryFn: listFlows });
  const runs = useInfiniteQuery({
    queryKey: queryKeys.allRuns(filters),
    queryFn: ({ pageParam }) => listRunsPage(filtersToQuery(filters, new Date(), pageParam)),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const refetchRuns = runs.refetch;
  useRunsChanged(
    runs.data?.pages[0]?.changesCursor,
    useCallback(() => void refetchRuns(), [refetchRuns]),
    liveMs,
  );
  const rows = useMemo(() => runs.data?.pages.flatMap((p) => p.runs) ?? [], [runs.data]);
  const canAct = hasRole(me.role, 'operator');
  const bulk = useBulkRuns();

  return (
    <main className="page-body runs-page">
      <header className="page-header">
        <h1>Runs</h1>
        <span className="hint" aria-live="polite">
          {runs.isFetching ? 'Updating…' : 'Live'}
        </span>
      </header>
      <RunFiltersBar filters={filters} flows={flows.data ?? []} onChange={setFilters} />
      {canAct && (
        <div className="bulk-bar" aria-label="Bulk actions">
          <span>{allMatching ? 'All matching' : `${selected.size} selected`}</span>
          {BULK_BUTTONS.map((b) => (
            <button
              key={b.label}
              type="button"
              title={b.title}
              disabled={(selected.size === 0 && !allMatching) || bulk.running}
              onClick={() => {
                const target = allMatching
                  ? { filter: filtersToBulkFilter(filters, new Date()) }
                  : [...selected];
                void bulk.start(b.action, target, b.version).then((ok) => {
                  if (!ok) return;
                  setSelected(new Set());
                  setAllMatching(false);
                });
              }}
            >
              {b.label}
            </button>
          ))}
        </div>
      )}
      {canAct &&
        !allMatching &&
        runs.hasNextPage &&
        rows.length > 0 &&
        rows.every((r) => selected.has(r.id)) && (
          <p className="hint">
            All {rows.length} shown runs are selected.{' '}
            <button type="button" className="link-button" onClick={() => setAllMatching(true)}>
              Select every run matching these filters
            </button>
          </p>
        )}
      {bulk.progress && <BulkProgress progress={bulk.progress} onDismiss={bulk.dismiss} />}
      {bulk.error && (
        <p className="error-text" role="alert">
          {bulk.error}
        </p>
      )}
      {runs.isError ? (
        <p className="error-text" role="alert">
          Could not load runs: {errorMessage(runs.error)}
        </p>
      ) : !runs.data ? (
        <p className="hint">Loading runs…</p>
      ) : rows.length === 0 ? (
        <p className="empty-state">
          {filters.q.trim()
            ? `No run touched “${filters.q.trim()}”.`
            : 'No runs match these filters.'}
        </p>
      ) : (
        <>
          <RunsTable runs={rows} selectable={canAct} selected={selected} onSelect={setSelected} />
          {runs.hasNextPage && (
            <button
              type="button"
              className="load-more"
              disabled={runs.isFetchingNextPage}
              onClick={() => void runs.fetchNextPage()}
            >
              {runs.isFetchingNextPage ? 'Loading…' : 'Load more'}
            </button>
          )}
        </>
      )}
    </main>
  );
}
