import { describe, expect, it } from 'vitest';
import { simulatedQuickbooks } from './test/simulator-harness';

const day = '2025-08-01';

describe('QuickBooks settlement documents of a window', () => {
  it('reads payments and refunds with their invoices, leaving out credit applications and other days', async () => {
    const qbo = simulatedQuickbooks();
    const erp = qbo.adapter();
    await erp.upsertCustomer({ externalRef: 'c1', name: 'Ada' });
    const invoice = (ref: string, date = day) =>
      erp.createInvoice({
        externalRef: ref,
        customerRef: 'c1',
        currency: 'USD',
        date,
        lines: [{ description: 'Tea', quantity: 1, unitAmount: 1000 }],
      });
    await invoice('INV-1');
    await invoice('INV-2');
    await invoice('INV-3', '2025-07-01');
    await erp.recordPayment({
      externalRef: 'paytrace-11',
      invoiceRef: 'INV-1',
      currency: 'USD',
      amount: 1000,
      date: day,
    });
    await erp.recordPayment({
      externalRef: 'paytrace-33',
      invoiceRef: 'INV-3',
      currency: 'USD',
      amount: 1000,
      date: '2025-07-01',
    });
    // A full refund (a RefundReceipt) and a partial credit (a CreditMemo applied by a
    // zero-amount Payment, which is part of the credit memo, not a payment).
    await erp.createCreditMemo({
      externalRef: 'paytrace-12',
      invoiceRef: 'INV-1',
      currency: 'USD',
      date: day,
      lines: [{ description: 'Refund', quantity: 1, unitAmount: 400 }],
      refundAmount: 400,
    });
    await erp.createCreditMemo({
      externalRef: 'credit-2',
      invoiceRef: 'INV-2',
      currency: 'USD',
      date: day,
      lines: [{ description: 'Credit', quantity: 1, unitAmount: 300 }],
      refundAmount: 0,
    });
    const docs = await erp.settlementDocuments!({ from: '2025-07-15', to: '2025-08-05' });
    expect(docs.sort((a, b) => a.externalRef.localeCompare(b.externalRef))).toEqual([
      {
        kind: 'refund',
        externalRef: 'credit-2',
        amount: 300,
        currency: 'USD',
        date: day,
        invoiceRef: 'INV-2',
      },
      {
        kind: 'sale',
        externalRef: 'paytrace-11',
        amount: 1000,
        currency: 'USD',
        date: day,
        invoiceRef: 'INV-1',
      },
      {
        kind: 'refund',
        externalRef: 'paytrace-12',
        amount: 400,
        currency: 'USD',
        date: day,
        invoiceRef: 'INV-1',
      },
    ]);
  });

  it('pages through more documents than one query answers', async () => {
    const qbo = simulatedQuickbooks({ settings: { requestsPerMinute: 1_000_000 } });
    const erp = qbo.adapter();
    await erp.upsertCustomer({ externalRef: 'c1', name: 'Ada' });
    await erp.createInvoice({
      externalRef: 'INV-BIG',
      customerRef: 'c1',
      currency: 'USD',
      date: day,
      lines: [{ description: 'Tea', quantity: 1, unitAmount: 1_000_000 }],
    });
    const n = 1_005;
    for (let i = 0; i < n; i++) {
      await erp.recordPayment({
        externalRef: `paytrace-${i}`,
        invoiceRef: 'INV-BIG',
        currency: 'USD',
        amount: 1,
        date: day,
      });
    }
    qbo.calls.length = 0;
    const docs = await erp.settlementDocuments!({ from: day, to: day });
    expect(new Set(docs.map((d) => d.externalRef)).size).toBe(n);
    expect(docs.every((d) => d.invoiceRef === 'INV-BIG')).toBe(true);
    // Two pages of payments, one of refund receipts, one of credit memos, one of invoices.
    expect(qbo.calls.filter((c) => c.url.includes('/query')).length).toBe(5);
  }, 60_000);
});
