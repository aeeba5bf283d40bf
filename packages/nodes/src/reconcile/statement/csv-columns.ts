/**
 * Which columns of a CSV bank export hold what. Every field is optional: by default the header
 * row is searched for the names common bank exports use (Chase, Bank of America, Wells Fargo
 * with a header, UK and EU banks: `Posting Date` / `Booking Date` / `Date`, a signed `Amount`
 * or separate `Debit` / `Credit` (`Withdrawals` / `Deposits`, `Paid out` / `Paid in`), an
 * optional `CR`/`DR` indicator column, `Description` / `Details` / `Memo`, `Reference`).
 * A column is named by its header text (case-insensitive) or by its 1-based position; files
 * without a header row (`header: false`) need positions.
 *
 * @module
 */
import { z } from 'zod';

const Column = z.union([z.string().min(1), z.int().min(1)]);

/** Column choices and reading rules of a CSV statement. */
export const CsvColumns = z.object({
  header: z.boolean().default(true).meta({ title: 'First row is a header' }),
  date: Column.optional().meta({ title: 'Booking date column' }),
  amount: Column.optional().meta({ title: 'Signed amount column' }),
  debit: Column.optional().meta({ title: 'Debit (money out) column' }),
  credit: Column.optional().meta({ title: 'Credit (money in) column' }),
  indicator: Column.optional().meta({ title: 'Credit/debit indicator column (CR/DR)' }),
  description: Column.optional().meta({ title: 'Description column' }),
  reference: Column.optional().meta({ title: 'Reference column' }),
  currency: Column.optional().meta({ title: 'Currency column' }),
  defaultCurrency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default('USD')
    .meta({ title: 'Currency when the file has no currency column' }),
  dateOrder: z
    .enum(['MDY', 'DMY'])
    .default('MDY')
    .meta({ title: 'Day/month order of 01/02/2026-style dates', description: 'MDY for US banks.' }),
  decimalMark: z.enum(['.', ',', 'auto']).default('auto').meta({ title: 'Decimal mark' }),
  delimiter: z.enum([',', ';', '\t']).optional().meta({ title: 'Separator (detected if empty)' }),
});
/** Column choices as given (every field optional). */
export type CsvColumns = z.input<typeof CsvColumns>;
/** Column choices with defaults applied. */
export type CsvOptions = z.output<typeof CsvColumns>;

/** Roles a column can play. */
export type Role =
  'date' | 'amount' | 'debit' | 'credit' | 'indicator' | 'description' | 'reference' | 'currency';

/** Header names tried for each role, best first. */
export const DEFAULT_NAMES: Readonly<Record<Role, readonly string[]>> = {
  date: [
    'booking date',
    'posting date',
    'posted date',
    'post date',
    'booked',
    'transaction date',
    'trans. date',
    'date',
    'value date',
    'buchungstag',
  ],
  amount: ['amount', 'transaction amount', 'amount (usd)', 'amount usd', 'net amount', 'betrag'],
  debit: ['debit', 'debits', 'debit amount', 'withdrawal', 'withdrawals', 'money out', 'paid out'],
  credit: ['credit', 'credits', 'credit amount', 'deposit', 'deposits', 'money in', 'paid in'],
  indicator: ['credit/debit', 'debit/credit', 'cr/dr', 'dr/cr', 'dc', 'credit debit indicator'],
  description: [
    'description',
    'transaction description',
    'details',
    'memo',
    'narrative',
    'payee',
    'name',
    'verwendungszweck',
  ],
  reference: [
    'reference',
    'bank reference',
    'ref',
    'reference number',
    'check or slip #',
    'check number',
    'transaction id',
  ],
  currency: ['currency', 'ccy', 'currency code', 'währung'],
};

/** Column index (0-based) per role found; roles not present are absent. */
export type ColumnMap = Partial<Record<Role, number>>;

const ROLES = Object.keys(DEFAULT_NAMES) as Role[];

/** Column positions of the roles in a header row (given names, else the default names). */
export function resolveHeader(header: string[], options: CsvOptions): ColumnMap {
  const names = header.map((cell) => cell.trim().toLowerCase());
  const map: ColumnMap = {};
  const taken = new Set<number>();
  for (const role of ROLES) {
    const chosen = options[role];
    let index = -1;
    if (typeof chosen === 'number') index = chosen - 1;
    else if (typeof chosen === 'string') index = names.indexOf(chosen.trim().toLowerCase());
    else {
      for (const name of DEFAULT_NAMES[role]) {
        index = names.findIndex((n, i) => n === name && !taken.has(i));
        if (index >= 0) break;
      }
    }
    if (index >= 0) {
      map[role] = index;
      taken.add(index);
    }
  }
  return map;
}

/** Column positions of a headerless file: only the positions given. */
export function positionalColumns(options: CsvOptions): ColumnMap {
  const map: ColumnMap = {};
  for (const role of ROLES) {
    const chosen = options[role];
    if (typeof chosen === 'number') map[role] = chosen - 1;
  }
  return map;
}

/** Whether a map has what a line needs: a date and an amount or a debit/credit pair. */
export function isUsable(map: ColumnMap): boolean {
  return (
    map.date !== undefined &&
    (map.amount !== undefined || map.debit !== undefined || map.credit !== undefined)
  );
}
