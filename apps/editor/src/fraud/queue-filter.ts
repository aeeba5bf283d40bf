/**
 * The review queue's filter in the page URL (`/fraud?show=approved`), so a filtered queue can be
 * linked and survives a reload. Waiting reviews are the default: they are the work.
 *
 * @module
 */
import type { QueueFilter } from './fraud-api';

/** The filter's choices, in the order the page offers them, with their words. */
export const QUEUE_FILTERS: { value: QueueFilter; label: string }[] = [
  { value: 'waiting', label: 'Waiting for review' },
  { value: 'approved', label: 'Approved' },
  { value: 'rejected', label: 'Rejected' },
  { value: 'timed-out', label: 'Timed out' },
  { value: 'all', label: 'All reviews' },
];

/** The filter a URL's query names; anything unknown is the default (waiting). */
export function filterFromSearch(search: string): QueueFilter {
  const show = new URLSearchParams(search).get('show');
  return QUEUE_FILTERS.find((f) => f.value === show)?.value ?? 'waiting';
}

/** The query string of a filter: empty for the default. */
export function filterToSearch(filter: QueueFilter): string {
  return filter === 'waiting' ? '' : `?show=${filter}`;
}
