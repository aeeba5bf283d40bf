/**
 * The Disputes page's filters and their place in the URL (`/disputes?status=all&q=1001`), so a
 * filtered list can be linked and reloaded, as on the Runs page.
 *
 * @module
 */

/** Open cases only (the default: what needs work), or every case. */
export interface DisputeFilters {
  status: 'open' | 'all';
  /** Case number, order name, transaction id. */
  q: string;
}

/** Reads the filters from a query string; anything unknown falls back to open cases. */
export function filtersFromSearch(search: string): DisputeFilters {
  const p = new URLSearchParams(search);
  return { status: p.get('status') === 'all' ? 'all' : 'open', q: p.get('q') ?? '' };
}

/** The query string for `filters`, only what differs from the default. */
export function filtersToSearch(filters: DisputeFilters): string {
  const p = new URLSearchParams();
  if (filters.status !== 'open') p.set('status', filters.status);
  if (filters.q.trim()) p.set('q', filters.q.trim());
  const s = p.toString();
  return s ? `?${s}` : '';
}
