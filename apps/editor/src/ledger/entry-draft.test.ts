import { describe, expect, it } from 'vitest';
import { buildEntry, draftTotals, newDraft, type EntryDraft } from './entry-draft';

const draft = (lines: [string, string, string][], currency = 'USD'): EntryDraft => ({
  ...newDraft('2026-03-01', currency),
  externalRef: 'adj-1',
  lines: lines.map(([account, debit, credit]) => ({ account, debit, credit, description: '' })),
});

describe('buildEntry', () => {
  it('builds a balanced entry in minor units with the currency exponent', () => {
    const result = buildEntry(
      draft(
        [
          ['1000', '1.250', ''],
          ['3000', '', '1.25'],
        ],
        'KWD',
      ),
    );
    expect(result).toEqual({
      ok: true,
      entry: {
        externalRef: 'adj-1',
        currency: 'KWD',
        date: '2026-03-01',
        lines: [
          { account: '1000', debit: 1250, credit: 0 },
          { account: '3000', debit: 0, credit: 1250 },
        ],
      },
    });
  });

  it('names the bad line', () => {
    const result = buildEntry(
      draft([
        ['1000', '10', '5'],
        ['', '', '10'],
        ['4000', '', ''],
        ['4000', '1.234', ''],
      ]),
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        'line 1: has both a debit and a credit; use two lines',
        'line 2: choose an account',
        'line 3: enter a debit or a credit',
        'line 4: debit USD has at most 2 decimals',
      ],
    });
  });

  it('refuses an unbalanced entry, saying by how much', () => {
    const result = buildEntry(
      draft([
        ['1000', '10.00', ''],
        ['3000', '', '9.99'],
      ]),
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        'The entry does not balance: debits 10.00 USD, credits 9.99 USD (difference 0.01 USD)',
      ],
    });
  });

  it('checks the reference, the currency and the number of lines', () => {
    const bad = { ...draft([['1000', '1', '']]), externalRef: 'has spaces', currency: 'usdx' };
    const result = buildEntry(bad);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      'Reference: 1 to 64 letters, digits and - _ . : # / only',
      'Currency: "usdx" is not an ISO 4217 code',
      'An entry needs at least two lines',
    ]);
  });
});

describe('draftTotals', () => {
  it('sums what parses, exactly', () => {
    const totals = draftTotals(
      draft([
        ['1000', '0.1', ''],
        ['1000', '0.2', ''],
        ['3000', '', '0.3'],
        ['3000', '', 'x'],
      ]),
    );
    expect(totals).toEqual({ debit: 30, credit: 30 });
  });
});
