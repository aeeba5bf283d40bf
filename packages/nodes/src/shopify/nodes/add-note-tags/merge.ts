/**
 * What an annotation still has to write, given the order as it is: the tags it lacks and the note
 * with the line appended. Pure, so "run it twice, change nothing" is tested without a store.
 *
 * @module
 */

/** The tags of `wanted` that `current` lacks, compared without case, in `wanted`'s order. */
export function missingTags(current: readonly string[], wanted: readonly string[]): string[] {
  const have = new Set(current.map((tag) => tag.trim().toLowerCase()));
  const missing: string[] = [];
  for (const tag of wanted) {
    const key = tag.trim().toLowerCase();
    if (have.has(key)) continue;
    have.add(key);
    missing.push(tag.trim());
  }
  return missing;
}

/** Whether `note` already has `line` as one of its lines (surrounding spaces ignored). */
export function noteHasLine(note: string | null, line: string): boolean {
  if (!note) return false;
  const wanted = line.trim();
  return note.split(/\r?\n/).some((existing) => existing.trim() === wanted);
}

/** The note with `line` appended on a new line; the line alone for an empty note. */
export function appendLine(note: string | null, line: string): string {
  const base = (note ?? '').replace(/\s+$/, '');
  return base === '' ? line.trim() : `${base}\n${line.trim()}`;
}
