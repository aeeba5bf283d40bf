/**
 * Booking dates as statements write them, to `YYYY-MM-DD`: ISO (`2026-01-31`, with or without a
 * time), compact (`20260131`, OFX's `20260131120000[-5:EST]`), slashed or dashed day-month-year
 * in the order the bank uses (US banks `MM/DD/YYYY`, most others `DD/MM/YYYY`), dotted
 * `31.01.2026`, and month names (`31 Jan 2026`, `Jan 31, 2026`). A date that does not exist in
 * the calendar is refused.
 *
 * @module
 */

/** Order of day and month in slashed or dashed dates. */
export type DateOrder = 'MDY' | 'DMY';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** `YYYY-MM-DD` when the parts make a real date, else `undefined`. */
function ymd(year: number, month: number, day: number): string | undefined {
  const full = year < 100 ? 2000 + year : year;
  const date = new Date(Date.UTC(full, month - 1, day));
  if (date.getUTCFullYear() !== full || date.getUTCMonth() !== month - 1) return undefined;
  if (date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

function monthOf(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/** Reads a statement date, or `undefined` when it is not one. */
export function readDate(raw: string, order: DateOrder = 'MDY'): string | undefined {
  const text = raw.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(text);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})(?:\d{0,6}(?:\.\d+)?)?(?:\[.*\])?$/.exec(text);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(text);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})$/.exec(text);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    return order === 'MDY' ? ymd(Number(m[3]), a, b) : ymd(Number(m[3]), b, a);
  }
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$/.exec(text);
  if (m) return ymd(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})[ -]([A-Za-z]{3,9})[ -](\d{4}|\d{2})$/.exec(text);
  if (m && monthOf(m[2]!) > 0) return ymd(Number(m[3]), monthOf(m[2]!), Number(m[1]));
  m = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/.exec(text);
  if (m && monthOf(m[1]!) > 0) return ymd(Number(m[3]), monthOf(m[1]!), Number(m[2]));
  return undefined;
}
