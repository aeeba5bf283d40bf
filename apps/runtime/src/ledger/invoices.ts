/**
 * Invoices: totalled by the shared rules (validated at the adapter boundary), posted with their
 * journal in one transaction, idempotent on the order reference.
 *
 * @module
 */
import {
  ErpError,
  invoicePosting,
  invoiceTotals,
  type InvoiceInput,
  type InvoiceRecord,
  type Posted,
} from '@paybridge/nodes/erp';
import { customerId } from './customers';
import { fromRoles, writeEntryIfAny } from './journal-writer';
import {
  assertSameDocument,
  fingerprint,
  lockReference,
  toMinor,
  type LedgerSql,
} from './ledger-sql';

interface InvoiceRow {
  id: string;
  external_ref: string;
  fingerprint: string;
  customer_ref: string;
  currency: string;
  txn_date: string;
  subtotal: string;
  tax: string;
  shipping: string;
  discount: string;
  total: string;
  open_balance: string;
}

/** Priced lines of an invoice or credit memo, in order. */
export async function documentLines(sql: LedgerSql, documentId: string) {
  const rows = await sql<
    { description: string; quantity: number; unit_amount: string; amount: string }[]
  >`select description, quantity, unit_amount, amount from ledger.document_lines
    where document_id = ${documentId} order by line_no`;
  return rows.map((r) => ({
    description: r.description,
    quantity: r.quantity,
    unitAmount: toMinor(r.unit_amount),
    amount: toMinor(r.amount),
  }));
}

async function readInvoiceRow(sql: LedgerSql, where: { ref?: string; id?: string }) {
  const [row] = await sql<InvoiceRow[]>`
    select i.id, i.external_ref, i.fingerprint, c.external_ref as customer_ref, i.currency,
      i.txn_date::text, i.subtotal, i.tax, i.shipping, i.discount, i.total, i.open_balance
    from ledger.invoices i join ledger.customers c on c.id = i.customer_id
    where ${where.id ? sql`i.id = ${where.id}` : sql`i.external_ref = ${where.ref ?? ''}`}`;
  return row;
}

async function toRecord(sql: LedgerSql, row: InvoiceRow): Promise<InvoiceRecord> {
  return {
    type: 'invoice',
    id: row.id,
    externalRef: row.external_ref,
    customerRef: row.customer_ref,
    currency: row.currency,
    date: row.txn_date,
    lines: await documentLines(sql, row.id),
    subtotal: toMinor(row.subtotal),
    tax: toMinor(row.tax),
    shipping: toMinor(row.shipping),
    discount: toMinor(row.discount),
    total: toMinor(row.total),
    openBalance: toMinor(row.open_balance),
  };
}

/** Reads an invoice by reference (or id); null when absent. */
export async function findInvoice(
  sql: LedgerSql,
  where: { ref?: string; id?: string },
): Promise<InvoiceRecord | null> {
  const row = await readInvoiceRow(sql, where);
  return row ? toRecord(sql, row) : null;
}

/** Writes priced lines of a document. */
export async function writeDocumentLines(
  tx: LedgerSql,
  documentId: string,
  lines: {
    description: string;
    quantity: number;
    unitAmount: number;
    amount: number;
    sku?: string | undefined;
  }[],
): Promise<void> {
  const rows = lines.map((l, i) => ({
    document_id: documentId,
    line_no: i + 1,
    description: l.description,
    quantity: l.quantity,
    unit_amount: l.unitAmount,
    amount: l.amount,
    sku: l.sku ?? null,
  }));
  if (rows.length === 0) return; // a credit memo of shipping or tax only
  await tx`insert into ledger.document_lines ${tx(rows)}`;
}

/** Posts an invoice and its journal, or returns the one already posted under its reference. */
export async function createInvoice(
  tx: LedgerSql,
  input: InvoiceInput,
): Promise<Posted<InvoiceRecord>> {
  const doc = invoiceTotals(input);
  const fp = fingerprint(doc);
  await lockReference(tx, 'invoice', doc.externalRef);
  const existing = await readInvoiceRow(tx, { ref: doc.externalRef });
  if (existing) {
    assertSameDocument('invoice', doc.externalRef, existing.fingerprint, fp);
    return { document: await toRecord(tx, existing), created: false };
  }
  const customer = await customerId(tx, doc.customerRef);
  const journalId = await writeEntryIfAny(tx, {
    source: 'invoice',
    currency: doc.currency,
    date: doc.date,
    memo: `Invoice ${doc.externalRef}`,
    lines: fromRoles(invoicePosting(doc)),
  });
  const [row] = await tx<{ id: string }[]>`
    insert into ledger.invoices (external_ref, fingerprint, customer_id, currency, txn_date,
      due_date, subtotal, tax, shipping, discount, total, open_balance, memo, journal_id)
    values (${doc.externalRef}, ${fp}, ${customer}, ${doc.currency}, ${doc.date},
      ${doc.dueDate ?? null}, ${doc.subtotal}, ${doc.tax}, ${doc.shipping}, ${doc.discount},
      ${doc.total}, ${doc.total}, ${doc.memo ?? null}, ${journalId})
    returning id`;
  await writeDocumentLines(tx, row!.id, doc.lines);
  const created = await findInvoice(tx, { id: row!.id });
  if (!created) throw new ErpError('transient', 'LEDGER_READ', 'invoice vanished after insert');
  return { document: created, created: true };
}
