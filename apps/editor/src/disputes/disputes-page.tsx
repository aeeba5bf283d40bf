import { useInfiniteQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { Me } from '../api/auth-api';
import { navigate } from '../app/router';
import { LoadMore } from '../ledger/ledger-list';
import { QueryView } from '../ledger/query-view';
import { hasRole } from '../lib/roles';
import { filtersFromSearch, filtersToSearch, type DisputeFilters } from './dispute-filters';
import { listCases } from './disputes-api';
import { disputesKeys } from './disputes-keys';
import { DisputesTable } from './disputes-table';
import { ImportReport } from './import-report';
import { RatioSection } from './ratio-section';
import '../ledger/ledger.css';
import './disputes.css';

/** How often the open page re-reads the cases: flows open and move them in the background. */
const LIVE_MS = 5000;

/**
 * `/disputes`: chargeback cases by evidence deadline (open ones first by default), the import of
 * PayTrace's chargeback report, and the monthly chargeback ratio against the card schemes' and
 * acquirers' thresholds. Each case opens at `/disputes/<id>`.
 */
export function DisputesPage({ me, liveMs = LIVE_MS }: { me: Me; liveMs?: number }) {
  const [filters, setFiltersState] = useState<DisputeFilters>(() =>
    filtersFromSearch(window.location.search),
  );
  const setFilters = useCallback((next: DisputeFilters) => {
    setFiltersState(next);
    window.history.replaceState(null, '', `/disputes${filtersToSearch(next)}`);
  }, []);
  // Read a page at a time ("Load more"); live refreshes re-read the pages already loaded.
  const cases = useInfiniteQuery({
    queryKey: disputesKeys.list(filters.status, filters.q.trim()),
    queryFn: ({ pageParam }) => listCases(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    select: (data) => ({
      cases: data.pages.flatMap((p) => p.cases),
      total: data.pages[data.pages.length - 1]?.total ?? 0,
    }),
    refetchInterval: liveMs,
  });
  const what = filters.status === 'open' ? 'open cases' : 'cases';
  return (
    <main className="page-body disputes-page">
      <header className="page-header">
        <h1>Disputes</h1>
      </header>
      <div className="disputes-filters">
        <label htmlFor="disputes-status">Show</label>
        <select
          id="disputes-status"
          value={filters.status}
          onChange={(e) => setFilters({ ...filters, status: e.target.value as 'open' | 'all' })}
        >
          <option value="open">Open cases</option>
          <option value="all">All cases</option>
        </select>
        <label htmlFor="disputes-q">Search</label>
        <input
          id="disputes-q"
          type="search"
          placeholder="Case, order or transaction"
          value={filters.q}
          onChange={(e) => setFilters({ ...filters, q: e.target.value })}
        />
      </div>
      <QueryView
        query={cases}
        what={what}
        isEmpty={(data) => data.cases.length === 0}
        empty={
          filters.q.trim() ? (
            <p>
              No {what} match “{filters.q.trim()}”.
            </p>
          ) : (
            <p>
              No {what}. Chargebacks arrive from Shopify’s dispute webhooks, signed processor
              notices and PayTrace’s chargeback report once the{' '}
              <a
                href="/templates"
                onClick={(e) => {
                  e.preventDefault();
                  navigate('/templates');
                }}
              >
                Chargeback template
              </a>{' '}
              is installed and active.
            </p>
          )
        }
      >
        {(data) => (
          <>
            <DisputesTable cases={data.cases} />
            <LoadMore
              list={cases}
              what={what}
              shown={data.cases.length}
              summary={`Showing the ${data.cases.length} soonest deadlines of ${data.total} ${what}.`}
            />
          </>
        )}
      </QueryView>
      <div className="disputes-grid">
        {hasRole(me.role, 'operator') && <ImportReport />}
        <RatioSection />
      </div>
    </main>
  );
}
