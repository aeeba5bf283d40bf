import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import { errorMessage } from '../api/api-failure';
import type { Page } from './ledger-api';

/**
 * A ledger list read a page at a time: the first page at once, the next ones when asked ("Load
 * more"), each from the previous answer's cursor. `data` is every row loaded so far, in order.
 */
export function useLedgerList<R>(
  queryKey: QueryKey,
  fetchPage: (cursor: string | undefined) => Promise<Page<R>>,
) {
  return useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    select: (data) => data.pages.flatMap((p) => p.rows),
  });
}

/** What {@link LoadMore} needs of a {@link useLedgerList} result. */
interface MorePages {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  error: unknown;
  fetchNextPage: () => Promise<unknown>;
}

/**
 * The button under a list that reads its next page; nothing once the last page is in. `summary`
 * says what is shown so far (by default the newest rows, the order of the ledger's lists).
 */
export function LoadMore({
  list,
  what,
  shown,
  summary = `Showing the newest ${shown}.`,
}: {
  list: MorePages;
  what: string;
  shown: number;
  summary?: string;
}) {
  if (!list.hasNextPage) return null;
  return (
    <div className="ledger-load-more">
      <span className="hint">{summary}</span>{' '}
      <button
        type="button"
        className="small"
        disabled={list.isFetchingNextPage}
        onClick={() => void list.fetchNextPage()}
      >
        {list.isFetchingNextPage ? `Loading more ${what}…` : `Load more ${what}`}
      </button>
      {list.isFetchNextPageError && (
        <p className="error-text" role="alert">
          Could not load more {what}: {errorMessage(list.error)}
        </p>
      )}
    </div>
  );
}
