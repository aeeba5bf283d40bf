/**
 * Manual journal entries (settlements, fees, adjustments) and reversals. An entry is immutable:
 * the only way to correct it is a reversal entry with every line's sides swapped.
 *
 * @module
 */
import {
  balancedJournal,
  ErpError,
  type JournalInput,
  type JournalRecord,
  type Posted,
} from '@paybridge/nodes/erp';
import type { z } from '@hono/zod-openapi';
import { writeEntry } from './journal-writer';
import type * as schemas from './ledger-response-schemas';
import {
  assertSameDocument,
  fingerprint,
  lockReference,
  toMinor,
  type LedgerSql,
} from './ledger-sql';

interface EntryRow {
  id: string;
  number: string;
  external_ref: string | null;
  fingerprint: string | null;
  source: string;
  currency: string;
  txn_date: string;
  memo: string | null;
  reverses_id: string | null;
  reversed_by: string | null;
}

/** A journal entry with its lines, as the API shows it. */
export type LedgerEntry = z.infer<typeof schemas.LedgerEntry>;

const SELECT_ENTRY = `
  select e.id, e.number, e.external_ref, e.fingerprint, e.source, e.currency, e.txn_date::text,
    e.memo, e.reverses_id, r.id as reversed_by
  from ledger.journal_entries e left join ledger.journal_entries r on r.reverses_id = e.id`;

async function readEntry(sql: LedgerSql, where: { id?: string; ref?: string }) {
  const rows = where.id
    ? await sql.unsafe<EntryRow[]>(`${SELECT_ENTRY} where e.id = $1`, [where.id])
    : await sql.unsafe<EntryRow[]>(`${SELECT_ENTRY} where e.external_ref = $1`, [where.ref ?? '']);
  return rows[0];
}

async function withLines(sql: LedgerSql, row: EntryRow): Promise<LedgerEntry> {
  const lines = await sql<
    { code: string; debit: string; credit: string; description: string | null }[]
  >`select a.code, l.debit, l.credit, l.description
    from ledger.journal_lines l join ledger.accounts a on a.id = l.account_id
    where l.entry_id = ${row.id} order by l.line_no`;
  const mapped = lines.map((l) => ({
    account: l.code,
    debit: toMinor(l.debit),
    credit: toMinor(l.credit),
    description: l.description,
  }));
  return {
    type: 'journal',
    id: row.id,
    number: toMinor(row.number),
    externalRef: row.external_ref,
    source: row.source,
    currency: row.currency,
    date: row.txn_date,
    memo: row.memo,
    lines: mapped,
    total: mapped.reduce((s, l) => s + l.debit, 0),
    reversesId: row.reverses_id,
    reversedBy: row.reversed_by,
  };
}

/** Reads an entry by id; null when absent. */
export async function findEntry(sql: LedgerSql, id: string): Promise<LedgerEntry | null> {
  const row = await readEntry(sql, { id });
  return row ? withLines(sql, row) : null;
}

/** Reads a manual journal by its external reference, as an ERP record; null when absent. */
export async function findJournal(sql: LedgerSql, ref: string): Promise<JournalRecord | null> {
  const row = await readEntry(sql, { ref });
  return row ? toJournalRecord(await withLines(sql, row)) : null;
}

function toJournalRecord(entry: LedgerEntry): JournalRecord {
  return {
    type: 'journal',
    id: entry.id,
    externalRef: entry.externalRef ?? entry.id,
    currency: entry.currency,
    date: entry.date,
    memo: entry.memo,
    lines: entry.lines,
    total: entry.total,
  };
}

/** Posts a balanced journal entry; a repeat of its reference returns the first one. */
export async function postJournal(
  tx: LedgerSql,
  input: JournalInput,
): Promise<Posted<JournalRecord>> {
  const doc = balancedJournal(input);
  const fp = fingerprint(doc);
  await lockReference(tx, 'journal', doc.externalRef);
  const existing = await readEntry(tx, { ref: doc.externalRef });
  if (existing) {
    assertSameDocument('journal', doc.externalRef, existing.fingerprint, fp);
    return { document: toJournalRecord(await withLines(tx, existing)), created: false };
  }
  const id = await writeEntry(tx, {
    source: 'journal',
    currency: doc.currency,
    date: doc.date,
    memo: doc.memo,
    externalRef: doc.externalRef,
    fingerprint: fp,
    lines: doc.lines,
  });
  return { document: toJournalRecord((await findEntry(tx, id))!), created: true };
}

/**
 * Reverses an entry: a new entry dated `date` with every line's sides swapped. An entry is
 * reversed at most once (a unique constraint), and a reversal is not itself reversed.
 */
export async function reverseEntry(
  tx: LedgerSql,
  id: string,
  date: string,
  memo?: string,
): Promise<LedgerEntry> {
  await lockReference(tx, 'reversal', id);
  const original = await findEntry(tx, id);
  if (!original) throw new ErpError('not-found', 'ENTRY_NOT_FOUND', `no journal entry ${id}`);
  if (original.reversedBy) {
    throw new ErpError('conflict', 'ALREADY_REVERSED', `entry ${id} is already reversed`);
  }
  if (original.source === 'reversal') {
    throw new ErpError('conflict', 'REVERSAL_OF_REVERSAL', 'a reversal cannot be reversed');
  }
  const newId = await writeEntry(tx, {
    source: 'reversal',
    currency: original.currency,
    date,
    memo: memo ?? `Reversal of entry ${original.number}`,
    reversesId: original.id,
    lines: original.lines.map((l) => ({
      account: l.account,
      debit: l.credit,
      credit: l.debit,
      description: l.description,
    })),
  });
  return (await findEntry(tx, newId))!;
}
