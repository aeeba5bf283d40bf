/**
 * Chargeback cases: opening one posts the withdrawn money to a dispute receivable; winning
 * brings it back to cash, losing writes it off. Won and lost are final.
 *
 * @module
 */
import {
  canMoveDispute,
  DisputeInput,
  DisputeUpdateInput,
  disputePosting,
  ErpError,
  type DisputeRecord,
  type DisputeStatus,
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

interface DisputeRow {
  id: string;
  external_ref: string;
  fingerprint: string;
  currency: string;
  amount: string;
  reason: string;
  status: DisputeStatus;
  opened_on: string;
  evidence_due_by: string | null;
}

function toRecord(row: DisputeRow): DisputeRecord {
  return {
    type: 'dispute',
    id: row.id,
    externalRef: row.external_ref,
    currency: row.currency,
    amount: toMinor(row.amount),
    reason: row.reason,
    status: row.status,
    openedOn: row.opened_on,
    evidenceDueBy: row.evidence_due_by,
  };
}

async function readRow(sql: LedgerSql, ref: string, lock = false) {
  const [row] = await sql<DisputeRow[]>`
    select id, external_ref, fingerprint, currency, amount, reason, status, opened_on::text,
      evidence_due_by::text
    from ledger.disputes where external_ref = ${ref} ${lock ? sql`for update` : sql``}`;
  return row;
}

/** Reads a dispute by reference; null when absent. */
export async function findDispute(sql: LedgerSql, ref: string): Promise<DisputeRecord | null> {
  const row = await readRow(sql, ref);
  return row ? toRecord(row) : null;
}

async function optionalId(sql: LedgerSql, table: 'customers' | 'invoices', ref?: string) {
  if (!ref) return null;
  const [row] =
    table === 'customers'
      ? await sql<{ id: string }[]>`select id from ledger.customers where external_ref = ${ref}`
      : await sql<{ id: string }[]>`select id from ledger.invoices where external_ref = ${ref}`;
  if (!row)
    throw new ErpError('not-found', 'REFERENCE_NOT_FOUND', `no ${table.slice(0, -1)} ${ref}`);
  return row.id;
}

/** Opens a chargeback case and posts its journal; a repeat returns the first one. */
export async function openDispute(
  tx: LedgerSql,
  input: DisputeInput,
): Promise<Posted<DisputeRecord>> {
  const doc = input;
  const fp = fingerprint(doc);
  await lockReference(tx, 'dispute', doc.externalRef);
  const existing = await readRow(tx, doc.externalRef);
  if (existing) {
    assertSameDocument('dispute', doc.externalRef, existing.fingerprint, fp);
    return { document: toRecord(existing), created: false };
  }
  const customer = await optionalId(tx, 'customers', doc.customerRef);
  const invoice = await optionalId(tx, 'invoices', doc.invoiceRef);
  const journalId = await writeEntry(tx, {
    source: 'dispute',
    currency: doc.currency,
    date: doc.date,
    memo: `Chargeback ${doc.externalRef}: ${doc.reason}`,
    lines: fromRoles(disputePosting('open', doc.amount)),
  });
  await tx`
    insert into ledger.disputes (external_ref, fingerprint, customer_id, invoice_id,
      transaction_ref, currency, amount, reason, opened_on, evidence_due_by, memo, open_journal_id)
    values (${doc.externalRef}, ${fp}, ${customer}, ${invoice}, ${doc.transactionRef ?? null},
      ${doc.currency}, ${doc.amount}, ${doc.reason}, ${doc.date}, ${doc.evidenceDueBy ?? null},
      ${doc.memo ?? null}, ${journalId})`;
  return { document: toRecord((await readRow(tx, doc.externalRef))!), created: true };
}

/**
 * Moves a case to a new status, posting the closing journal for won or lost. The current
 * status again is a no-op (`created: false`), so a replayed update posts nothing.
 */
export async function updateDispute(
  tx: LedgerSql,
  input: DisputeUpdateInput,
): Promise<Posted<DisputeRecord>> {
  const doc = input;
  const row = await readRow(tx, doc.externalRef, true);
  if (!row) throw new ErpError('not-found', 'DISPUTE_NOT_FOUND', `no dispute ${doc.externalRef}`);
  if (row.status === doc.status) return { document: toRecord(row), created: false };
  if (!canMoveDispute(row.status, doc.status)) {
    throw new ErpError(
      'conflict',
      'DISPUTE_CLOSED',
      `dispute ${doc.externalRef} is ${row.status}; it cannot become ${doc.status}`,
    );
  }
  const lines = disputePosting(doc.status, toMinor(row.amount));
  const closeJournalId =
    lines.length > 0
      ? await writeEntry(tx, {
          source: 'dispute',
          currency: row.currency,
          date: doc.date,
          memo: `Chargeback ${doc.externalRef} ${doc.status}`,
          lines: fromRoles(lines),
        })
      : null;
  await tx`update ledger.disputes set status = ${doc.status}, status_changed_at = now(),
      close_journal_id = coalesce(${closeJournalId}, close_journal_id)
    where id = ${row.id}`;
  return { document: toRecord((await readRow(tx, doc.externalRef))!), created: true };
}
