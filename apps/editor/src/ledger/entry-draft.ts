/**
 * The "New entry" form's state and its checks, apart from React so they can be tested alone.
 * Amounts stay the text the person typed until the entry is built; only then are they read into
 * minor units with the currency's exponent. The checks mirror the runtime's (one side per line,
 * debits equal credits) so most mistakes are caught before a round trip, and their messages
 * name the line the way the runtime's do (`line 2: ...`).
 *
 * @module
 */
import { isCurrencyCode } from '@paybridge/nodes/erp';
import { formatMoney, parseAmount } from './money';
import type { NewJournalEntry } from './ledger-api';

/** One line as typed. */
export interface DraftLine {
  account: string;
  debit: string;
  credit: string;
  description: string;
}

/** The whole form as typed. */
export interface EntryDraft {
  externalRef: string;
  currency: string;
  date: string;
  memo: string;
  lines: DraftLine[];
}

/** An empty line. */
export const blankLine = (): DraftLine => ({ account: '', debit: '', credit: '', description: '' });

/** A fresh form: today's date, two empty lines and a reference unlikely to collide. */
export function newDraft(today: string, currency = 'USD'): EntryDraft {
  const suffix = Math.random().toString(36).slice(2, 8);
  return {
    externalRef: `manual-${today}-${suffix}`,
    currency,
    date: today,
    memo: '',
    lines: [blankLine(), blankLine()],
  };
}

/** Debit and credit totals of the lines that parse, in minor units. */
export function draftTotals(draft: EntryDraft): { debit: number; credit: number } {
  let debit = 0;
  let credit = 0;
  for (const line of draft.lines) {
    const d = line.debit.trim() ? parseAmount(line.debit, draft.currency) : null;
    const c = line.credit.trim() ? parseAmount(line.credit, draft.currency) : null;
    if (d?.ok) debit += d.minor;
    if (c?.ok) credit += c.minor;
  }
  return { debit, credit };
}

/** The result of checking a draft: the entry to post, or every problem found. */
export type DraftResult = { ok: true; entry: NewJournalEntry } | { ok: false; errors: string[] };

const REF = /^[A-Za-z0-9._:#/-]{1,64}$/;

function checkLine(line: DraftLine, index: number, currency: string, errors: string[]) {
  const at = `line ${index + 1}`;
  if (!line.account) errors.push(`${at}: choose an account`);
  const debit = line.debit.trim() ? parseAmount(line.debit, currency) : null;
  const credit = line.credit.trim() ? parseAmount(line.credit, currency) : null;
  if (debit && !debit.ok) errors.push(`${at}: debit ${debit.message}`);
  if (credit && !credit.ok) errors.push(`${at}: credit ${credit.message}`);
  const d = debit?.ok ? debit.minor : 0;
  const c = credit?.ok ? credit.minor : 0;
  if ((debit && !debit.ok) || (credit && !credit.ok)) return null;
  if (d > 0 === c > 0) {
    errors.push(
      d > 0
        ? `${at}: has both a debit and a credit; use two lines`
        : `${at}: enter a debit or a credit`,
    );
    return null;
  }
  const description = line.description.trim();
  return { account: line.account, debit: d, credit: c, ...(description ? { description } : {}) };
}

/** Checks a draft and, when it is a valid balanced entry, builds the request body. */
export function buildEntry(draft: EntryDraft): DraftResult {
  const errors: string[] = [];
  const currency = draft.currency.trim().toUpperCase();
  if (!REF.test(draft.externalRef.trim())) {
    errors.push('Reference: 1 to 64 letters, digits and - _ . : # / only');
  }
  if (!isCurrencyCode(currency))
    errors.push(`Currency: "${draft.currency}" is not an ISO 4217 code`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.date)) errors.push('Date: choose a date');
  if (draft.lines.length < 2) errors.push('An entry needs at least two lines');
  if (errors.some((e) => e.startsWith('Currency'))) return { ok: false, errors };
  const lines = draft.lines.map((line, i) => checkLine(line, i, currency, errors));
  if (errors.length === 0) {
    const { debit, credit } = draftTotals({ ...draft, currency });
    if (debit !== credit) {
      errors.push(
        `The entry does not balance: debits ${formatMoney(debit, currency)}, credits ` +
          `${formatMoney(credit, currency)} (difference ${formatMoney(debit - credit, currency)})`,
      );
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  const memo = draft.memo.trim();
  return {
    ok: true,
    entry: {
      externalRef: draft.externalRef.trim(),
      currency,
      date: draft.date,
      ...(memo ? { memo } : {}),
      lines: lines.filter((l) => l !== null),
    },
  };
}
