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
import { CreditMemoInput, InvoiceInput, PaymentInput, type ErpAdapter } from '@paybridge/nodes/erp';
import type { DayManifest, ManifestTransaction } from '@paybridge/sandbox';
import type { Sql } from '../../src/db/client';
import { createBuiltInLedger } from '../../src/ledger/built-in-ledger';
import { createCreditMemo } from '../../src/ledger/credit-memos';
import { upsertCustomer } from '../../src/ledger/customers';
import { createInvoice } from '../../src/ledger/invoices';
import type { LedgerSql } from '../../src/ledger/ledger-sql';
import { recordPayment } from '../../src/ledger/payments';
import { call, waitForRun } from '../support';

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

/** The day's ERP documents, in the order they must be booked, and what must be reported. */
export interface SettlementDayPlan {
  invoices: InvoiceInput[];
  payments: PaymentInput[];
  creditMemos: CreditMemoInput[];
  expected: ExpectedDiscrepancy[];
}

/** Where the documents are booked: the built-in ledger or an ERP adapter (QuickBooks). */
export type SettlementDayBooks = Pick<
  ErpAdapter,
  'upsertCustomer' | 'createInvoice' | 'recordPayment' | 'createCreditMemo'
>;

const CUSTOMER = 'generated-customer';

/** Runs `fn` over `items` in concurrent slices of `width` (the ledger's queries then pipeline). */
async function all<T>(
  items: readonly T[],
  width: number,
  fn: (item: T) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < items.length; i += width) {
    await Promise.all(items.slice(i, i + width).map(fn));
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

/**
 * The day's ERP side as documents, with the injected discrepancies left out or changed, and the
 * discrepancies a correct reconciliation must report. Pure: the same manifest and injection give
 * the same plan, whichever ERP books it.
 */
export function planSettlementDay(
  manifest: DayManifest,
  inject: SettlementDayInjection,
  options: { notSettledAgeDays?: number } = {},
): SettlementDayPlan {
  const businessDate = new Map(manifest.batches.map((b) => [b.number, b.closedOn]));
  const settled = (t: ManifestTransaction) => t.batchNumber !== null;
  const dateOf = (t: ManifestTransaction) => businessDate.get(t.batchNumber!)!;
  const sales = manifest.transactions.filter((t) => t.type === 'sale' && settled(t));
  const refunds = manifest.transactions.filter((t) => t.type === 'refund' && settled(t));
  const flagged = new Set(manifest.discrepancies.map((d) => d.transactionId));
  const onDay = (t: ManifestTransaction) => dateOf(t) === manifest.date;
  const salePool = sales.filter((t) => onDay(t) && !flagged.has(t.transactionId));
  const refundPool = refunds.filter(onDay);

  const missing = new Set(take(salePool, inject.missingBooking ?? 0, 'missing bookings'));
  const short = new Set(take(salePool, inject.amountMismatch ?? 0, 'amount mismatches'));
  const doubled = new Set(take(salePool, inject.duplicateBooking ?? 0, 'duplicate bookings'));
  const unrefunded = new Set(
    take(refundPool, inject.refundWithoutCreditMemo ?? 0, 'refunds without credit memo'),
  );
  const plan: SettlementDayPlan = { invoices: [], payments: [], creditMemos: [], expected: [] };
  const invoiceOf = new Map(sales.map((t) => [t.transactionId, t.invoiceId]));
  const invoice = (ref: string, amount: number, date: string) =>
    plan.invoices.push(
      InvoiceInput.parse({
        externalRef: ref,
        customerRef: CUSTOMER,
        currency: 'USD',
        date,
        lines: [{ description: `Order ${ref}`, quantity: 1, unitAmount: amount }],
      }),
    );
  const payment = (ref: string, invoiceRef: string, amount: number, date: string) =>
    plan.payments.push(
      PaymentInput.parse({ externalRef: ref, invoiceRef, currency: 'USD', amount, date }),
    );

  for (const sale of sales) invoice(sale.invoiceId, sale.amount, dateOf(sale));
  for (const sale of doubled) invoice(`${sale.invoiceId}-dup`, sale.amount, dateOf(sale));
  for (const sale of sales) {
    const about = { transactionId: sale.transactionId, invoiceId: sale.invoiceId };
    if (missing.has(sale)) {
      plan.expected.push({ kind: 'not_booked', ...about, amount: sale.amount });
      continue;
    }
    let amount = sale.amount;
    if (short.has(sale)) {
      const delta = Math.min(500, sale.amount - 1, 1 + (Number(sale.transactionId) % 500));
      amount -= delta;
      plan.expected.push({ kind: 'amount_mismatch', ...about, amount: delta });
    }
    payment(`paytrace-${sale.transactionId}`, sale.invoiceId, amount, dateOf(sale));
    if (doubled.has(sale)) {
      payment(sale.transactionId, `${sale.invoiceId}-dup`, sale.amount, dateOf(sale));
      plan.expected.push({ kind: 'duplicate_booking', ...about, amount: sale.amount });
    }
  }
  for (const refund of refunds) {
    const invoiceId = invoiceOf.get(refund.refundOf ?? '') ?? refund.invoiceId;
    if (unrefunded.has(refund)) {
      plan.expected.push({
        kind: 'refund_without_credit_memo',
        transactionId: refund.transactionId,
        invoiceId,
        amount: refund.amount,
      });
      continue;
    }
    plan.creditMemos.push(
      CreditMemoInput.parse({
        externalRef: `paytrace-${refund.transactionId}`,
        invoiceRef: invoiceId,
        currency: 'USD',
        date: dateOf(refund),
        lines: [
          { description: `Refund ${refund.transactionId}`, quantity: 1, unitAmount: refund.amount },
        ],
        refundAmount: refund.amount,
      }),
    );
  }
  const oldDate = addDays(manifest.date, -(options.notSettledAgeDays ?? 7));
  for (let i = 1; i <= (inject.bookedNotSettled ?? 0); i += 1) {
    const transactionId = String(990_000_000 + i);
    const invoiceId = `INV-NOT-SETTLED-${i}`;
    const amount = 1_000 + i * 37;
    invoice(invoiceId, amount, oldDate);
    payment(`paytrace-${transactionId}`, invoiceId, amount, oldDate);
    plan.expected.push({ kind: 'not_settled', transactionId, invoiceId, amount });
  }
  for (const d of manifest.discrepancies) {
    plan.expected.push({
      kind: d.kind,
      batchNumber: d.batchNumber,
      ...(d.transactionId === undefined ? {} : { transactionId: d.transactionId }),
      amount: d.amount,
    });
  }
  return plan;
}

/**
 * Books a plan's documents: the customer, then invoices, payments and credit memos, each phase
 * `width` documents at a time (a phase only refers to documents of the phases before it).
 */
export async function bookSettlementDay(
  books: SettlementDayBooks,
  plan: SettlementDayPlan,
  width = 1,
): Promise<SeededDay['booked']> {
  await books.upsertCustomer({ externalRef: CUSTOMER, name: 'Generated customer' });
  await all(plan.invoices, width, (doc) => books.createInvoice(doc));
  await all(plan.payments, width, (doc) => books.recordPayment(doc));
  await all(plan.creditMemos, width, (doc) => books.createCreditMemo(doc));
  return {
    invoices: plan.invoices.length,
    payments: plan.payments.length,
    creditMemos: plan.creditMemos.length,
  };
}

/** Books the day's ERP side in the built-in ledger; answers what must be reported. */
export async function seedSettlementDay(
  ctx: { sql: Sql },
  manifest: DayManifest,
  inject: SettlementDayInjection,
  options: { notSettledAgeDays?: number } = {},
): Promise<SeededDay> {
  const plan = planSettlementDay(manifest, inject, options);
  // One transaction, documents of one phase sent together: postgres.js pipelines them on the
  // transaction's connection, so 2,000 orders take seconds instead of one round trip per query.
  const booked = await createBuiltInLedger(ctx.sql).transaction((tx: LedgerSql) =>
    bookSettlementDay(
      {
        upsertCustomer: (input) => upsertCustomer(tx, input),
        createInvoice: (input) => createInvoice(tx, input),
        recordPayment: (input) => recordPayment(tx, input),
        createCreditMemo: (input) => createCreditMemo(tx, input),
      },
      plan,
      250,
    ),
  );
  return { expected: plan.expected, booked };
}

/** Has the PayTrace simulator generate a day of orders; answers its manifest. */
export async function generateDay(
  paytraceUrl: string,
  request: { date: string; orders: number; seed: number } & Record<string, unknown>,
): Promise<DayManifest> {
  const generated = await fetch(`${paytraceUrl}/__admin/generate-day`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  if (generated.status !== 200) {
    throw new Error(`generate-day answered ${generated.status}: ${await generated.text()}`);
  }
  return (await generated.json()) as DayManifest;
}

/** The simulator's fee statement for the days, as the processor sends it (CSV). */
export async function feeStatementOf(paytraceUrl: string, from: string, to = from) {
  return fetch(`${paytraceUrl}/__admin/fee-statement?from=${from}&to=${to}`).then((r) => r.text());
}

/** Creates an active flow of a manual trigger and one `reconcile.settlement` step; answers its id. */
export async function createReconciliationFlow(
  base: string,
  name: string,
  config: Record<string, unknown>,
): Promise<string> {
  const flow = await call(base, 'POST', '/api/flows', {
    name,
    activate: true,
    graph: {
      nodes: [
        { id: 'trigger', type: 'trigger.manual', typeVersion: 1, config: {} },
        { id: 'reconcile', type: 'reconcile.settlement', typeVersion: 1, config },
      ],
      edges: [{ from: { node: 'trigger', port: 'out' }, to: { node: 'reconcile', port: 'in' } }],
    },
  });
  if (flow.status !== 201) throw new Error(`flow not created: ${JSON.stringify(flow.body)}`);
  return flow.body.id as string;
}

/** Runs the flow once and waits until it succeeded (failing with its steps' errors); its run id. */
export async function runReconciliation(base: string, flowId: string): Promise<string> {
  const run = await call(base, 'POST', `/api/flows/${flowId}/run`, { payload: {} });
  if (run.status !== 202) throw new Error(`run not started: ${JSON.stringify(run.body)}`);
  const done = await waitForRun(base, run.body.runId, undefined, 60_000);
  if (done.status !== 'succeeded') {
    throw new Error(`run ${done.status}: ${JSON.stringify(done.steps?.map((s: any) => s.error))}`);
  }
  return run.body.runId as string;
}
