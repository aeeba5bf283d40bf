/**
 * CSV bank statements. Finds the header row (exports often start with account details), maps
 * the columns (see `CsvColumns`), and reads every following row into a bank line: a signed
 * amount, or separate debit and credit columns (both as magnitudes), optionally turned by a
 * CR/DR indicator. A row that cannot be read becomes an error naming its line and what is wrong.
 *
 * @module
 */
import { isCurrencyCode } from '../../erp/currencies';
import { readCsv, type CsvRow } from '../csv/read-csv';
import { readAmount, type DecimalMark } from './amount-text';
import type { BankLine, ParsedStatement, StatementError } from './bank-line';
import {
  CsvColumns,
  DEFAULT_NAMES,
  isUsable,
  positionalColumns,
  resolveHeader,
  type ColumnMap,
  type CsvOptions,
} from './csv-columns';
import { readDate } from './dates';

const HEADER_SEARCH_ROWS = 30;

/** Reads a CSV statement. Options as `CsvColumns` (defaults suit common bank exports). */
export function parseCsvStatement(text: string, columns: CsvColumns = {}): ParsedStatement {
  const options = CsvColumns.parse(columns);
  const csv = readCsv(text, options.delimiter);
  const errors: StatementError[] = csv.error ? [csv.error] : [];
  let rows = csv.rows;
  let map: ColumnMap;
  if (options.header) {
    const at = rows
      .slice(0, HEADER_SEARCH_ROWS)
      .findIndex((row) => isUsable(resolveHeader(row.cells, options)));
    if (at < 0) {
      errors.unshift({ line: rows[0]?.line ?? 1, message: headerHelp(options) });
      return { lines: [], errors };
    }
    map = resolveHeader(rows[at]!.cells, options);
    rows = rows.slice(at + 1);
  } else {
    map = positionalColumns(options);
    if (!isUsable(map)) {
      return {
        lines: [],
        errors: [
          {
            line: 1,
            message:
              'a file without a header row needs the positions of the date and amount (or debit/credit) columns',
          },
        ],
      };
    }
  }
  const lines: BankLine[] = [];
  for (const row of rows) {
    const read = readRow(row, map, options);
    if ('message' in read) errors.push({ line: row.line, message: read.message });
    else lines.push(read);
  }
  return { lines, errors: errors.sort((a, b) => a.line - b.line) };
}

function headerHelp(options: CsvOptions): string {
  const named = (role: 'date' | 'amount' | 'debit' | 'credit') => {
    const chosen = options[role];
    return chosen === undefined
      ? DEFAULT_NAMES[role].map((n) => `"${n}"`).join(', ')
      : `"${chosen}"`;
  };
  return (
    'no header row names a booking date and an amount (or debit/credit) column; ' +
    `looked for date: ${named('date')}; amount: ${named('amount')}; debit: ${named('debit')}; credit: ${named('credit')}`
  );
}

function readRow(row: CsvRow, map: ColumnMap, options: CsvOptions): BankLine | { message: string } {
  const cell = (index: number | undefined) =>
    index === undefined ? '' : (row.cells[index] ?? '').trim();
  const problems: string[] = [];
  const dateText = cell(map.date);
  const bookedOn = readDate(dateText, options.dateOrder);
  if (!bookedOn) {
    const expected = options.dateOrder === 'MDY' ? 'MM/DD/YYYY' : 'DD/MM/YYYY';
    problems.push(
      `date ${JSON.stringify(dateText)} is not a date (expected YYYY-MM-DD or ${expected})`,
    );
  }
  const currency = (cell(map.currency) || options.defaultCurrency).toUpperCase();
  if (!isCurrencyCode(currency))
    problems.push(`currency ${JSON.stringify(currency)} is not an ISO 4217 code`);
  const amount = isCurrencyCode(currency)
    ? readRowAmount(cell, map, currency, options.decimalMark, problems)
    : undefined;
  if (problems.length > 0 || amount === undefined || !bookedOn)
    return { message: problems.join('; ') };
  return {
    bookedOn,
    amount,
    currency,
    reference: cell(map.reference),
    description: cell(map.description),
  };
}

function readRowAmount(
  cell: (index: number | undefined) => string,
  map: ColumnMap,
  currency: string,
  mark: DecimalMark,
  problems: string[],
): number | undefined {
  let amount: number | undefined;
  if (map.amount !== undefined && cell(map.amount) !== '') {
    const read = readAmount(cell(map.amount), currency, mark);
    if ('error' in read) problems.push(`amount ${read.error}`);
    else amount = read.minor;
  } else {
    const debitText = cell(map.debit);
    const creditText = cell(map.credit);
    const debit = debitText === '' ? undefined : readAmount(debitText, currency, mark);
    const credit = creditText === '' ? undefined : readAmount(creditText, currency, mark);
    if (debit && 'error' in debit) problems.push(`debit ${debit.error}`);
    if (credit && 'error' in credit) problems.push(`credit ${credit.error}`);
    if (problems.length > 0) return undefined;
    const out = debit && 'minor' in debit ? Math.abs(debit.minor) : 0;
    const into = credit && 'minor' in credit ? Math.abs(credit.minor) : 0;
    if (!debit && !credit) {
      problems.push(
        map.amount !== undefined
          ? 'the amount is empty'
          : 'neither debit nor credit holds an amount',
      );
      return undefined;
    }
    if (out !== 0 && into !== 0) {
      problems.push(`both debit (${debitText}) and credit (${creditText}) hold an amount`);
      return undefined;
    }
    amount = into - out;
  }
  if (amount === undefined) return undefined;
  const indicator = cell(map.indicator).toUpperCase();
  if (/^(DR|DEBIT|D|DBIT)$/.test(indicator)) return -Math.abs(amount);
  if (/^(CR|CREDIT|C|CRDT)$/.test(indicator)) return Math.abs(amount);
  return amount;
}
