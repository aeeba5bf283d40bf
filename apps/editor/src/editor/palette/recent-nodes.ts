const KEY = 'paybridge.recent-nodes';
const MAX = 5;

/**
 * Node types this browser added last, newest first (at most five), so the palette offers them
 * first: a flow is built from the same few types again and again. Kept in localStorage; an
 * unreadable entry (another version, storage off) is an empty list, never an error.
 */
export function recentNodes(): string[] {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(value)
      ? value.filter((t): t is string => typeof t === 'string').slice(0, MAX)
      : [];
  } catch {
    return [];
  }
}

/** Records that a node of this type was just added. */
export function rememberNode(type: string): void {
  try {
    localStorage.setItem(
      KEY,
      JSON.stringify([type, ...recentNodes().filter((t) => t !== type)].slice(0, MAX)),
    );
  } catch {
    // Storage full or off: the palette simply shows no recent nodes.
  }
}
