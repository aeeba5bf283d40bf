/**
 * Opaque cursors of the runs list: a position (a timestamp's exact text and a run id) for paging
 * by creation time or following changes. Opaque so clients pass them back unchanged and the
 * position can carry microseconds, which a JavaScript date would lose (rows sharing a
 * millisecond would then repeat or go missing between pages).
 */
export interface Position {
  key: string;
  id: string;
}

const ZERO_ID = '00000000-0000-0000-0000-000000000000';
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeCursor(kind: 'c' | 'u', p: Position): string {
  return Buffer.from(JSON.stringify([kind, p.key, p.id])).toString('base64url');
}

/** The start of live updates: from this instant on, any run. */
export function changesCursorAt(key: string): string {
  return encodeCursor('u', { key, id: ZERO_ID });
}

/** The position a cursor of `kind` holds, or null when it is not one (tampered, other kind). */
export function decodeCursor(kind: 'c' | 'u', cursor: string): Position | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 3 || parsed[0] !== kind) return null;
    const [, key, id] = parsed as [string, unknown, unknown];
    if (typeof key !== 'string' || !TIMESTAMP.test(key)) return null;
    if (typeof id !== 'string' || !UUID.test(id)) return null;
    return { key, id };
  } catch {
    return null;
  }
}
