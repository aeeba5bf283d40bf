/**
 * Test support: books the ERP side of a generated PayTrace day (the sandbox's
 * `POST /__admin/generate-day` manifest) in the built-in ledger, through the ledger's own modules
 * in one transaction (no HTTP per document), injecting the ERP-side discrepancies asked for, and
 * answers every discrepancy a correct reconciliation must report: those injected here plus the
 * processor-side ones the manifest lists.
 *
 * Conventions, the same as the posting nodes and "create the missing document":
 * - every settled sale: invoice `invoiceId` (customer `generated-customer`), payment
 *   `paytrace-<transactionId>` of the sale amount, dated its batch's business date;
 * - every settled refund: credit memo `paytrace-<transactionId>` on the sale's invoice, paid out;
 * - voids and declines: nothing.
 * Injected (disjoint, among the manifest day's settled transactions not already carrying a
 * processor-side discrepancy):
 * - `missingBooking` → `not_booked`: the invoice is booked, the payment is not (amount: the sale);
 * - `amountMismatch` → `amount_mismatch`: the payment is short by 1–500 cents (amount: PayTrace
 *   amount − booked amount);
 * - `duplicateBooking` → `duplicate_booking`: the order invoiced again as `<invoiceId>-dup` and
 *   paid again under the bare transaction id `<transactionId>` (a second document referring to
 *   the same PayTrace transaction; amount: the sale);
 * - `refundWithoutCreditMemo` → `refund_without_credit_memo`: a settled refund gets no credit
 *   memo (amount: the refund);
 * - `bookedNotSettled` → `not_settled`: a payment `paytrace-<id>` for an id PayTrace never had
 *   (99000000x), on invoice `INV-NOT-SETTLED-x`, dated `notSettledAgeDays` (default 7) before the
 *   day (amount: the payment).
 *
 * @module
 */
import { CreditMemoInput, InvoiceInput, PaymentInput } from '@paybridge/nodes/erp';
import type { DayManifest, ManifestTransaction } from '@paybridge/sandbox';
import type { Sql } from '../../src/db/client';
import { createBuiltInLedger } from '../../src/ledger/built-in-ledger';
import { createCreditMemo } from '../../src/ledger/credit-memos';
import { upsertCustomer } from '../../src/ledger/customers';
import { createInvoice } from '../../src/ledger/invoices';
import type { LedgerSql } from '../../src/ledger/ledger-sql';
import { recordPayment } from '../../src/ledger/payments';

/** How many of each ERP-side discrepancy to inject. */
export interface SettlementDayInjection {
  missingBooking?: number;
  bookedNotSettled?: number;
  amountMismatch?: number;
  refundWithoutCreditMemo?: number;
  duplicateBooking?: number;
}

/** A discrepancy a correct reconciliation reports exactly once. */
export interface ExpectedDiscrepancy {
  kind:
    | 'not_booked'
    | 'not_settled'
    | 'amount_mismatch'
    | 'refund_without_credit_memo'
    | 'duplicate_booking'
    | 'fee_difference'
    | 'deposit_missing'
    | 'deposit_short'
    | 'not_in_shopify';
  transactionId?: string;
  invoiceId?: string;
  batchNumber?: number;
  /** Minor units; what each kind's amount means is in the module doc. */
  amount: number;
}

/** What was booked and what must be reported. */
export interface SeededDay {
  expected: ExpectedDiscrepancy[];
  booked: { invoices: number; payments: number; creditMemos: number };
}

const CUSTOMER = 'generated-customer';

/** Runs `fn` over `items` in concurrent slices (the ledger's queries then pipeline). */
async function all<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += 250) {
    await Promise.all(items.slice(i, i + 250).map(fn));
  }
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** `count` items of `pool` spread evenly (deterministic), removed from the pool. */
function take<T>(pool: T[], count: number, what: string): T[] {
  if (count > pool.length) {
    throw new Error(`cannot inject ${count} ${what}: only ${pool.length} candidates`);
  }
  const indexes = Array.from({ length: count }, (_, i) => Math.floor((i * pool.length) / count));
  const picked = indexes.map((i) => pool[i]!);
  for (const i of [...indexes].reverse()) pool.splice(i, 1);
  return picked;
}

