const ID = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/**
 * A fresh node id derived from the type (`map`, `map-2`, `paytrace-sale`): ids appear in
 * `$node("id")` expressions and run history, so readable beats random.
 */
export function nextNodeId(type: string, taken: ReadonlySet<string>): string {
  const base =
    type
      .replace(/^trigger\./, '')
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/^[^A-Za-z]+/, '')
      .slice(0, 50) || 'node';
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base}-${i}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Why a proposed node id cannot be used, or null when it can. */
export function nodeIdProblem(id: string, taken: ReadonlySet<string>): string | null {
  if (!ID.test(id)) return 'Use letters, digits, "_" or "-", starting with a letter (at most 64)';
  if (taken.has(id)) return `Another node is already called "${id}"`;
  return null;
}
