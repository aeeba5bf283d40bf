import { useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { Me } from '../api/auth-api';
import { QueryView } from '../ledger/query-view';
import type { QueueFilter } from './fraud-api';
import { listReviews } from './fraud-api';
import { fraudKeys } from './fraud-keys';
import { ModelPanel } from './model-panel';
import { QUEUE_FILTERS, filterFromSearch, filterToSearch } from './queue-filter';
import { ReviewsTable } from './reviews-table';
import '../ledger/ledger.css';
import './fraud.css';

/** How often the open queue re-reads the reviews: flows hold orders in the background. */
const LIVE_MS = 5000;

/** Empty-state words per filter. */
const EMPTY: Record<QueueFilter, string> = {
  waiting: 'No order is waiting for review.',
  approved: 'No review was approved yet.',
  rejected: 'No review was rejected yet.',
  'timed-out': 'No review ran out of time.',
  all: 'No order was held for review yet.',
};

/**
 * `/fraud`: the review queue. Orders a flow's Fraud review holds, waiting ones first (oldest
 * first: the queue), each with its score, total, age, the time left before the timeout decides,
 * and its top reasons; each opens at `/fraud/<id>`. Below: the model, its retraining and versions.
 */
export function ReviewQueuePage({ me, liveMs = LIVE_MS }: { me?: Me; liveMs?: number }) {
  const [filter, setFilterState] = useState<QueueFilter>(() =>
    filterFromSearch(window.location.search),
  );
  const setFilter = useCallback((next: QueueFilter) => {
    setFilterState(next);
    window.history.replaceState(null, '', `/fraud${filterToSearch(next)}`);
  }, []);
  const reviews = useQuery({
    queryKey: fraudKeys.list(filter),
    queryFn: () => listReviews(filter),
    refetchInterval: liveMs,
  });
  const waiting = reviews.data?.waiting;
  return (
    <main className="page-body fraud-page">
      <header className="page-header">
        <h1>Fraud review</h1>
        {waiting !== undefined && (
          <span className="hint" data-testid="waiting-count">
            {waiting === 1 ? '1 order waiting' : `${waiting} orders waiting`}
          </span>
        )}
      </header>
      <div className="fraud-filters">
        <label htmlFor="fraud-show">Show</label>
        <select
          id="fraud-show"
          value={filter}
          onChange={(e) => setFilter(e.target.value as QueueFilter)}
        >
          {QUEUE_FILTERS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </div>
      <QueryView
        query={reviews}
        what="reviews"
        isEmpty={(data) => data.reviews.length === 0}
        empty={
          <p>
            {EMPTY[filter]} Orders arrive here from a flow’s <strong>Fraud review</strong> node, on
            the <code>review</code> port of <strong>Fraud score</strong>.
          </p>
        }
      >
        {(data) => (
          <>
            <ReviewsTable reviews={data.reviews} now={Date.now()} />
            {data.total > data.reviews.length && (
              <p className="hint">
                Showing {data.reviews.length} of {data.total} reviews.
              </p>
            )}
          </>
        )}
      </QueryView>
      {me && <ModelPanel me={me} />}
    </main>
  );
}
