import type { BulkTarget, RunListQuery } from '../api/runs-api';
import { SOURCES, STATUSES, type RunSource, type RunStatus } from './run-status';

/** Time windows the Runs page offers, counted back from now. */
export const RANGES = {
  all: { label: 'Any time', ms: null },
  '1h': { label: 'Last hour', ms: 3_600_000 },
  '24h': { label: 'Last 24 hours', ms: 86_400_000 },
  '7d': { label: 'Last 7 days', ms: 7 * 86_400_000 },
  '30d': { label: 'Last 30 days', ms: 30 * 86_400_000 },
} as const;
export type RangeKey = keyof typeof RANGES;

/** What the operator filters the Runs page by; empty strings mean "any". */
export interface RunFilters {
  status: RunStatus | '';
  flowId: string;
  range: RangeKey;
  source: RunSource | '';
  /** A business reference: Shopify order name or id, PayTrace transaction id, ERP document. */
  q: string;
}

export const NO_FILTERS: RunFilters = { status: '', flowId: '', range: 'all', source: '', q: '' };

/** Reads filters from the page's query string, so a filtered view can be linked and reloaded. */
export function filtersFromSearch(search: string): RunFilters {
  const p = new URLSearchParams(search);
  const status = p.get('status') ?? '';
  const range = p.get('range') ?? 'all';
  const source = p.get('source') ?? '';
  return {
    status: (STATUSES as string[]).includes(status) ? (status as RunStatus) : '',
    flowId: p.get('flow') ?? '',
    range: range in RANGES ? (range as RangeKey) : 'all',
    source: (SOURCES as string[]).includes(source) ? (source as RunSource) : '',
    q: p.get('q') ?? '',
  };
}

/** The query string for `filters` (only what is set), for `history.replaceState`. */
export function filtersToSearch(filters: RunFilters): string {
  const p = new URLSearchParams();
  if (filters.status) p.set('status', filters.status);
  if (filters.flowId) p.set('flow', filters.flowId);
  if (filters.range !== 'all') p.set('range', filters.range);
  if (filters.source) p.set('source', filters.source);
  if (filters.q.trim()) p.set('q', filters.q.trim());
  const s = p.toString();
  return s ? `?${s}` : '';
}

/**
 * The runs list's query for `filters`: the time window becomes `since` (counted from `now`), the
 * search box `q`, and `cursor` asks for the page after the one that ended there.
 */
export function filtersToQuery(
  filters: RunFilters,
  now: Date,
  cursor?: string,
  limit = 50,
): RunListQuery {
  const window = RANGES[filters.range].ms;
  const q = filters.q.trim();
  return {
    limit: String(limit),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.flowId ? { flowId: filters.flowId } : {}),
    ...(filters.source ? { source: filters.source } : {}),
    ...(q ? { q } : {}),
    ...(window !== null ? { since: new Date(now.getTime() - window).toISOString() } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

/**
 * The same filters for a bulk action over every run they match (not only the pages loaded);
 * the runtime takes at most 1,000 and says so when more match.
 */
export function filtersToBulkFilter(
  filters: RunFilters,
  now: Date,
): NonNullable<BulkTarget['filter']> {
  const window = RANGES[filters.range].ms;
  const q = filters.q.trim();
  return {
    ...(filters.status ? { status: [filters.status] } : {}),
    ...(filters.flowId ? { flowId: [filters.flowId] } : {}),
    ...(filters.source ? { source: [filters.source] } : {}),
    ...(q ? { q } : {}),
    ...(window !== null ? { since: new Date(now.getTime() - window).toISOString() } : {}),
  };
}
