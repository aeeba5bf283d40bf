/**
 * Payments applied to invoices. The invoice row is locked while its balance is checked and
 * lowered, so concurrent payments can never take it below zero.
 *
 * @module
 */
import {
  ErpError,
  PaymentInput,
  paymentPosting,
  type PaymentRecord,
  type Posted,
} from '@paybridge/nodes/erp';
import { fromRoles, writeEntry } from './journal-writer';
import {
  assertSameDocument,
  fingerprint,
  lockReference,
  toMinor,
  type LedgerSql,
} from './ledger-sql';

interface PaymentRow {
  id: string;
  external_ref: string;
  fingerprint: string;
  invoice_ref: string;
  currency: string;
  amount: string;
  txn_date: string;
}

function toRecord(row: PaymentRow): PaymentRecord {
  return {
    type: 'payment',
    id: row.id,
    externalRef: row.external_ref,
    invoiceRef: row.invoice_ref,
    currency: row.currency,
    amount: toMinor(row.amount),
    date: row.txn_date,
  };
}

async function readRow(sql: LedgerSql, ref: string): Promise<PaymentRow | undefined> {
  const [row] = await sql<PaymentRow[]>`
    select p.id, p.external_ref, p.fingerprint, i.external_ref as invoice_ref, p.currency,
      p.amount, p.txn_date::text
    from ledger.payments p join ledger.invoices i on i.id = p.invoice_id
    where p.external_ref = ${ref}`;
  return row;
}

/** Reads a payment by reference; null when absent. */
export async function findPayment(sql: LedgerSql, ref: string): Promise<PaymentRecord | null> {
  const row = await readRow(sql, ref);
  return row ? toRecord(row) : null;
}

/**
 * A locked invoice for applying money to: refuses a missing invoice or another currency.
 * Callers hold the lock until their transaction ends.
 */
export async function lockInvoice(tx: LedgerSql, ref: string, currency: string) {
  const [invoice] = await tx<{ id: string; currency: string; open_balance: string }[]>`
    select id, currency, open_balance from ledger.invoices where external_ref = ${ref} for update`;
  if (!invoice) throw new ErpError('not-found', 'INVOICE_NOT_FOUND', `no invoice ${ref}`);
  if (invoice.currency !== currency) {
    throw new ErpError(
      'validation',
      'CURRENCY_MISMATCH',
      `invoice ${ref} is in ${invoice.currency}, not ${currency}`,
    );
  }
  return { id: invoice.id, openBalance: toMinor(invoice.open_balance) };
}

/** Applies a payment to its invoice and posts its journal; a repeat returns the first one. */
export async function recordPayment(
  tx: LedgerSql,
  input: PaymentInput,
): Promise<Posted<PaymentRecord>> {
  const doc = input;
  const fp = fingerprint(doc);
  await lockReference(tx, 'payment', doc.externalRef);
  const existing = await readRow(tx, doc.externalRef);
  if (existing) {
    assertSameDocument('payment', doc.externalRef, existing.fingerprint, fp);
    return { document: toRecord(existing), created: false };
  }
  const invoice = await lockInvoice(tx, doc.invoiceRef, doc.currency);
  if (doc.amount > invoice.openBalance) {
    throw new ErpError(
      'validation',
      'PAYMENT_EXCEEDS_BALANCE',
      `payment ${doc.amount} exceeds the open balance ${invoice.openBalance} of invoice ${doc.invoiceRef}`,
    );
  }
  const journalId = await writeEntry(tx, {
    source: 'payment',
    currency: doc.currency,
    date: doc.date,
    memo: `Payment ${doc.externalRef} on invoice ${doc.invoiceRef}`,
    lines: fromRoles(paymentPosting(doc.amount)),
  });
  await tx`
    insert into ledger.payments (external_ref, fingerprint, invoice_id, currency, amount,
      txn_date, memo, journal_id)
    values (${doc.externalRef}, ${fp}, ${invoice.id}, ${doc.currency}, ${doc.amount}, ${doc.date},
      ${doc.memo ?? null}, ${journalId})`;
  await tx`update ledger.invoices set open_balance = open_balance - ${doc.amount}
    where id = ${invoice.id}`;
  return { document: toRecord((await readRow(tx, doc.externalRef))!), created: true };
}

/** The payments applied to one invoice, oldest first: the invoice detail page lists them. */
export async function paymentsOfInvoice(sql: LedgerSql, invoiceId: string) {
  const rows = await sql<
    { externalRef: string; amount: string; date: string; journalId: string | null }[]
  >`
    select external_ref as "externalRef", amount, txn_date::text as date, journal_id as "journalId"
    from ledger.payments where invoice_id = ${invoiceId} order by created_at`;
  return rows.map((p) => ({ ...p, amount: toMinor(p.amount) }));
}
