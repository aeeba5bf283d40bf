/**
 * Query keys of the review queue. Every key starts with `fraud-reviews`, so a decision refreshes
 * the list (every filter) and the open review together.
 *
 * @module
 */

/** Keys for the review queue's queries; `all` invalidates them together. */
export const fraudKeys = {
  all: ['fraud-reviews'] as const,
  list: (filter: string) => ['fraud-reviews', 'list', filter] as const,
  review: (id: string) => ['fraud-reviews', 'review', id] as const,
  /** The model versions (not under `all`: a decision does not change them). */
  models: ['fraud-models'] as const,
};
