/**
 * Credit memos with their refunds: the memo reverses the sale, its refund part is paid out, the
 * rest is applied to the invoice as far as the invoice still owes, and what remains is customer
 * credit. One transaction, idempotent on the refund's reference.
 *
 * @module
 */
import {
  creditMemoPosting,
  creditMemoTotals,
  refundPosting,
  splitCreditMemo,
  type CreditMemoInput,
  type CreditMemoRecord,
  type Posted,
} from '@paybridge/nodes/erp';
import { customerId } from './customers';
import { fromRoles, writeEntry, writeEntryIfAny } from './journal-writer';
import {
  assertSameDocument,
  fingerprint,
  lockReference,
  toMinor,
  type LedgerSql,
} from './ledger-sql';
import { lockInvoice } from './payments';

async function invoiceCustomer(tx: LedgerSql, invoiceId: string): Promise<string> {
  const [row] = await tx<{ customer_id: string }[]>`
    select customer_id from ledger.invoices where id = ${invoiceId}`;
  return row!.customer_id;
}
import { writeDocumentLines } from './invoices';

interface MemoRow {
  id: string;
  external_ref: string;
  fingerprint: string;
  customer_ref: string;
  invoice_ref: string | null;
  currency: string;
  txn_date: string;
  total: string;
  applied: string;
  refunded: string;
}

function toRecord(row: MemoRow): CreditMemoRecord {
  const total = toMinor(row.total);
  const applied = toMinor(row.applied);
  const refunded = toMinor(row.refunded);
  return {
    type: 'credit-memo',
    id: row.id,
    externalRef: row.external_ref,
    customerRef: row.customer_ref,
    invoiceRef: row.invoice_ref,
    currency: row.currency,
    date: row.txn_date,
    total,
    applied,
    refunded,
    remainingCredit: total - applied - refunded,
  };
}

async function readRow(sql: LedgerSql, ref: string): Promise<MemoRow | undefined> {
  const [row] = await sql<MemoRow[]>`
    select m.id, m.external_ref, m.fingerprint, c.external_ref as customer_ref,
      i.external_ref as invoice_ref, m.currency, m.txn_date::text, m.total, m.applied, m.refunded
    from ledger.credit_memos m
    join ledger.customers c on c.id = m.customer_id
    left join ledger.invoices i on i.id = m.invoice_id
    where m.external_ref = ${ref}`;
  return row;
}

/** Reads a credit memo by reference; null when absent. */
export async function findCreditMemo(
  sql: LedgerSql,
  ref: string,
): Promise<CreditMemoRecord | null> {
  const row = await readRow(sql, ref);
  return row ? toRecord(row) : null;
}

/** Posts a credit memo, its application and its refund; a repeat returns the first one. */
export async function createCreditMemo(
  tx: LedgerSql,
  input: CreditMemoInput,
): Promise<Posted<CreditMemoRecord>> {
  const doc = creditMemoTotals(input);
  const fp = fingerprint(doc);
  await lockReference(tx, 'credit-memo', doc.externalRef);
  const existing = await readRow(tx, doc.externalRef);
  if (existing) {
    assertSameDocument('credit memo', doc.externalRef, existing.fingerprint, fp);
    return { document: toRecord(existing), created: false };
  }
  const invoice = doc.invoiceRef ? await lockInvoice(tx, doc.invoiceRef, doc.currency) : null;
  const customer = doc.customerRef
    ? await customerId(tx, doc.customerRef)
    : await invoiceCustomer(tx, invoice!.id);
  const split = splitCreditMemo(doc.total, doc.refundAmount, invoice?.openBalance ?? 0);
  const journalId = await writeEntryIfAny(tx, {
    source: 'credit-memo',
    currency: doc.currency,
    date: doc.date,
    memo: `Credit memo ${doc.externalRef}`,
    lines: fromRoles(creditMemoPosting(doc)),
  });
  const refundJournalId =
    split.refunded > 0
      ? await writeEntry(tx, {
          source: 'refund',
          currency: doc.currency,
          date: doc.date,
          memo: `Refund of credit memo ${doc.externalRef}`,
          lines: fromRoles(refundPosting(split.refunded)),
        })
      : null;
  const [row] = await tx<{ id: string }[]>`
    insert into ledger.credit_memos (external_ref, fingerprint, customer_id, invoice_id, currency,
      txn_date, subtotal, tax, shipping, discount, total, applied, refunded, memo, journal_id,
      refund_journal_id)
    values (${doc.externalRef}, ${fp}, ${customer}, ${invoice?.id ?? null}, ${doc.currency},
      ${doc.date}, ${doc.subtotal}, ${doc.tax}, ${doc.shipping}, ${doc.discount}, ${doc.total},
      ${split.applied}, ${split.refunded}, ${doc.memo ?? null}, ${journalId}, ${refundJournalId})
    returning id`;
  await writeDocumentLines(tx, row!.id, doc.lines);
  if (invoice && split.applied > 0) {
    await tx`update ledger.invoices set open_balance = open_balance - ${split.applied}
      where id = ${invoice.id}`;
  }
  return { document: toRecord((await readRow(tx, doc.externalRef))!), created: true };
}

/** The credit memos against one invoice, oldest first, with what each applied and refunded. */
export async function creditMemosOfInvoice(sql: LedgerSql, invoiceId: string) {
  const rows = await sql<
    { externalRef: string; total: string; applied: string; refunded: string; date: string }[]
  >`
    select external_ref as "externalRef", total, applied, refunded, txn_date::text as date
    from ledger.credit_memos where invoice_id = ${invoiceId} order by created_at`;
  return rows.map((m) => ({
    ...m,
    total: toMinor(m.total),
    applied: toMinor(m.applied),
    refunded: toMinor(m.refunded),
  }));
}
