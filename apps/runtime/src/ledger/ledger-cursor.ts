/**
 * Opaque cursors of the ledger's lists. A cursor is the sort key of the last row of a page
 * (base64url of a small JSON array): the next page starts strictly after it, so rows added
 * meanwhile never shift a page and no row is shown twice or skipped.
 *
 * @module
 */
import { z } from 'zod';
import { ApiError } from '../http/api-error';

/** The sort key of a page's last row, as an opaque string for `?cursor=`. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/**
 * Reads a cursor this API issued, or throws a 400 that says so: a cursor from another list or
 * an edited one is refused instead of silently restarting the list.
 */
export function decodeCursor<T>(cursor: string, key: z.ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const parsed = key.safeParse(value);
  if (!parsed.success) {
    throw new ApiError(
      400,
      'INVALID_CURSOR',
      'cursor: not a cursor of this list; pass the nextCursor of the previous page unchanged',
    );
  }
  return parsed.data;
}

/** Key of lists ordered newest first: creation time in microseconds since 1970, then id. */
export const CreatedKey = z.tuple([z.string().regex(/^\d{1,18}$/), z.uuid()]);
