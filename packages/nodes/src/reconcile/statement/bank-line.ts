/**
 * What every statement format is read into: booked bank lines in integer minor units (credits
 * positive, debits negative) with the bank's reference and text, plus one error per line that
 * could not be read. The shapes are zod schemas because the import node and the upload route
 * carry them across flows and HTTP.
 *
 * @module
 */
import { z } from 'zod';

/** Statement formats Paybridge reads. */
export const STATEMENT_FORMATS = ['csv', 'ofx', 'camt053'] as const;
/** A statement format. */
export const StatementFormat = z.enum(STATEMENT_FORMATS);
/** A statement format. */
export type StatementFormat = z.infer<typeof StatementFormat>;

/** One booked line of a bank statement. */
export const BankLine = z.object({
  /** Booking date, `YYYY-MM-DD`, as the bank prints it (no time zone conversion). */
  bookedOn: z.iso.date(),
  /** Integer minor units; credits (money in) positive, debits negative. */
  amount: z.int(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  /** The bank's reference for the line (`FITID`, `AcctSvcrRef`, a reference column), or `''`. */
  reference: z.string(),
  description: z.string(),
});
/** One booked line of a bank statement. */
export type BankLine = z.infer<typeof BankLine>;

/** A line of the uploaded file that could not be read, with its 1-based line number. */
export const StatementError = z.object({ line: z.int().min(1), message: z.string() });
/** A line of the uploaded file that could not be read. */
export type StatementError = z.infer<typeof StatementError>;

/** Everything read from one statement file. */
export interface ParsedStatement {
  lines: BankLine[];
  errors: StatementError[];
}
