import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ErpError } from '@paybridge/nodes/erp';
import { freshDatabase } from '../../test/support';
import { createDb, type Sql } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { createLogger } from '../logger';
import { createBuiltInLedger, type BuiltInLedger } from './built-in-ledger';
import { reverseEntry } from './journals';
import { accountActivity, openInvoices, trialBalance } from './reports';

let sql: Sql;
let ledger: BuiltInLedger;

beforeAll(async () => {
  const url = await freshDatabase();
  const db = createDb(url, 6);
  sql = db.sql;
  await migrateDatabase(db.db, sql, url, createLogger('warn'));
  ledger = createBuiltInLedger(sql);
  await ledger.upsertCustomer({ externalRef: 'cust-1', name: 'Ada Lovelace' });
});
afterAll(async () => {
  await sql?.end();
});

async function rejection(promise: Promise<unknown>): Promise<ErpError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof ErpError)) throw new Error(`expected an ErpError, got ${String(err)}`);
  return err;
}

const invoice = (ref: string, unitAmount = 1000, extra: Record<string, number> = {}) => ({
  externalRef: ref,
  customerRef: 'cust-1',
  currency: 'USD',
  date: '2025-03-01',
  dueDate: '2025-03-31',
  lines: [
    { description: 'Widget', quantity: 2, unitAmount },
    { description: 'Gadget', unitAmount: 500 },
  ],
  tax: 200,
  shipping: 300,
  discount: 100,
  ...extra,
});

async function count(table: string): Promise<number> {
  const [row] = await sql.unsafe<{ n: string }[]>(`select count(*) as n from ledger.${table}`);
  return Number(row!.n);
}

