/** Longest flow name the API accepts. */
const MAX_NAME = 200;

/**
 * The name an imported or duplicated flow gets: its own when no live flow has it, else the name
 * with " (copy)", then " (copy 2)", " (copy 3)"… so the copy can never be mistaken for the
 * original in the flow list (two flows named alike, both charging orders, is how an order gets
 * charged twice). The base is shortened when needed to keep within the 200-character limit.
 */
export function copyName(name: string, taken: Iterable<string>): string {
  const names = new Set(taken);
  const wanted = name.trim();
  if (!names.has(wanted)) return wanted;
  // A copy of a copy counts on: "Orders (copy)" taken gives "Orders (copy 2)".
  const base = wanted.replace(/ \(copy(?: \d+)?\)$/, '') || wanted;
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? ' (copy)' : ` (copy ${n})`;
    const candidate = `${base.slice(0, MAX_NAME - suffix.length).trimEnd()}${suffix}`;
    if (!names.has(candidate)) return candidate;
  }
}
