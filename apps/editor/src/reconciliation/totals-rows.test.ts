import { describe, expect, it } from 'vitest';
import type { ReconciliationBatch, ReconciliationDay } from './reconciliation-api';
import { batchRow, dayRow } from './totals-rows';

const day: ReconciliationDay = {
  connection: 'PayTrace',
  date: '2026-03-02',
  currency: 'USD',
  paytrace: { gross: 1_000_00, refunds: 50_00, net: 950_00, fees: 29_10 },
  erp: { payments: 990_00, creditMemos: 50_00 },
  shopifyPaid: 1_000_00,
  bankDeposit: null,
  variance: 10_00,
  openItems: 2,
  batchCount: 1,
  runId: null,
  flowRunId: null,
  updatedAt: '2026-03-03T06:00:00Z',
};

const batch: ReconciliationBatch = {
  connection: 'PayTrace',
  batchNumber: 7,
  date: '2026-03-02',
  closedAt: '2026-03-02T23:00:00Z',
  currency: 'USD',
  transactionCount: 12,
  gross: 1_000_00,
  refunds: 50_00,
  net: 950_00,
  feesExpected: 29_10,
  feesProcessor: null,
  expectedDeposit: 920_90,
  deposit: 900_00,
  journalRef: null,
  journalId: null,
  postedAt: null,
  openItems: 1,
};

describe('totals rows', () => {
  it('puts every side of the day side by side and keeps an unknown bank deposit unknown', () => {
    expect(dayRow(day).totals).toEqual({
      currency: 'USD',
      paytraceGross: 1_000_00,
      paytraceRefunds: 50_00,
      paytraceNet: 950_00,
      erpPayments: 990_00,
      erpCreditMemos: 50_00,
      shopifyPaid: 1_000_00,
      bankDeposit: null,
      variance: 10_00,
    });
  });

  it('gives a batch the deposit against the expected deposit (net minus fees) as its variance', () => {
    const row = batchRow(batch);
    expect(row.label).toBe('Batch 7');
    expect(row.totals.variance).toBe(900_00 - 920_90);
    expect(row.totals.erpPayments).toBeNull();
  });

  it('has no batch variance before a deposit line is matched', () => {
    expect(batchRow({ ...batch, deposit: null }).totals.variance).toBeNull();
  });
});