describe('built-in ledger', () => {
  it('seeds the default chart once', async () => {
    await ledger.ready();
    await ledger.ready();
    const rows = await sql<{ code: string; role: string }[]>`
      select code, role from ledger.accounts order by code`;
    expect(rows.map((r) => r.role)).toContain('card-clearing');
    expect(rows).toHaveLength(12);
  });

  it('keeps a customer’s PayTrace vault id when a later upsert leaves it out', async () => {
    const first = await ledger.upsertCustomer({
      externalRef: 'cust-2',
      name: 'Grace',
      shopifyCustomerId: '7390123456789012345',
      paytraceCustomerId: 'vault-9',
    });
    expect(first.created).toBe(true);
    const again = await ledger.upsertCustomer({ externalRef: 'cust-2', name: 'Grace Hopper' });
    expect(again).toMatchObject({
      created: false,
      document: { name: 'Grace Hopper', paytraceCustomerId: 'vault-9' },
    });
  });

  it('posts an invoice with its journal once, however often it is replayed', async () => {
    const before = await count('journal_entries');
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await ledger.createInvoice(invoice('order-1001')));
    expect(results.map((r) => r.created)).toEqual([true, false, false]);
    expect(results[0]!.document).toMatchObject({
      subtotal: 2500,
      total: 2900,
      openBalance: 2900,
      lines: [{ amount: 2000 }, { amount: 500 }],
    });
    expect(await count('journal_entries')).toBe(before + 1);
    const err = await rejection(ledger.createInvoice(invoice('order-1001', 999)));
    expect(err).toMatchObject({ kind: 'conflict', code: 'REFERENCE_REUSED' });
  });

  it('posts concurrent replays of one invoice once', async () => {
    const results = await Promise.all(
      [1, 2, 3].map(() => ledger.createInvoice(invoice('order-concurrent'))),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const [row] = await sql`select count(*)::int as n from ledger.invoices
      where external_ref = 'order-concurrent'`;
    expect(row!.n).toBe(1);
  });

  it('applies partial and full payments and refuses to overpay', async () => {
    await ledger.createInvoice(invoice('order-2000'));
    await ledger.recordPayment({
      externalRef: 'txn-1',
      invoiceRef: 'order-2000',
      currency: 'USD',
      amount: 900,
      date: '2025-03-02',
    });
    expect((await ledger.findByReference('invoice', 'order-2000'))!.openBalance).toBe(2000);
    const over = await rejection(
      ledger.recordPayment({
        externalRef: 'txn-2',
        invoiceRef: 'order-2000',
        currency: 'USD',
        amount: 2001,
        date: '2025-03-02',
      }),
    );
    expect(over.code).toBe('PAYMENT_EXCEEDS_BALANCE');
    const wrongCurrency = await rejection(
      ledger.recordPayment({
        externalRef: 'txn-3',
        invoiceRef: 'order-2000',
        currency: 'EUR',
        amount: 1,
        date: '2025-03-02',
      }),
    );
    expect(wrongCurrency.code).toBe('CURRENCY_MISMATCH');
    await ledger.recordPayment({
      externalRef: 'txn-4',
      invoiceRef: 'order-2000',
      currency: 'USD',
      amount: 2000,
      date: '2025-03-03',
    });
    expect((await ledger.findByReference('invoice', 'order-2000'))!.openBalance).toBe(0);
  });

  it('never lets concurrent payments drive a balance below zero', async () => {
    await ledger.createInvoice(invoice('order-race'));
    const settled = await Promise.allSettled(
      ['a', 'b', 'c'].map((s) =>
        ledger.recordPayment({
          externalRef: `race-${s}`,
          invoiceRef: 'order-race',
          currency: 'USD',
          amount: 1500,
          date: '2025-03-02',
        }),
      ),
    );
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
    expect((await ledger.findByReference('invoice', 'order-race'))!.openBalance).toBe(1400);
  });

  it('keeps an invoice at or above zero under concurrent payments and credit memos', async () => {
    await ledger.createInvoice(invoice('order-mixed'));
    const memo = (ref: string) =>
      ledger.createCreditMemo({
        externalRef: ref,
        customerRef: 'cust-1',
        invoiceRef: 'order-mixed',
        currency: 'USD',
        date: '2025-03-02',
        lines: [{ description: 'Return', unitAmount: 1500 }],
      });
    const pay = (ref: string) =>
      ledger.recordPayment({
        externalRef: ref,
        invoiceRef: 'order-mixed',
        currency: 'USD',
        amount: 1500,
        date: '2025-03-02',
      });
    const results = await Promise.allSettled([
      pay('mix-a'),
      memo('mix-m1'),
      pay('mix-b'),
      memo('mix-m2'),
    ]);
    const paid = results.filter((r, i) => i % 2 === 0 && r.status === 'fulfilled').length * 1500;
    const applied = results
      .filter((r, i) => i % 2 === 1 && r.status === 'fulfilled')
      .reduce((s, r) => s + (r as PromiseFulfilledResult<any>).value.document.applied, 0);
    const open = (await ledger.findByReference('invoice', 'order-mixed'))!.openBalance;
    expect(open).toBeGreaterThanOrEqual(0);
    expect(open).toBe(2900 - paid - applied);
  });

  it('applies a credit memo to an open invoice and refunds a paid one', async () => {
    await ledger.createInvoice(invoice('order-3000'));
    const applied = await ledger.createCreditMemo({
      externalRef: 'refund-1',
      customerRef: 'cust-1',
      invoiceRef: 'order-3000',
      currency: 'USD',
      date: '2025-03-04',
      lines: [{ description: 'Returned widget', unitAmount: 1000 }],
    });
    expect(applied.document).toMatchObject({ total: 1000, applied: 1000, refunded: 0 });
    expect((await ledger.findByReference('invoice', 'order-3000'))!.openBalance).toBe(1900);

    await ledger.recordPayment({
      externalRef: 'txn-3000',
      invoiceRef: 'order-3000',
      currency: 'USD',
      amount: 1900,
      date: '2025-03-05',
    });
    const refunded = await ledger.createCreditMemo({
      externalRef: 'refund-2',
      customerRef: 'cust-1',
      invoiceRef: 'order-3000',
      currency: 'USD',
      date: '2025-03-06',
      lines: [{ description: 'Gadget', unitAmount: 500 }],
      refundAmount: 500,
    });
    expect(refunded.document).toMatchObject({ applied: 0, refunded: 500, remainingCredit: 0 });
    expect((await ledger.findByReference('invoice', 'order-3000'))!.openBalance).toBe(0);
  });

  it('refuses unbalanced journals and unknown accounts, naming the line', async () => {
    const unbalanced = await rejection(
      ledger.postJournal({
        externalRef: 'batch-x',
        currency: 'USD',
        date: '2025-03-07',
        lines: [
          { account: 'cash', debit: 100 },
          { account: 'card-clearing', credit: 99 },
        ],
      }),
    );
    expect(unbalanced).toMatchObject({ kind: 'validation', code: 'UNBALANCED_JOURNAL' });
    const unknown = await rejection(
      ledger.postJournal({
        externalRef: 'batch-y',
        currency: 'USD',
        date: '2025-03-07',
        lines: [
          { account: 'cash', debit: 100 },
          { account: '9999', credit: 100 },
        ],
      }),
    );
    expect(unknown).toMatchObject({ code: 'UNKNOWN_ACCOUNT', line: 1 });
    expect(unknown.message).toBe('line 2: unknown account "9999"');
  });

  it('keeps posted entries immutable and corrects them by reversal only', async () => {
    const posted = await ledger.postJournal({
      externalRef: 'batch-42',
      currency: 'USD',
      date: '2025-03-08',
      memo: 'Settlement batch 42',
      lines: [
        { account: '1000', debit: 9700 },
        { account: 'merchant-fees', debit: 300 },
        { account: 'card-clearing', credit: 10000 },
      ],
    });
    const id = posted.document.id;
    await expect(
      sql`update ledger.journal_lines set debit = 1 where entry_id = ${id}`,
    ).rejects.toThrow(/not allowed; post a reversal/);
    await expect(sql`delete from ledger.journal_entries where id = ${id}`).rejects.toThrow(
      /not allowed/,
    );
    const reversal = await ledger.transaction((tx) => reverseEntry(tx, id, '2025-03-09'));
    expect(reversal.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ['1000', 0, 9700],
      ['6000', 0, 300],
      ['1050', 10000, 0],
    ]);
    const twice = await rejection(ledger.transaction((tx) => reverseEntry(tx, id, '2025-03-09')));
    expect(twice.code).toBe('ALREADY_REVERSED');
  });

  it('refuses an unbalanced entry written around the application, at commit', async () => {
    const err = await ledger
      .transaction(async (tx) => {
        const [e] = await tx<{ id: string }[]>`insert into ledger.journal_entries
          (source, currency, txn_date) values ('journal', 'USD', '2025-03-10') returning id`;
        await tx`insert into ledger.journal_lines (entry_id, line_no, account_id, debit, credit)
          select ${e!.id}, 1, id, 5, 0 from ledger.accounts where code = '1000'`;
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ErpError);
    expect((err as ErpError).message).toMatch(/does not balance/);
  });

  it('runs a chargeback through evidence to won, with journals netting to zero', async () => {
    const opened = await ledger.openDispute({
      externalRef: 'cb-1',
      customerRef: 'cust-1',
      transactionRef: '125391271',
      currency: 'USD',
      amount: 2900,
      reason: 'Fraud: card not present',
      date: '2025-03-10',
      evidenceDueBy: '2025-03-24',
    });
    expect(opened.document).toMatchObject({ status: 'open', evidenceDueBy: '2025-03-24' });
    for (const status of ['evidence_submitted', 'evidence_submitted', 'won'] as const) {
      await ledger.updateDispute({ externalRef: 'cb-1', status, date: '2025-03-20' });
    }
    const again = await ledger.updateDispute({
      externalRef: 'cb-1',
      status: 'won',
      date: '2025-03-21',
    });
    expect(again).toMatchObject({ created: false, document: { status: 'won' } });
    const final = await rejection(
      ledger.updateDispute({ externalRef: 'cb-1', status: 'lost', date: '2025-03-21' }),
    );
    expect(final.code).toBe('DISPUTE_CLOSED');
    const activity = await accountActivity(sql, 'dispute-receivable', { from: '2025-03-10' });
    expect(activity.closingBalances).toEqual({ USD: 0 });
    expect(activity.lines).toHaveLength(2);
  });

  it('reports a balanced trial balance and the open invoices', async () => {
    const tb = await trialBalance(sql, {});
    expect(tb.totals.every((t) => t.balanced)).toBe(true);
    const ar = tb.accounts.find((a) => a.code === '1100')!;
    const open = await openInvoices(sql, '2025-04-15');
    const owed = open.invoices.reduce((s, i) => s + i.openBalance, 0);
    // Receivables = what invoices still owe minus customer credit left on credit memos.
    const [credit] = await sql<{ n: string }[]>`
      select coalesce(sum(total - applied - refunded), 0) as n from ledger.credit_memos`;
    expect(ar.balance).toBe(owed - Number(credit!.n));
    expect(open.invoices.find((i) => i.externalRef === 'order-1001')).toMatchObject({
      openBalance: 2900,
      daysOverdue: 15,
    });
    const march = await trialBalance(sql, { from: '2025-03-08', to: '2025-03-08' });
    expect(march.accounts.map((a) => a.code)).toEqual(['1000', '1050', '6000']);
  });

  it('keeps every balance at or above zero and every book balanced, for random activity', async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('JPY', 'USD', 'KWD'),
        fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 150_000 }), { maxLength: 4 }),
        fc.integer({ min: 0, max: 200_000 }),
        async (currency, prices, payments, memo) => {
          const ref = `prop-${round++}`;
          await ledger.createInvoice({
            externalRef: ref,
            customerRef: 'cust-1',
            currency,
            date: '2025-05-01',
            lines: prices.map((p) => ({ description: 'x', unitAmount: p })),
          });
          for (const [i, amount] of payments.entries()) {
            await ledger
              .recordPayment({
                externalRef: `${ref}-p${i}`,
                invoiceRef: ref,
                currency,
                amount,
                date: '2025-05-02',
              })
              .catch((e: unknown) => {
                if ((e as ErpError).code !== 'PAYMENT_EXCEEDS_BALANCE') throw e;
              });
          }
          await ledger.createCreditMemo({
            externalRef: `${ref}-cm`,
            customerRef: 'cust-1',
            invoiceRef: ref,
            currency,
            date: '2025-05-03',
            lines: [{ description: 'credit', unitAmount: memo }],
            refundAmount: Math.floor(memo / 3),
          });
          const inv = (await ledger.findByReference('invoice', ref))!;
          expect(inv.openBalance).toBeGreaterThanOrEqual(0);
          expect(inv.openBalance).toBeLessThanOrEqual(inv.total);
        },
      ),
      { numRuns: 12 },
    );
    const tb = await trialBalance(sql, {});
    expect(tb.totals.every((t) => t.balanced)).toBe(true);
    const [neg] = await sql`select count(*)::int as n from ledger.invoices where open_balance < 0`;
    expect(neg!.n).toBe(0);
  });
});