/** Books the day's ERP side with the injected discrepancies; answers what must be reported. */
export async function seedSettlementDay(
  ctx: { sql: Sql },
  manifest: DayManifest,
  inject: SettlementDayInjection,
  options: { notSettledAgeDays?: number } = {},
): Promise<SeededDay> {
  const businessDate = new Map(manifest.batches.map((b) => [b.number, b.closedOn]));
  const settled = (t: ManifestTransaction) => t.batchNumber !== null;
  const sales = manifest.transactions.filter((t) => t.type === 'sale' && settled(t));
  const refunds = manifest.transactions.filter((t) => t.type === 'refund' && settled(t));
  const flagged = new Set(manifest.discrepancies.map((d) => d.transactionId));
  const onDay = (t: ManifestTransaction) => businessDate.get(t.batchNumber!) === manifest.date;
  const salePool = sales.filter((t) => onDay(t) && !flagged.has(t.transactionId));
  const refundPool = refunds.filter(onDay);

  const missing = new Set(take(salePool, inject.missingBooking ?? 0, 'missing bookings'));
  const short = new Set(take(salePool, inject.amountMismatch ?? 0, 'amount mismatches'));
  const doubled = new Set(take(salePool, inject.duplicateBooking ?? 0, 'duplicate bookings'));
  const unrefunded = new Set(
    take(refundPool, inject.refundWithoutCreditMemo ?? 0, 'refunds without credit memo'),
  );
  const expected: ExpectedDiscrepancy[] = [];
  const booked = { invoices: 0, payments: 0, creditMemos: 0 };
  const invoiceOf = new Map(sales.map((t) => [t.transactionId, t.invoiceId]));

  const ledger = createBuiltInLedger(ctx.sql);
  await ledger.transaction(async (tx: LedgerSql) => {
    await upsertCustomer(tx, { externalRef: CUSTOMER, name: 'Generated customer' });
    const invoice = async (ref: string, amount: number, date: string) => {
      const doc = InvoiceInput.parse({
        externalRef: ref,
        customerRef: CUSTOMER,
        currency: 'USD',
        date,
        lines: [{ description: `Order ${ref}`, quantity: 1, unitAmount: amount }],
      });
      await createInvoice(tx, doc);
      booked.invoices += 1;
    };
    const payment = async (ref: string, invoiceRef: string, amount: number, date: string) => {
      await recordPayment(
        tx,
        PaymentInput.parse({ externalRef: ref, invoiceRef, currency: 'USD', amount, date }),
      );
      booked.payments += 1;
    };
    // Documents of one phase are sent together: postgres.js pipelines them on the transaction's
    // connection, so 2,000 orders take seconds instead of one round trip per query.
    const saleOf = (sale: ManifestTransaction) => businessDate.get(sale.batchNumber!)!;
    await all(sales, (sale) => invoice(sale.invoiceId, sale.amount, saleOf(sale)));
    await all([...doubled], (sale) => invoice(`${sale.invoiceId}-dup`, sale.amount, saleOf(sale)));
    await all(sales, async (sale) => {
      const date = saleOf(sale);
      if (missing.has(sale)) {
        expected.push({
          kind: 'not_booked',
          transactionId: sale.transactionId,
          invoiceId: sale.invoiceId,
          amount: sale.amount,
        });
        return;
      }
      let amount = sale.amount;
      if (short.has(sale)) {
        const delta = Math.min(500, sale.amount - 1, 1 + (Number(sale.transactionId) % 500));
        amount -= delta;
        expected.push({
          kind: 'amount_mismatch',
          transactionId: sale.transactionId,
          invoiceId: sale.invoiceId,
          amount: delta,
        });
      }
      await payment(`paytrace-${sale.transactionId}`, sale.invoiceId, amount, date);
      if (doubled.has(sale)) {
        const dup = `${sale.invoiceId}-dup`;
        await payment(sale.transactionId, dup, sale.amount, date);
        expected.push({
          kind: 'duplicate_booking',
          transactionId: sale.transactionId,
          invoiceId: sale.invoiceId,
          amount: sale.amount,
        });
      }
    });
    await all(refunds, async (refund) => {
      const invoiceId = invoiceOf.get(refund.refundOf ?? '') ?? refund.invoiceId;
      if (unrefunded.has(refund)) {
        expected.push({
          kind: 'refund_without_credit_memo',
          transactionId: refund.transactionId,
          invoiceId,
          amount: refund.amount,
        });
        return;
      }
      const doc = CreditMemoInput.parse({
        externalRef: `paytrace-${refund.transactionId}`,
        invoiceRef: invoiceId,
        currency: 'USD',
        date: businessDate.get(refund.batchNumber!)!,
        lines: [
          { description: `Refund ${refund.transactionId}`, quantity: 1, unitAmount: refund.amount },
        ],
        refundAmount: refund.amount,
      });
      await createCreditMemo(tx, doc);
      booked.creditMemos += 1;
    });
    const oldDate = addDays(manifest.date, -(options.notSettledAgeDays ?? 7));
    for (let i = 1; i <= (inject.bookedNotSettled ?? 0); i += 1) {
      const transactionId = String(990_000_000 + i);
      const invoiceId = `INV-NOT-SETTLED-${i}`;
      const amount = 1_000 + i * 37;
      await invoice(invoiceId, amount, oldDate);
      await payment(`paytrace-${transactionId}`, invoiceId, amount, oldDate);
      expected.push({ kind: 'not_settled', transactionId, invoiceId, amount });
    }
  });
  for (const d of manifest.discrepancies) {
    expected.push({
      kind: d.kind,
      batchNumber: d.batchNumber,
      ...(d.transactionId === undefined ? {} : { transactionId: d.transactionId }),
      amount: d.amount,
    });
  }
  return { expected, booked };
}
