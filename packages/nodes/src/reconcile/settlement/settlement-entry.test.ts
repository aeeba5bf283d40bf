import { describe, expect, it } from 'vitest';
import { settlementJournal } from './post-documents';
import { datesBetween, onDemandOf, rangeOf } from './reconcile-range';

const batch = { connection: 'pt', batchNumber: 7, currency: 'USD', date: '2026-03-10' };

describe('settlement entry of a batch', () => {
  it('balances, and cash plus fees equals PayTrace net', () => {
    const j = settlementJournal({ ...batch, gross: 100_000, refunds: 5_000, fees: 3_210 })!;
    const debit = j.lines.reduce((s, l) => s + (l.debit ?? 0), 0);
    const credit = j.lines.reduce((s, l) => s + (l.credit ?? 0), 0);
    expect(debit).toBe(credit);
    const cash = j.lines.find((l) => l.account === 'cash')!;
    const fees = j.lines.find((l) => l.account === 'merchant-fees')!;
    expect(cash.debit! + fees.debit!).toBe(100_000 - 5_000);
    expect(j.externalRef).toBe('settlement-7');
  });

  it('withdraws cash for a batch of mostly refunds, and posts nothing for an empty batch', () => {
    const j = settlementJournal({ ...batch, gross: 1_000, refunds: 4_000, fees: 30 })!;
    expect(j.lines.find((l) => l.account === 'cash')).toMatchObject({ credit: 3_030 });
    expect(settlementJournal({ ...batch, gross: 0, refunds: 0, fees: 0 })).toBeNull();
  });
});

describe('which days a run reconciles', () => {
  it('takes the day before the schedule fire in the merchant time zone', () => {
    // 06:00 in New York on 11 March is 10:00 UTC: the day before is 10 March.
    const at = Date.parse('2026-03-11T10:00:00Z');
    expect(
      rangeOf({ onDemand: null, date: '', dateTo: '', timeZone: 'America/New_York', at }),
    ).toEqual({ from: '2026-03-10', to: '2026-03-10' });
    // 01:00 UTC on 11 March is still 10 March in Los Angeles: the day before is 9 March.
    const late = Date.parse('2026-03-11T01:00:00Z');
    expect(
      rangeOf({ onDemand: null, date: '', dateTo: '', timeZone: 'America/Los_Angeles', at: late }),
    ).toEqual({ from: '2026-03-09', to: '2026-03-09' });
  });

  it('prefers an on-demand range, then the configured one, and ignores a malformed request', () => {
    const onDemand = onDemandOf({
      reconciliation: {
        runId: '00000000-0000-4000-8000-000000000001',
        from: '2026-03-01',
        to: '2026-03-03',
      },
    });
    expect(rangeOf({ onDemand, date: '2026-01-01', dateTo: '', timeZone: 'UTC', at: 0 })).toEqual({
      from: '2026-03-01',
      to: '2026-03-03',
    });
    expect(
      onDemandOf({ reconciliation: { runId: 'x', from: '2026-03-01', to: '2026-02-01' } }),
    ).toBeNull();
    expect(datesBetween('2026-02-27', '2026-03-02')).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
  });
});

describe("the processor's fee statement", () => {
  it('gives the card brand per transaction, which the fee schedule needs', async () => {
    const { parseProcessorFeeCsv } = await import('../fees/fee-schedule');
    const fees = parseProcessorFeeCsv(
      'Batch Number,Transaction ID,Card Type,Amount,Total Fees\r\n2,101,AMEX,65.17,2.43\r\n',
    );
    expect(fees.byTransactionId.get('101')).toBe(243);
    expect(fees.brandByTransactionId.get('101')).toBe('AMEX');
  });
});
