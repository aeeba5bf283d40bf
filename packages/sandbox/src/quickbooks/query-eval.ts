/**
 * Runs a parsed query over stored entities: filters, ordering and paging, with the comparison
 * rules of the service (strings compare as text, `LIKE` knows only `%`, property paths such as
 * `MetaData.CreateTime` or `CustomerRef` reach into nested objects and reference values).
 * @module
 */
import type { Condition, ParsedQuery, QueryValue } from './query-parser.js';

type Json = Record<string, unknown>;

/** Reads a dotted property; a reference object (`{ value }`) compares by its value. */
function read(record: Json, path: string): unknown {
  let current: unknown = record;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    const obj = current as Json;
    const key = Object.keys(obj).find((k) => k.toLowerCase() === part.toLowerCase());
    current = key === undefined ? undefined : obj[key];
  }
  if (current && typeof current === 'object' && 'value' in (current as Json)) {
    return (current as Json).value;
  }
  return current;
}

function compare(a: unknown, b: QueryValue): number | null {
  if (a === undefined || a === null) return null;
  if (typeof b === 'number') {
    const n = Number(a);
    return Number.isNaN(n) ? null : n - b;
  }
  if (typeof b === 'boolean') return a === b ? 0 : null;
  const text = String(a);
  return text < b ? -1 : text > b ? 1 : 0;
}

function likePattern(pattern: string): RegExp {
  const escaped = pattern
    .split('%')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${escaped}$`, 's');
}

function matches(record: Json, c: Condition): boolean {
  const actual = read(record, c.property);
  if (c.op === 'IN') return c.values.some((v) => compare(actual, v) === 0);
  if (c.op === 'LIKE')
    return actual !== undefined && likePattern(String(c.value)).test(String(actual));
  const diff = compare(actual, c.value);
  if (diff === null) return false;
  switch (c.op) {
    case '=':
      return diff === 0;
    case '<':
      return diff < 0;
    case '>':
      return diff > 0;
    case '<=':
      return diff <= 0;
    case '>=':
      return diff >= 0;
  }
}

/** The page of matching records and the total count before paging. */
export function runQuery(records: readonly Json[], query: ParsedQuery) {
  const found = records.filter((r) => query.where.every((c) => matches(r, c)));
  for (const order of [...query.orderBy].reverse()) {
    found.sort((a, b) => {
      const x = String(read(a, order.property) ?? '');
      const y = String(read(b, order.property) ?? '');
      const diff = x < y ? -1 : x > y ? 1 : 0;
      return order.descending ? -diff : diff;
    });
  }
  const start = query.startPosition - 1;
  return { total: found.length, page: found.slice(start, start + query.maxResults) };
}
