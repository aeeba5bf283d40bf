/**
 * The processor's statement of fees per transaction, as a CSV export (one row per transaction,
 * or several rows per transaction, e.g. interchange and markup, which are added up). The header
 * row names the columns: a transaction id column (`Transaction ID`, `TransactionID`, `Trans ID`,
 * `Txn ID`) and a fee column (`Total Fees` / `Total Fee` preferred, else `Fee` / `Fees`, else
 * every column whose name contains "fee", added up). Fees are read as magnitudes, so statements
 * that print deductions as `-0.59` read the same as those that print `0.59`.
 *
 * @module
 */
import { readCsv } from '../csv/read-csv';
import { readAmount } from '../statement/amount-text';

/** Fees by PayTrace transaction id and the lines that could not be read. */
export interface ProcessorFees {
  byTransactionId: Map<string, number>;
  /** The card brand per transaction id, when the statement has a card type / brand column. */
  brandByTransactionId: Map<string, string>;
  errors: { line: number; message: string }[];
}

const ID_HEADER = /^(transaction|trans|txn|tran)[\s_.-]*(id|number|no\.?|#)$/;

function norm(cell: string): string {
  return cell.trim().toLowerCase();
}

function feeColumns(header: string[]): number[] {
  const names = header.map(norm);
  const total = names.findIndex((n) => /^total[\s_-]*fees?$/.test(n));
  if (total >= 0) return [total];
  const plain = names.findIndex((n) => /^(fee|fees|fee amount|processing fees?)$/.test(n));
  if (plain >= 0) return [plain];
  return names.flatMap((n, i) => (n.includes('fee') ? [i] : []));
}

/**
 * Reads the processor's fee statement CSV into fees per transaction id (minor units of
 * `currency`, default USD). Every unreadable row is reported with its line; the rows that were
 * read are still returned.
 */
export function parseProcessorFeeCsv(
  text: string,
  options: { currency?: string } = {},
): ProcessorFees {
  const currency = options.currency ?? 'USD';
  const byTransactionId = new Map<string, number>();
  const brandByTransactionId = new Map<string, string>();
  const errors: ProcessorFees['errors'] = [];
  const csv = readCsv(text);
  const [header, ...rows] = csv.rows;
  if (!header) {
    errors.push({ line: 1, message: 'the file is empty' });
    return { byTransactionId, brandByTransactionId, errors };
  }
  const idColumn = header.cells.findIndex((cell) => ID_HEADER.test(norm(cell)));
  const fees = feeColumns(header.cells);
  const brandColumn = header.cells.findIndex((cell) =>
    /^(card[\s_-]*(type|brand)|brand)$/.test(norm(cell)),
  );
  if (idColumn < 0 || fees.length === 0) {
    const missing = [idColumn < 0 ? 'a transaction id' : '', fees.length === 0 ? 'a fee' : '']
      .filter(Boolean)
      .join(' and ');
    errors.push({
      line: header.line,
      message: `the header row has no ${missing} column (found: ${header.cells.join(', ')})`,
    });
    return { byTransactionId, brandByTransactionId, errors };
  }
  for (const row of rows) {
    const id = (row.cells[idColumn] ?? '').trim();
    if (id === '') {
      errors.push({ line: row.line, message: 'the transaction id is empty' });
      continue;
    }
    let fee = 0;
    let bad: string | undefined;
    for (const column of fees) {
      const cell = (row.cells[column] ?? '').trim();
      if (cell === '') continue;
      const read = readAmount(cell, currency);
      if ('error' in read) bad = `${header.cells[column]?.trim()}: ${read.error}`;
      else fee += Math.abs(read.minor);
    }
    if (bad) errors.push({ line: row.line, message: bad });
    else byTransactionId.set(id, (byTransactionId.get(id) ?? 0) + fee);
    const brand = brandColumn < 0 ? '' : (row.cells[brandColumn] ?? '').trim();
    if (brand !== '') brandByTransactionId.set(id, brand);
  }
  if (csv.error) errors.push(csv.error);
  return { byTransactionId, brandByTransactionId, errors };
}
