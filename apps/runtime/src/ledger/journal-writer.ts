/**
 * Writes journal entries: the one place lines reach `ledger.journal_lines`. Callers pass lines by
 * account code or role; the database re-checks the balance when the transaction commits.
 *
 * @module
 */
import type { RoleLine } from '@paybridge/nodes/erp';
import { resolveAccounts } from './chart';
import type { LedgerSql } from './ledger-sql';

/** A line to write, naming its account by code or role. */
export interface EntryLine {
  account: string;
  debit: number;
  credit: number;
  description?: string | null | undefined;
}

/** An entry to write. */
export interface NewEntry {
  source: 'journal' | 'invoice' | 'payment' | 'credit-memo' | 'refund' | 'dispute' | 'reversal';
  currency: string;
  date: string;
  memo?: string | null | undefined;
  externalRef?: string | null | undefined;
  fingerprint?: string | null | undefined;
  reversesId?: string | null | undefined;
  lines: readonly EntryLine[];
}

/** Lines of a posting rule as entry lines. */
export function fromRoles(lines: readonly RoleLine[]): EntryLine[] {
  return lines.map((l) => ({
    account: l.role,
    debit: l.debit,
    credit: l.credit,
    description: l.description,
  }));
}

/**
 * Like {@link writeEntry}, but a document that moves no money (a free order: every line zero)
 * posts no entry and gets null.
 */
export async function writeEntryIfAny(tx: LedgerSql, entry: NewEntry): Promise<string | null> {
  return entry.lines.length === 0 ? null : writeEntry(tx, entry);
}

/** Inserts an entry and its lines inside the caller's transaction; returns the entry id. */
export async function writeEntry(tx: LedgerSql, entry: NewEntry): Promise<string> {
  const accountIds = await resolveAccounts(
    tx,
    entry.lines.map((l) => l.account),
  );
  const [row] = await tx<{ id: string }[]>`
    insert into ledger.journal_entries
      (external_ref, fingerprint, source, currency, txn_date, memo, reverses_id)
    values (${entry.externalRef ?? null}, ${entry.fingerprint ?? null}, ${entry.source},
      ${entry.currency}, ${entry.date}, ${entry.memo ?? null}, ${entry.reversesId ?? null})
    returning id`;
  const id = row!.id;
  const lines = entry.lines.map((l, i) => ({
    entry_id: id,
    line_no: i + 1,
    account_id: accountIds[i]!,
    debit: l.debit,
    credit: l.credit,
    description: l.description ?? null,
  }));
  await tx`insert into ledger.journal_lines ${tx(lines)}`;
  return id;
}
