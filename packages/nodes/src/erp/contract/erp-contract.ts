/**
 * The ERP adapter contract as a vitest suite, run against every adapter (the built-in ledger in
 * apps/runtime, QuickBooks Online against its simulator here), so both keep the same promises:
 * idempotent postings, totals, balances that never go below zero, validation naming the line,
 * dispute life cycles. Test-only: imports vitest.
 *
 * @module
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ErpAdapter } from '../adapter';
import { ErpError } from '../errors';

/** How a contract run gets its adapter and counts what reached the ERP. */
export interface ContractTarget {
  /** A fresh adapter (called once per suite). */
  adapter(): Promise<ErpAdapter>;
  /** How many documents of a kind the ERP holds for `ref` (proves "posted once"). */
  countPosted(kind: 'invoice' | 'payment' | 'journal', ref: string): Promise<number>;
}

async function rejection(promise: Promise<unknown>): Promise<ErpError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof ErpError)) throw new Error(`expected an ErpError, got ${String(err)}`);
  return err;
}

/** Defines the contract suite for one adapter. */
export function erpContract(name: string, target: ContractTarget): void {
  describe(`ERP adapter contract: ${name}`, () => {
    let erp: ErpAdapter;
    const run = Math.random().toString(36).slice(2, 8);
    const r = (s: string) => `${s}-${run}`;
    const customer = r('cust');
    const day = '2025-07-01';

    beforeAll(async () => {
      erp = await target.adapter();
      await erp.upsertCustomer({ externalRef: customer, name: "Ada O'Hara" });
    });

    const invoice = (ref: string, unitAmount = 1250) => ({
      externalRef: ref,
      customerRef: customer,
      currency: 'USD',
      date: day,
      lines: [
        { description: 'Widget', quantity: 2, unitAmount },
        { description: 'Gadget', unitAmount: 499 },
      ],
      tax: 240,
      shipping: 500,
      discount: 300,
    });

    it('upserts customers and keeps their PayTrace vault id', async () => {
      const ref = r('c2');
      const first = await erp.upsertCustomer({
        externalRef: ref,
        name: 'Grace',
        email: 'grace@example.com',
        shopifyCustomerId: '7390123456789012345',
        paytraceCustomerId: 'vault-77',
      });
      expect(first.created).toBe(true);
      const again = await erp.upsertCustomer({ externalRef: ref, name: 'Grace Hopper' });
      expect(again.created).toBe(false);
      expect(again.document).toMatchObject({
        externalRef: ref,
        name: 'Grace Hopper',
        paytraceCustomerId: 'vault-77',
        shopifyCustomerId: '7390123456789012345',
      });
      expect(await erp.findByReference('customer', ref)).toMatchObject({ name: 'Grace Hopper' });
    });

    it('posts an invoice once however often it is replayed, with exact totals', async () => {
      const ref = r('inv1');
      const results = [];
      for (let i = 0; i < 3; i++) results.push(await erp.createInvoice(invoice(ref)));
      expect(results.map((x) => x.created)).toEqual([true, false, false]);
      expect(results[0]!.document).toMatchObject({
        externalRef: ref,
        customerRef: customer,
        subtotal: 2999,
        tax: 240,
        shipping: 500,
        discount: 300,
        total: 3439,
        openBalance: 3439,
      });
      expect(await target.countPosted('invoice', ref)).toBe(1);
      const changed = await rejection(erp.createInvoice(invoice(ref, 1251)));
      expect(changed).toMatchObject({ kind: 'conflict', code: 'REFERENCE_REUSED' });
    });

    it('tracks partial and full payments and refuses to overpay', async () => {
      const ref = r('inv2');
      await erp.createInvoice(invoice(ref));
      const pay = (pref: string, amount: number) =>
        erp.recordPayment({
          externalRef: r(pref),
          invoiceRef: ref,
          currency: 'USD',
          amount,
          date: day,
        });
      for (let i = 0; i < 3; i++) await pay('p1', 1000);
      expect(await target.countPosted('payment', r('p1'))).toBe(1);
      expect((await erp.findByReference('invoice', ref))!.openBalance).toBe(2439);
      expect((await rejection(pay('p2', 2440))).code).toBe('PAYMENT_EXCEEDS_BALANCE');
      await pay('p3', 2439);
      expect((await erp.findByReference('invoice', ref))!.openBalance).toBe(0);
      expect(await erp.findByReference('payment', r('p3'))).toMatchObject({
        amount: 2439,
        invoiceRef: ref,
      });
    });

    it('applies credit memos to open invoices and refunds paid ones', async () => {
      const open = r('inv3');
      await erp.createInvoice(invoice(open));
      const applied = await erp.createCreditMemo({
        externalRef: r('cm1'),
        customerRef: customer,
        invoiceRef: open,
        currency: 'USD',
        date: day,
        lines: [{ description: 'Returned widget', unitAmount: 1250 }],
      });
      expect(applied.document).toMatchObject({
        total: 1250,
        applied: 1250,
        refunded: 0,
        remainingCredit: 0,
      });
      expect((await erp.findByReference('invoice', open))!.openBalance).toBe(2189);

      const partial = await erp.createCreditMemo({
        externalRef: r('cm2'),
        customerRef: customer,
        invoiceRef: open,
        currency: 'USD',
        date: day,
        lines: [{ description: 'Gadget', unitAmount: 3000 }],
        refundAmount: 500,
      });
      expect(partial.document).toMatchObject({
        total: 3000,
        refunded: 500,
        applied: 2189,
        remainingCredit: 311,
      });
      expect((await erp.findByReference('invoice', open))!.openBalance).toBe(0);

      const full = {
        externalRef: r('cm3'),
        customerRef: customer,
        invoiceRef: open,
        currency: 'USD',
        date: day,
        lines: [{ description: 'Refund', unitAmount: 700 }],
        refundAmount: 700,
      };
      const results = [];
      for (let i = 0; i < 3; i++) results.push(await erp.createCreditMemo(full));
      expect(results.map((x) => x.created)).toEqual([true, false, false]);
      expect(results[2]!.document).toMatchObject({
        total: 700,
        refunded: 700,
        applied: 0,
        remainingCredit: 0,
      });
      expect(await erp.findByReference('credit-memo', r('cm3'))).toMatchObject({ refunded: 700 });
    });

    it('takes the customer of a refund from its invoice', async () => {
      const ref = r('inv4');
      await erp.createInvoice(invoice(ref));
      const memo = await erp.createCreditMemo({
        externalRef: r('cm4'),
        invoiceRef: ref,
        currency: 'USD',
        date: day,
        lines: [{ description: 'Widget', unitAmount: 100 }],
        refundAmount: 100,
      });
      expect(memo.document).toMatchObject({ customerRef: customer, refunded: 100 });
      const orphan = await rejection(
        erp.createCreditMemo({
          externalRef: r('cm5'),
          currency: 'USD',
          date: day,
          lines: [{ description: 'x', unitAmount: 1 }],
        }),
      );
      expect(orphan).toMatchObject({ kind: 'validation' });
      expect(orphan.message).toMatch(/customerRef or an invoiceRef/);
    });

    it('posts balanced journals once and refuses unbalanced ones, naming the line', async () => {
      const ref = r('batch');
      const journal = {
        externalRef: ref,
        currency: 'USD',
        date: day,
        memo: 'Settlement batch',
        lines: [
          { account: 'cash', debit: 9700 },
          { account: 'merchant-fees', debit: 300 },
          { account: 'card-clearing', credit: 10000 },
        ],
      };
      for (let i = 0; i < 3; i++) await erp.postJournal(journal);
      expect(await target.countPosted('journal', ref)).toBe(1);
      expect(await erp.findByReference('journal', ref)).toMatchObject({ total: 10000 });
      const unbalanced = await rejection(
        erp.postJournal({
          ...journal,
          externalRef: r('bad'),
          lines: [
            { account: 'cash', debit: 1 },
            { account: 'card-clearing', credit: 2 },
          ],
        }),
      );
      expect(unbalanced).toMatchObject({ kind: 'validation', code: 'UNBALANCED_JOURNAL' });
      const unknown = await rejection(
        erp.postJournal({
          ...journal,
          externalRef: r('bad2'),
          lines: [
            { account: 'cash', debit: 1 },
            { account: 'no-such-account', credit: 1 },
          ],
        }),
      );
      expect(unknown).toMatchObject({ code: 'UNKNOWN_ACCOUNT', line: 1 });
      expect(unknown.message).toMatch(/^line 2: unknown account "no-such-account"/);
      expect(await target.countPosted('journal', r('bad'))).toBe(0);
    });

    it('posts receivable adjustments for a named customer', async () => {
      const posted = await erp.postJournal({
        externalRef: r('adj'),
        currency: 'USD',
        date: day,
        lines: [
          { account: 'accounts-receivable', debit: 250, customerRef: customer },
          { account: 'sales', credit: 250 },
        ],
      });
      expect(posted).toMatchObject({ created: true, document: { total: 250 } });
    });

    it('runs a dispute from open through evidence to won, and keeps won final', async () => {
      const ref = r('cb');
      const dispute = {
        externalRef: ref,
        customerRef: customer,
        transactionRef: '125391271',
        currency: 'USD',
        amount: 3439,
        reason: 'Fraud; card not present',
        date: day,
        evidenceDueBy: '2025-07-15',
      };
      const opened = await erp.openDispute(dispute);
      expect(opened).toMatchObject({
        created: true,
        document: { status: 'open', amount: 3439, evidenceDueBy: '2025-07-15' },
      });
      expect((await erp.openDispute(dispute)).created).toBe(false);
      const evidence = await erp.updateDispute({
        externalRef: ref,
        status: 'evidence_submitted',
        date: '2025-07-10',
      });
      expect(evidence.document.status).toBe('evidence_submitted');
      const won = await erp.updateDispute({ externalRef: ref, status: 'won', date: '2025-07-20' });
      expect(won).toMatchObject({
        created: true,
        document: { status: 'won', reason: 'Fraud; card not present' },
      });
      expect(
        (await erp.updateDispute({ externalRef: ref, status: 'won', date: '2025-07-21' })).created,
      ).toBe(false);
      expect(
        (
          await rejection(
            erp.updateDispute({ externalRef: ref, status: 'lost', date: '2025-07-21' }),
          )
        ).code,
      ).toBe('DISPUTE_CLOSED');
      expect(await erp.findByReference('dispute', ref)).toMatchObject({ status: 'won' });
    });

    it('answers null for unknown references and not-found for missing targets', async () => {
      expect(await erp.findByReference('invoice', r('nope'))).toBeNull();
      expect(await erp.findByReference('dispute', r('nope'))).toBeNull();
      const missing = await rejection(
        erp.recordPayment({
          externalRef: r('p9'),
          invoiceRef: r('nope'),
          currency: 'USD',
          amount: 1,
          date: day,
        }),
      );
      expect(missing.kind).toBe('not-found');
      const noCustomer = await rejection(
        erp.createInvoice({ ...invoice(r('inv9')), customerRef: r('nobody') }),
      );
      expect(noCustomer.kind).toBe('not-found');
    });

    it('keeps invoice totals exact and balances at or above zero for random documents', async () => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({
              quantity: fc.integer({ min: 1, max: 5 }),
              unitAmount: fc.integer({ min: 1, max: 500_000 }),
            }),
            { minLength: 1, maxLength: 3 },
          ),
          fc.integer({ min: 0, max: 50_000 }),
          fc.integer({ min: 0, max: 50_000 }),
          fc.array(fc.integer({ min: 1, max: 1_000_000 }), { maxLength: 3 }),
          async (lines, tax, shipping, payments) => {
            const ref = r(`prop${n++}`);
            const subtotal = lines.reduce((s, l) => s + l.quantity * l.unitAmount, 0);
            const posted = await erp.createInvoice({
              externalRef: ref,
              customerRef: customer,
              currency: 'USD',
              date: day,
              lines: lines.map((l) => ({ description: 'x', ...l })),
              tax,
              shipping,
            });
            expect(posted.document.total).toBe(subtotal + tax + shipping);
            let open = posted.document.total;
            for (const [i, amount] of payments.entries()) {
              const before = open;
              const paid = await erp
                .recordPayment({
                  externalRef: `${ref}-${i}`,
                  invoiceRef: ref,
                  currency: 'USD',
                  amount,
                  date: day,
                })
                .then(
                  () => true,
                  (e: ErpError) => {
                    expect(e.code).toBe('PAYMENT_EXCEEDS_BALANCE');
                    return false;
                  },
                );
              if (paid) open -= amount;
              expect(paid).toBe(amount <= before);
            }
            const after = (await erp.findByReference('invoice', ref))!;
            expect(after.openBalance).toBe(open);
            expect(after.openBalance).toBeGreaterThanOrEqual(0);
          },
        ),
        { numRuns: 8 },
      );
    });
  });
}
