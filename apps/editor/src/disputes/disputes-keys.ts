/**
 * Query keys of the Disputes page. Every key starts with `disputes`, so an import refreshes the
 * list, the open case and the ratio together.
 *
 * @module
 */

/** Keys for the Disputes page's queries; `all` invalidates them together. */
export const disputesKeys = {
  all: ['disputes'] as const,
  list: (status: string, q: string) => ['disputes', 'list', status, q] as const,
  case: (id: string) => ['disputes', 'case', id] as const,
  ratio: ['disputes', 'ratio'] as const,
};
