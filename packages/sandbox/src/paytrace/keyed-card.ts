/**
 * Reading a keyed card from a request body, clear or client-side encrypted: `credit_card.number`
 * or `credit_card.encrypted_number`, and `csc` or top-level `encrypted_csc`. Encrypted values are
 * decrypted and then checked exactly like clear ones, so every trigger (test cards, CSC `000`)
 * behaves the same either way. Neither the number nor the CSC outlives the request.
 * @module
 */
import {
  isValidCardNumber,
  parseMonth,
  parseYear,
  toStoredCard,
  type StoredCard,
} from './cards.js';
import type { SimContext } from './context.js';
import { decryptE2ee } from './e2ee.js';
import { errorOf, type ErrorsObject } from './error-codes.js';
import { object, text, type Body } from './request-body.js';

/** A card, or the errors PayTrace reports for it. */
export type KeyedCard =
  { card: StoredCard; errors?: undefined } | { card?: undefined; errors: ErrorsObject };

/** A CSC (absent: `undefined`), or the error for an encrypted CSC that does not decrypt. */
export type KeyedCsc = { csc: string | undefined; errors?: undefined } | { errors: ErrorsObject };

/** Whether the body carries a card to key in (clear or encrypted), e.g. on a profile update. */
export function hasKeyedCard(body: Body): boolean {
  const card = object(body, 'credit_card');
  return text(card, 'number') !== '' || text(card, 'encrypted_number') !== '';
}

/** The card number in clear: as sent, or decrypted; `''` when absent or undecryptable. */
async function cardNumber(sim: SimContext, card: Body): Promise<string> {
  const encrypted = text(card, 'encrypted_number');
  if (encrypted === '') return text(card, 'number').replace(/\s/g, '');
  return ((await decryptE2ee(sim, encrypted)) ?? '').replace(/\s/g, '');
}

/** Reads `credit_card` (clear or encrypted number, expiry). */
export async function readKeyedCard(sim: SimContext, body: Body): Promise<KeyedCard> {
  const card = object(body, 'credit_card');
  const number = await cardNumber(sim, card);
  const month = parseMonth(card.expiration_month);
  const year = parseYear(card.expiration_year);
  const errors: ErrorsObject = {};
  if (!isValidCardNumber(number)) Object.assign(errors, errorOf(35));
  if (month === undefined) Object.assign(errors, errorOf(43));
  if (year === undefined) Object.assign(errors, errorOf(44));
  if (month === undefined || year === undefined || Object.keys(errors).length > 0)
    return { errors };
  return { card: toStoredCard(number, month, year) };
}

/**
 * Reads the CSC: `encrypted_csc` (decrypted; one that does not decrypt to 3–4 digits is error 148,
 * the code Protect.js uses for the CSC field — a simulator choice here) or clear `csc`.
 */
export async function readKeyedCsc(sim: SimContext, body: Body): Promise<KeyedCsc> {
  const encrypted = text(body, 'encrypted_csc');
  if (encrypted !== '') {
    const csc = await decryptE2ee(sim, encrypted);
    if (csc === undefined || !/^\d{3,4}$/.test(csc)) return { errors: errorOf(148) };
    return { csc };
  }
  const csc = text(body, 'csc');
  return { csc: csc === '' ? undefined : csc };
}
