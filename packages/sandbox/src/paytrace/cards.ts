/**
 * Card number checks and masking. The simulator never stores a full card number or CSC: it keeps
 * the masked number (`x` × (length − 4) + last four, as PayTrace answers), the last four, the brand
 * and the expiry.
 * @module
 */

/** Card brand, derived from the leading digits at entry time. */
export type CardBrand = 'VISA' | 'MASTERCARD' | 'AMEX' | 'DISCOVER' | 'OTHER';

/** What the simulator keeps of a card: never the full number, never the CSC. */
export interface StoredCard {
  maskedNumber: string;
  lastFour: string;
  brand: CardBrand;
  expirationMonth: number;
  expirationYear: number;
}

/** The sandbox test cards from the PayTrace facts, with the CSC each is used with. */
export const TEST_CARD_CSC: ReadonlyMap<string, string> = new Map([
  ['4012000098765439', '999'],
  ['5499740000000057', '998'],
  ['6011000993026909', '996'],
  ['371449635392376', '9997'],
]);

/** Luhn check over a digit string of card length (13–19 digits). */
export function isValidCardNumber(number: string): boolean {
  if (!/^\d{13,19}$/.test(number)) return false;
  let sum = 0;
  for (let i = 0; i < number.length; i += 1) {
    let digit = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Brand by prefix (enough for per-brand batch totals). */
export function cardBrand(number: string): CardBrand {
  if (number.startsWith('4')) return 'VISA';
  if (/^(5[1-5]|2[2-7])/.test(number)) return 'MASTERCARD';
  if (/^3[47]/.test(number)) return 'AMEX';
  if (/^(6011|65|64[4-9])/.test(number)) return 'DISCOVER';
  return 'OTHER';
}

/** `x` × (length − 4) + last four: the `masked_card_number` of transaction responses. */
export function maskCardNumber(number: string): string {
  return 'x'.repeat(number.length - 4) + number.slice(-4);
}

/** Builds the stored card from an entered number, which is dropped afterwards. */
export function toStoredCard(number: string, month: number, year: number): StoredCard {
  return {
    maskedNumber: maskCardNumber(number),
    lastFour: number.slice(-4),
    brand: cardBrand(number),
    expirationMonth: month,
    expirationYear: year,
  };
}

/** Parses an expiry month (`"12"`, `9`) to 1–12, else `undefined`. */
export function parseMonth(value: unknown): number | undefined {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
  if (!/^\d{1,2}$/.test(text.trim())) return undefined;
  const month = Number(text);
  return month >= 1 && month <= 12 ? month : undefined;
}

/** Parses an expiry year: four digits, or two digits read as 20xx. */
export function parseYear(value: unknown): number | undefined {
  const text = (
    typeof value === 'number' ? String(value) : typeof value === 'string' ? value : ''
  ).trim();
  if (/^\d{4}$/.test(text)) return Number(text);
  if (/^\d{2}$/.test(text)) return 2000 + Number(text);
  return undefined;
}
