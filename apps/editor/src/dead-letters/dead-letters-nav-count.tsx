import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../api/query-keys';
import { listDeadLetterGroups } from '../api/runs-api';

/** The number of open dead letters beside the nav item, so they are not forgotten. */
export function DeadLettersNavCount() {
  const letters = useQuery({
    queryKey: [...queryKeys.deadLetters, 'groups'],
    queryFn: listDeadLetterGroups,
    refetchInterval: 30_000,
  });
  const count = letters.data?.reduce((n, g) => n + g.count, 0) ?? 0;
  if (count === 0) return null;
  return (
    <span className="nav-count" aria-label={`${count} open`} data-testid="dead-letter-count">
      {count}
    </span>
  );
}
