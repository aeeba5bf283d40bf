/**
 * Validation and totals of documents, shared by every adapter: an invoice's total is its lines
 * plus tax and shipping minus discounts; a journal balances or is refused. Errors name the bad
 * line, because the person fixing a mapping needs to know which one. Parsing happens at the
 * adapter boundary (`boundary.ts`): a document it already checked is not parsed again here.
 *
 * @module
 */
import type { z } from 'zod';
import { checkDocument } from '../boundary';
import type {
  CreditMemoInput,
  InvoiceInput,
  JournalInput,
  CreditMemoInput as CreditMemoIn,
  InvoiceInput as InvoiceIn,
  JournalInput as JournalIn,
} from '../documents';
import { ErpError, lineError } from '../errors';
import { multiplyMinor, sumMinor } from '../money';

/** A line with its amount computed. */
export interface PricedLine {
  description: string;
  quantity: number;
  unitAmount: number;
  amount: number;
  sku?: string | undefined;
}

/** Totals of an invoice or credit memo. */
export interface DocumentTotals {
  lines: PricedLine[];
  subtotal: number;
  tax: number;
  shipping: number;
  discount: number;
  /** subtotal + tax + shipping - discount; never negative. */
  total: number;
}

/** A validated journal: lines with exactly one side each, balanced. */
export interface BalancedJournal {
  lines: { account: string; debit: number; credit: number; description?: string | undefined }[];
  total: number;
}

function totalsOf(doc: z.output<typeof InvoiceInput> | z.output<typeof CreditMemoInput>) {
  const lines = doc.lines.map((line, index) => {
    try {
      return { ...line, amount: multiplyMinor(line.unitAmount, line.quantity) };
    } catch (err) {
      throw lineError('INVALID_LINE', index, (err as Error).message);
    }
  });
  const subtotal = sumMinor(lines.map((l) => l.amount));
  const gross = sumMinor([subtotal, doc.tax, doc.shipping]);
  if (doc.discount > gross) {
    throw new ErpError(
      'validation',
      'DISCOUNT_EXCEEDS_TOTAL',
      `discount ${doc.discount} exceeds lines + tax + shipping (${gross})`,
    );
  }
  return {
    lines,
    subtotal,
    tax: doc.tax,
    shipping: doc.shipping,
    discount: doc.discount,
    total: gross - doc.discount,
  };
}

/** Validates an invoice and computes its totals. */
export function invoiceTotals(input: InvoiceIn): DocumentTotals & z.output<typeof InvoiceInput> {
  const doc = checkDocument('invoice', input);
  return { ...doc, ...totalsOf(doc) };
}

/** Validates a credit memo, computes its totals and checks the refund fits in them. */
export function creditMemoTotals(
  input: CreditMemoIn,
): DocumentTotals & z.output<typeof CreditMemoInput> {
  const doc = checkDocument('credit-memo', input);
  const totals = totalsOf(doc);
  if (doc.refundAmount > totals.total) {
    throw new ErpError(
      'validation',
      'REFUND_EXCEEDS_TOTAL',
      `refund ${doc.refundAmount} exceeds the credit memo total ${totals.total}`,
    );
  }
  return { ...doc, ...totals };
}

/**
 * How a credit memo splits: the refund first, then as much of the rest as the invoice still
 * owes, the remainder stays as credit. Pure, so both adapters and the tests agree on it.
 */
export function splitCreditMemo(total: number, refund: number, invoiceOpenBalance: number) {
  const applied = Math.min(total - refund, Math.max(invoiceOpenBalance, 0));
  return { applied, refunded: refund, remainingCredit: total - refund - applied };
}

/**
 * Validates a journal entry: every line has exactly one positive side, and debits equal
 * credits. An unbalanced entry is refused with both sums in the message.
 */
export function balancedJournal(input: JournalIn): BalancedJournal & z.output<typeof JournalInput> {
  const doc = checkDocument('journal', input);
  doc.lines.forEach((line, index) => {
    if (line.debit > 0 === line.credit > 0) {
      throw lineError(
        'INVALID_LINE',
        index,
        line.debit > 0
          ? 'has both a debit and a credit; use two lines'
          : 'has neither a debit nor a credit',
      );
    }
  });
  const debits = sumMinor(doc.lines.map((l) => l.debit));
  const credits = sumMinor(doc.lines.map((l) => l.credit));
  if (debits !== credits) {
    throw new ErpError(
      'validation',
      'UNBALANCED_JOURNAL',
      `journal does not balance: debits ${debits}, credits ${credits} (difference ${debits - credits})`,
    );
  }
  return { ...doc, total: debits };
}
