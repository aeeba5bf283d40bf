/**
 * The bank statement store: statements uploaded (or imported by a flow) for the deposit match,
 * and their booked lines, deduplicated per bank account. A line's identity is a hash of what the
 * bank printed (date, amount, currency, reference, text) plus its occurrence among identical lines
 * of the same file, so re-importing a statement, or an overlapping one, adds nothing, while two
 * genuinely identical lines of one statement are both kept.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import type { BankStatementStore, StatementImport } from '@paybridge/nodes/reconcile/server';
import type { BankLine, StatementFormat } from '@paybridge/nodes/reconcile/statement';
import type { Sql } from '../db/client';

/** A stored statement. */
export interface StoredStatement {
  id: string;
  account: string;
  filename: string | null;
  format: StatementFormat;
  lineCount: number;
  importedAt: string;
  importedBy: string | null;
}

/** Line hashes of a statement's lines, identical lines told apart by their occurrence. */
export function lineHashes(lines: readonly BankLine[]): string[] {
  const seen = new Map<string, number>();
  return lines.map((line) => {
    const key = JSON.stringify([
      line.bookedOn,
      line.amount,
      line.currency,
      line.reference,
      line.description,
    ]);
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return createHash('sha256').update(`${key}#${occurrence}`).digest('hex');
  });
}

/** Stores a parsed statement's lines for `account`; lines already known are skipped. */
export async function importStatement(
  sql: Sql,
  input: {
    account: string;
    filename: string | null;
    format: StatementFormat;
    lines: readonly BankLine[];
    importedBy: string | null;
  },
): Promise<StatementImport> {
  const hashes = lineHashes(input.lines);
  return sql.begin(async (tx) => {
    const [statement] = await tx<{ id: string }[]>`
      insert into reconciliation_statements (account, filename, format, imported_by)
      values (${input.account}, ${input.filename}, ${input.format}, ${input.importedBy})
      returning id`;
    const id = statement!.id;
    const inserted = await tx<{ id: string }[]>`
      insert into reconciliation_bank_lines
        (statement_id, account, booked_on, amount, currency, reference, description, line_hash)
      select ${id}, ${input.account}, t.booked_on::date, t.amount::bigint, t.currency, t.reference,
             t.description, t.line_hash
      from unnest(
        ${input.lines.map((l) => l.bookedOn)}::text[],
        ${input.lines.map((l) => String(l.amount))}::text[],
        ${input.lines.map((l) => l.currency)}::text[],
        ${input.lines.map((l) => l.reference)}::text[],
        ${input.lines.map((l) => l.description)}::text[],
        ${hashes}::text[]
      ) as t(booked_on, amount, currency, reference, description, line_hash)
      on conflict (account, line_hash) do nothing
      returning id`;
    const imported = inserted.length;
    if (imported === 0) {
      await tx`delete from reconciliation_statements where id = ${id}`;
      return { statementId: null, imported, duplicates: input.lines.length };
    }
    await tx`update reconciliation_statements set line_count = ${imported} where id = ${id}`;
    return { statementId: id, imported, duplicates: input.lines.length - imported };
  });
}

/** The store the `reconcile.import-statement` node writes through (the upload route's store). */
export function createBankStatementStore(sql: Sql): BankStatementStore {
  return { importStatement: (input) => importStatement(sql, input) };
}

/** The most recent statements, newest first. */
export async function listStatements(sql: Sql, limit = 100): Promise<StoredStatement[]> {
  const rows = await sql<
    {
      id: string;
      account: string;
      filename: string | null;
      format: StatementFormat;
      line_count: number;
      imported_at: Date;
      imported_by: string | null;
    }[]
  >`select id, account, filename, format, line_count, imported_at, imported_by
    from reconciliation_statements order by imported_at desc, id limit ${limit}`;
  return rows.map((r) => ({
    id: r.id,
    account: r.account,
    filename: r.filename,
    format: r.format,
    lineCount: r.line_count,
    importedAt: new Date(r.imported_at).toISOString(),
    importedBy: r.imported_by,
  }));
}
