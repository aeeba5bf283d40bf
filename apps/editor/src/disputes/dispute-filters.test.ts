import { describe, expect, it } from 'vitest';
import { filtersFromSearch, filtersToSearch } from './dispute-filters';

describe('disputes filters in the URL', () => {
  it('round-trips status and search, and leaves the defaults out', () => {
    expect(filtersFromSearch('')).toEqual({ status: 'open', q: '' });
    expect(filtersFromSearch('?status=all&q=%231001')).toEqual({ status: 'all', q: '#1001' });
    expect(filtersFromSearch('?status=bogus')).toEqual({ status: 'open', q: '' });
    expect(filtersToSearch({ status: 'open', q: '  ' })).toBe('');
    expect(filtersToSearch({ status: 'all', q: '#1001' })).toBe('?status=all&q=%231001');
  });
});
