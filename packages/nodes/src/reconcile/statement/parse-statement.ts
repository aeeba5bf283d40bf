/**
 * One entry point for every bank statement format Paybridge reads: CSV (columns configurable,
 * defaults for common bank exports), OFX 1.x/2.x and ISO 20022 camt.053. Lines come out in
 * integer minor units (credits positive) with their booking date; every line that cannot be read
 * is an error with its line number, and the caller decides (the upload route refuses the file).
 *
 * @module
 */
import type { ParsedStatement, StatementFormat } from './bank-line';
import type { CsvColumns } from './csv-columns';
import { parseCamt053 } from './parse-camt053';
import { parseCsvStatement } from './parse-csv-statement';
import { parseOfx } from './parse-ofx';

export {
  BankLine,
  StatementError,
  StatementFormat,
  STATEMENT_FORMATS,
  type ParsedStatement,
} from './bank-line';
export { CsvColumns } from './csv-columns';

/**
 * Reads a bank statement's text. `options` applies to CSV only.
 *
 * @example
 * parseStatement('Date,Description,Amount\n01/02/2026,PAYTRACE DEPOSIT,1234.56', 'csv');
 * // { lines: [{ bookedOn: '2026-01-02', amount: 123456, currency: 'USD', reference: '', description: 'PAYTRACE DEPOSIT' }], errors: [] }
 */
export function parseStatement(
  text: string,
  format: StatementFormat,
  options?: CsvColumns,
): ParsedStatement {
  switch (format) {
    case 'csv':
      return parseCsvStatement(text, options);
    case 'ofx':
      return parseOfx(text);
    case 'camt053':
      return parseCamt053(text);
  }
}
