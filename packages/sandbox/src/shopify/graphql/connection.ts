/**
 * Relay connections as Shopify serves them: `first`/`after` or `last`/`before` (one of `first` or
 * `last` required, at most 250), `reverse`, opaque cursors, `edges { cursor node }`, `nodes` and
 * `pageInfo`. Cursors hold the sort value and id of the last row (keyset pagination), so rows
 * that change while a client pages are neither skipped nor repeated within their sort position.
 * @module
 */
import { GraphQLError } from 'graphql';

/** Paging arguments of a connection field. */
export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  reverse?: boolean | null;
}

/** Sort position of a row: its sort value, then its id. */
export interface SortKey {
  value: string | number;
  id: string;
}

/** A connection answer. */
export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

/** The largest page Shopify serves. */
export const MAX_PAGE_SIZE = 250;

/** Base64 of `{"last_id":…,"last_value":…}`, the shape of Shopify's own cursors. */
export function encodeCursor(key: SortKey): string {
  return Buffer.from(JSON.stringify({ last_id: key.id, last_value: key.value })).toString('base64');
}

/** Reads a cursor, or throws Shopify's invalid-cursor error. */
export function decodeCursor(text: string): SortKey {
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64').toString('utf8')) as Record<
      string,
      unknown
    >;
    const id = parsed.last_id;
    const value = parsed.last_value;
    if (
      typeof id === 'string' &&
      /^\d+$/.test(id) &&
      (typeof value === 'string' || typeof value === 'number')
    ) {
      return { id, value };
    }
  } catch {
    // fall through to the error below
  }
  throw new GraphQLError('Invalid cursor for current pagination sort.');
}

/** Orders two sort keys: by value, then by id (numerically, ids may exceed 2^53). */
export function compareKeys(a: SortKey, b: SortKey): number {
  if (a.value !== b.value) {
    if (typeof a.value === 'number' && typeof b.value === 'number') return a.value - b.value;
    return String(a.value) < String(b.value) ? -1 : 1;
  }
  const x = BigInt(a.id);
  const y = BigInt(b.id);
  return x === y ? 0 : x < y ? -1 : 1;
}

/** Refuses a request without `first`/`last`, with both, or above 250. */
export function checkPageArgs(args: PageArgs, field: string): void {
  const { first, last } = args;
  if ((first === null || first === undefined) && (last === null || last === undefined)) {
    throw new GraphQLError('you must provide one of first or last');
  }
  if (first !== null && first !== undefined && last !== null && last !== undefined) {
    throw new GraphQLError('providing both first and last is not supported');
  }
  for (const [name, size] of [
    ['first', first],
    ['last', last],
  ] as const) {
    if (size !== null && size !== undefined && (size < 0 || size > MAX_PAGE_SIZE)) {
      throw new GraphQLError(
        `Argument '${name}' on Field '${field}' has an invalid value (${size}). Expected a page size from 0 to ${MAX_PAGE_SIZE}.`,
      );
    }
  }
}

/** Pages through `items` in sort order (`reverse` flips it). */
export function paginate<T>(
  items: T[],
  keyOf: (item: T) => SortKey,
  args: PageArgs,
  field: string,
): Connection<T> {
  checkPageArgs(args, field);
  const direction = args.reverse ? -1 : 1;
  const keyed = items
    .map((node) => ({ node, key: keyOf(node) }))
    .sort((a, b) => direction * compareKeys(a.key, b.key));
  const after = args.after ? decodeCursor(args.after) : undefined;
  const before = args.before ? decodeCursor(args.before) : undefined;
  let start = 0;
  let end = keyed.length;
  if (after) {
    while (start < end && direction * compareKeys(keyed[start]!.key, after) <= 0) start += 1;
  }
  if (before) {
    while (end > start && direction * compareKeys(keyed[end - 1]!.key, before) >= 0) end -= 1;
  }
  let window = keyed.slice(start, end);
  let hasNextPage = end < keyed.length;
  let hasPreviousPage = start > 0;
  if (args.first !== null && args.first !== undefined) {
    hasNextPage = window.length > args.first || hasNextPage;
    window = window.slice(0, args.first);
  } else if (args.last !== null && args.last !== undefined) {
    hasPreviousPage = window.length > args.last || hasPreviousPage;
    window = window.slice(Math.max(0, window.length - args.last));
  }
  const edges = window.map(({ node, key }) => ({ cursor: encodeCursor(key), node }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** Pages a short fixed list (line items, metafields): sort key is the position. */
export function paginateList<T extends { id: string }>(
  items: T[],
  args: PageArgs,
  field: string,
): Connection<T> {
  const position = new Map(items.map((item, i) => [item, i]));
  return paginate(items, (item) => ({ value: position.get(item) ?? 0, id: item.id }), args, field);
}
