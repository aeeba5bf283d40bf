/**
 * Shopify's search syntax for the `query` argument, the subset connectors use: terms joined by
 * spaces (AND) or `OR`, `field:value`, comparisons `field:>value` (`>`, `>=`, `<`, `<=`), quoted
 * values (`updated_at:>'2025-01-01T00:00:00Z'`), negation with `-` or `NOT`. Unknown fields and
 * unreadable values do not fail the query: they are ignored and reported as warnings in
 * `extensions.search`, as Shopify reports them.
 * @module
 */

/** A comparison operator. */
export type SearchOp = ':' | '>' | '>=' | '<' | '<=';

/** One `field:value` term (`field` is `null` for free text). */
export interface SearchTerm {
  field: string | null;
  op: SearchOp;
  value: string;
  negate: boolean;
}

/** Terms as a disjunction of conjunctions. */
export type SearchQuery = SearchTerm[][];

/** A warning about an ignored term. */
export interface SearchWarning {
  field: string;
  message: string;
}

const TOKEN =
  /\s*(-?)(?:([A-Za-z_][\w.]*):(>=|<=|>|<)?)?('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[^\s()]+)/y;

function unquote(value: string): string {
  if (/^'.*'$|^".*"$/s.test(value)) return value.slice(1, -1).replace(/\\(.)/g, '$1');
  return value;
}

/** Parses a query string. */
export function parseSearch(text: string): SearchQuery {
  const groups: SearchQuery = [[]];
  let negateNext = false;
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const match = TOKEN.exec(text);
    if (!match) break;
    const [, minus, field, op, raw] = match;
    if (!field && raw === 'OR') {
      groups.push([]);
      continue;
    }
    if (!field && raw === 'AND') continue;
    if (!field && raw === 'NOT') {
      negateNext = true;
      continue;
    }
    groups[groups.length - 1]!.push({
      field: field ?? null,
      op: (op as SearchOp | undefined) ?? ':',
      value: unquote(raw ?? ''),
      negate: minus === '-' || negateNext,
    });
    negateNext = false;
  }
  return groups.filter((g) => g.length > 0);
}

/**
 * How one field is matched: `true`/`false`, or a warning message when the value cannot be used
 * (the term is then ignored).
 */
export type FieldMatcher<T> = (item: T, term: SearchTerm) => boolean | { warning: string };

/** Compares with the term's operator. */
export function compareWith(
  op: SearchOp,
  actual: number | bigint,
  wanted: number | bigint,
): boolean {
  switch (op) {
    case '>':
      return actual > wanted;
    case '>=':
      return actual >= wanted;
    case '<':
      return actual < wanted;
    case '<=':
      return actual <= wanted;
    default:
      return actual === wanted;
  }
}

/**
 * Keeps the items that match `text`. `freeText` handles terms without a field. Warnings for
 * unknown fields and unusable values are appended to `warnings` once per term.
 */
export function filterBySearch<T>(
  items: T[],
  text: string | null | undefined,
  fields: Record<string, FieldMatcher<T>>,
  freeText: (item: T, value: string) => boolean,
  warnings: SearchWarning[],
): T[] {
  if (!text || text.trim() === '') return items;
  const query = parseSearch(text);
  const usable = query.map((group) =>
    group.filter((term) => {
      if (term.field === null || Object.hasOwn(fields, term.field)) return true;
      warnings.push({ field: term.field, message: 'Invalid search field for this query.' });
      return false;
    }),
  );
  const warned = new Set<SearchTerm>();
  const matches = (item: T, term: SearchTerm): boolean => {
    const result =
      term.field === null ? freeText(item, term.value) : fields[term.field]!(item, term);
    if (typeof result === 'object') {
      if (!warned.has(term)) {
        warned.add(term);
        warnings.push({ field: term.field ?? '', message: result.warning });
      }
      return true;
    }
    return term.negate ? !result : result;
  };
  return items.filter((item) => usable.some((group) => group.every((term) => matches(item, term))));
}
