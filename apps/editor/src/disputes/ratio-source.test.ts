import { describe, expect, it } from 'vitest';
import { volumeSourceNote } from './ratio-source';
import { ratioMonth } from './ratio.test-support';

describe('ratio volume source note', () => {
  it('says nothing while every month counts the ledger', () => {
    expect(volumeSourceNote([ratioMonth('2026-01', 1), ratioMonth('2026-02', 2)])).toBeNull();
  });

  it('names how many months counted PayTrace’s settlement and which were partly reconciled', () => {
    const note = volumeSourceNote([
      ratioMonth('2026-01', 1),
      ratioMonth('2026-02', 2, 500, 'mixed'),
      ratioMonth('2026-03', 2, 900, 'settlement'),
    ]);
    expect(note).toContain('settlement reconciliation');
    expect(note).toContain('for 2 of 3 months');
    expect(note).toContain('Feb 2026');
    expect(note).not.toContain('Mar 2026');
  });
});
