import { describe, expect, it } from 'vitest';
import { filterBySearch, parseSearch, type SearchWarning } from './search-query.js';

describe('parseSearch', () => {
  it('reads comparisons with quoted values', () => {
    expect(parseSearch("updated_at:>'2025-01-01T00:00:00Z' status:open")).toEqual([
      [
        { field: 'updated_at', op: '>', value: '2025-01-01T00:00:00Z', negate: false },
        { field: 'status', op: ':', value: 'open', negate: false },
      ],
    ]);
  });

  it('reads OR, NOT and minus', () => {
    const query = parseSearch('tag:a OR -tag:b NOT tag:c');
    expect(query).toHaveLength(2);
    expect(query[1]!.map((t) => t.negate)).toEqual([true, true]);
  });
});

describe('filterBySearch', () => {
  const items = [{ n: 1 }, { n: 2 }, { n: 3 }];
  const fields = {
    n: (item: { n: number }, term: { op: any; value: string }) =>
      term.op === '>' ? item.n > Number(term.value) : item.n === Number(term.value),
  };

  it('filters, and warns about unknown fields instead of failing', () => {
    const warnings: SearchWarning[] = [];
    const kept = filterBySearch(items, 'n:>1 colour:red', fields, () => true, warnings);
    expect(kept.map((i) => i.n)).toEqual([2, 3]);
    expect(warnings).toEqual([
      { field: 'colour', message: 'Invalid search field for this query.' },
    ]);
  });
});
