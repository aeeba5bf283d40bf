import type { ReactNode } from 'react';
import { errorMessage } from '../api/api-failure';

/**
 * The three states every ledger list has besides its data: loading, a visible error with the
 * runtime's message, and an empty state that says what would appear here and where it comes
 * from. Keeping them in one place makes every tab behave the same.
 */
export function QueryView<T>({
  query,
  what,
  isEmpty,
  empty,
  children,
}: {
  /** A query's state: `useQuery`'s result, or a paged list's (`useLedgerList`). */
  query: {
    isPending: boolean;
    isError: boolean;
    error: unknown;
    data: T | undefined;
    refetch: () => Promise<unknown>;
  };
  what: string;
  isEmpty: (data: T) => boolean;
  empty: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const loading = <p className="hint">Loading {what}…</p>;
  if (query.isPending) return loading;
  if (query.isError) {
    return (
      <p className="error-text" role="alert">
        Could not load {what}: {errorMessage(query.error)}{' '}
        <button type="button" className="small" onClick={() => void query.refetch()}>
          Retry
        </button>
      </p>
    );
  }
  const data = query.data;
  if (data === undefined) return loading;
  if (isEmpty(data)) return <div className="empty-state">{empty}</div>;
  return <>{children(data)}</>;
}
