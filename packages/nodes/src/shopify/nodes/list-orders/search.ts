/**
 * The `query` argument of a list: the updated-since filter and the user's own filters, in
 * Shopify's search syntax.
 *
 * @module
 */

/**
 * Joins the filters with AND (a space). A user query with `OR` is parenthesised so it cannot
 * escape the time filter. `null` when there is no filter.
 *
 * @example
 * ordersSearch('2025-01-01T00:00:00Z', 'financial_status:pending');
 * // "updated_at:>='2025-01-01T00:00:00Z' financial_status:pending"
 */
export function ordersSearch(updatedSince?: string, query?: string): string | null {
  const parts: string[] = [];
  if (updatedSince) parts.push(`updated_at:>='${updatedSince}'`);
  const extra = query?.trim();
  if (extra) parts.push(/\bOR\b/.test(extra) ? `(${extra})` : extra);
  return parts.length > 0 ? parts.join(' ') : null;
}
