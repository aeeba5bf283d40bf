/**
 * Chargeback reason codes in words. Cases arrive with whatever their channel carries: a card
 * scheme's reason code (Visa `10.4`, Mastercard `4837`, American Express `F29`, Discover `UA02`)
 * from a processor report or notification, or Shopify's reason slug (`product_not_received`).
 * The Disputes page shows the words beside the code, so nobody has to look a code up to know
 * what evidence the case needs.
 *
 * @module
 */

/** Visa Claims Resolution reason codes (fraud 10.x, authorisation 11.x, processing 12.x, consumer 13.x). */
const VISA: Record<string, string> = {
  '10.1': 'EMV liability shift counterfeit fraud',
  '10.2': 'EMV liability shift non-counterfeit fraud',
  '10.3': 'Other fraud, card present',
  '10.4': 'Other fraud, card absent',
  '10.5': 'Visa fraud monitoring program',
  '11.1': 'Card recovery bulletin',
  '11.2': 'Declined authorization',
  '11.3': 'No authorization',
  '12.1': 'Late presentment',
  '12.2': 'Incorrect transaction code',
  '12.3': 'Incorrect currency',
  '12.4': 'Incorrect account number',
  '12.5': 'Incorrect amount',
  '12.6.1': 'Duplicate processing',
  '12.6.2': 'Paid by other means',
  '12.7': 'Invalid data',
  '13.1': 'Merchandise or services not received',
  '13.2': 'Cancelled recurring transaction',
  '13.3': 'Not as described or defective',
  '13.4': 'Counterfeit merchandise',
  '13.5': 'Misrepresentation',
  '13.6': 'Credit not processed',
  '13.7': 'Cancelled merchandise or services',
  '13.8': 'Original credit transaction not accepted',
  '13.9': 'Non-receipt of cash or load value',
};

/** Mastercard chargeback reason codes. */
const MASTERCARD: Record<string, string> = {
  '4808': 'Authorization-related chargeback',
  '4812': 'Account number not on file',
  '4831': 'Transaction amount differs',
  '4834': 'Point-of-interaction error',
  '4837': 'No cardholder authorization',
  '4840': 'Fraudulent processing of transactions',
  '4841': 'Cancelled recurring or digital goods transaction',
  '4842': 'Late presentment',
  '4849': 'Questionable merchant activity',
  '4853': 'Cardholder dispute',
  '4854': 'Cardholder dispute, not elsewhere classified',
  '4855': 'Goods or services not provided',
  '4859': 'Addendum, no-show or ATM dispute',
  '4860': 'Credit not processed',
  '4863': 'Cardholder does not recognize, potential fraud',
  '4870': 'Chip liability shift',
  '4871': 'Chip/PIN liability shift',
};

/** American Express chargeback reason codes. */
const AMEX: Record<string, string> = {
  A01: 'Charge amount exceeds authorization',
  A02: 'No valid authorization',
  A08: 'Authorization approval expired',
  C02: 'Credit not processed',
  C04: 'Goods or services returned or refused',
  C05: 'Goods or services cancelled',
  C08: 'Goods or services not received',
  C14: 'Paid by other means',
  C18: 'No show or deposit cancelled',
  C28: 'Cancelled recurring billing',
  C31: 'Goods or services not as described',
  C32: 'Goods or services damaged or defective',
  F10: 'Missing imprint',
  F14: 'Missing signature',
  F24: 'No cardmember authorization',
  F29: 'Card not present fraud',
  F30: 'EMV counterfeit',
  F31: 'EMV lost, stolen or non-received',
  P01: 'Unassigned card number',
  P03: 'Credit processed as charge',
  P04: 'Charge processed as credit',
  P05: 'Incorrect charge amount',
  P07: 'Late submission',
  P08: 'Duplicate charge',
  P22: 'Non-matching card number',
  P23: 'Currency discrepancy',
  R03: 'Insufficient reply',
  R13: 'No reply',
};

/** Discover dispute reason codes. */
const DISCOVER: Record<string, string> = {
  UA01: 'Fraud, card present',
  UA02: 'Fraud, card not present',
  UA05: 'Fraud, chip counterfeit',
  UA06: 'Fraud, chip and PIN',
  AA: 'Cardholder does not recognize',
  AP: 'Cancelled recurring billing',
  AW: 'Altered amount',
  DP: 'Duplicate processing',
  PM: 'Paid by other means',
  RG: 'Goods or services not received',
  RM: 'Quality of goods or services',
  RN2: 'Credit not received',
  LP: 'Late presentment',
  NA: 'No authorization',
  DA: 'Declined authorization',
  EX: 'Expired card',
};

/** Shopify Payments dispute reasons (`disputes/create` webhooks). */
const SHOPIFY: Record<string, string> = {
  fraudulent: 'Fraudulent, not authorized by the cardholder',
  product_not_received: 'Product not received',
  product_unacceptable: 'Product unacceptable',
  subscription_canceled: 'Subscription cancelled',
  unrecognized: 'Unrecognized charge',
  duplicate: 'Duplicate charge',
  credit_not_processed: 'Credit not processed',
  general: 'General dispute',
  incorrect_account_details: 'Incorrect account details',
  insufficient_funds: 'Insufficient funds',
  bank_cannot_process: 'Bank cannot process',
  debit_not_authorized: 'Debit not authorized',
  customer_initiated: 'Customer initiated',
  noncompliant: 'Noncompliant',
};

/** The card scheme whose code list a reason code belongs to, when it has the scheme's shape. */
export type ReasonScheme = 'visa' | 'mastercard' | 'amex' | 'discover' | 'shopify';

const TABLES: [ReasonScheme, Record<string, string>][] = [
  ['visa', VISA],
  ['mastercard', MASTERCARD],
  ['amex', AMEX],
  ['discover', DISCOVER],
  ['shopify', SHOPIFY],
];

/** The scheme and words of a known reason code; null for one not in any list. */
export function describeReason(code: string): { scheme: ReasonScheme; text: string } | null {
  const trimmed = code.trim();
  if (!trimmed) return null;
  const keys = [trimmed, trimmed.toUpperCase(), trimmed.toLowerCase()];
  for (const [scheme, table] of TABLES) {
    for (const key of keys) {
      const text = table[key];
      if (text) return { scheme, text };
    }
  }
  return null;
}

/**
 * A reason code as the page shows it: the words, followed by the code when the code is not
 * itself words (`"No cardholder authorization (4837)"`). A code not in any list is shown as it
 * came (a processor may use its own), so nothing is hidden or guessed.
 */
export function reasonInWords(code: string | null | undefined): string {
  if (!code || !code.trim()) return 'No reason given';
  const known = describeReason(code);
  if (!known) return code.trim().replaceAll('_', ' ');
  return known.scheme === 'shopify' ? known.text : `${known.text} (${code.trim()})`;
}
