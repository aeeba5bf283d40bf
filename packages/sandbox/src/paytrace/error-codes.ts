/**
 * PayTrace error codes and their messages, as they appear in the `errors` object (keys are numeric
 * strings, values arrays of messages). Codes marked "simulator choice" are not in the PayTrace facts;
 * the README lists them so nobody mistakes them for evidence.
 * @module
 */

/** Messages of the error codes the simulator produces. */
export const ERROR_MESSAGES = {
  30: (customerId: string) => `Customer ID, ${customerId}, was not found or is incomplete.`,
  35: () => 'Please provide a valid Credit Card Number.',
  43: () => 'Please provide a valid Expiration Month.',
  /** Simulator choice. */
  44: () => 'Please provide a valid Expiration Year.',
  58: () => 'Please provide a valid Transaction ID.',
  /** Message text is a simulator choice (the code is Protect.js's CSC field code). */
  148: () => 'Please provide a valid CSC.',
  171: () => 'Please provide a unique customer ID.',
  /** Simulator choice. */
  500: () => 'Please provide a valid Transaction Amount.',
  /** Simulator choice: missing or malformed MM/DD/YYYY filter date. */
  501: () => 'Please provide a valid date in MM/DD/YYYY format.',
  /** Simulator choice: duplicate transaction inside the account's duplicate window. */
  502: () => 'This transaction appears to be a duplicate and was not processed.',
  /** Simulator choice: capture above the authorized amount, refund above the refundable amount. */
  503: () => 'The amount exceeds the amount available on the original transaction.',
  /** Simulator choice: unknown batch number. */
  504: () => 'The Batch Number that you provided was not found.',
  /** Simulator choice: Protect.js values the simulator did not issue (or already used). */
  505: () => 'Please provide a valid hpf_token and enc_key.',
  /** Simulator choice: the account requires an invoice id. */
  506: () => 'Please provide an Invoice ID.',
  /** Simulator choice: the account requires a billing address. */
  507: () => 'Please provide a Billing Address.',
  /** Simulator choice: the account requires a billing ZIP code. */
  508: () => 'Please provide a Billing Zip Code.',
  /** Simulator choice: the account requires a CSC. */
  509: () => 'Please provide a CSC.',
  /** Simulator choice: Level 3 data for a transaction that cannot take it. */
  510: () =>
    'Level 3 data can only be added to approved, unsettled transactions of the matching card brand.',
  811: () => 'The Transaction ID that you provided was not found.',
  816: () =>
    'The Transaction ID that you provided could not be captured. Only uncaptured, approved authorizations can be captured.',
  /** Two spaces after "refunded." as the real gateway writes it. */
  817: () =>
    'The Transaction ID that you provided could not be refunded.  Only settled transactions can be refunded. Please try to void the transaction instead.',
  818: () =>
    'The Transaction ID that you provided could not be voided. Only transactions that are pending settlement can be voided.',
} as const;

/** A PayTrace `errors` object. */
export type ErrorsObject = Record<string, string[]>;

/** One-entry `errors` object for a code. */
export function errorOf(code: keyof typeof ERROR_MESSAGES, detail = ''): ErrorsObject {
  const message = ERROR_MESSAGES[code] as (d: string) => string;
  return { [String(code)]: [message(detail)] };
}
