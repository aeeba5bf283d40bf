import { passesLuhn } from '@paybridge/engine';

/** Field names that hold a card number on their own. */
const PAN_KEYS = /^(card_?number|cc_?number|credit_?card_?number|pan|primary_?account_?number)$/i;
/** `number` counts as a card number only inside a card-like object (`card.number`). */
const CARD_PARENT = /card/i;
/** Field names that hold a card security code. */
const CVV_KEYS = /^(cvv2?|cvc2?|csc|cid|security_?code|card_?code|card_?verification(_?value)?)$/i;

function digitsOf(value: unknown): string | null {
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  if (typeof value !== 'string') return null;
  const compact = value.replace(/[\s-]/g, '');
  return /^\d+$/.test(compact) ? compact : null;
}

/**
 * Finds card data in an inbound payload: a Luhn-valid 13–19 digit value under a card-number
 * field, or a 3–4 digit value under a security-code field. Paybridge must never store either, so
 * ingress refuses such a request before anything is written. Only field names are considered,
 * not every long number, because Shopify and ERP ids are long numbers that pass Luhn one time in
 * ten. Returns the path of the first offending field, or null.
 */
export function findCardData(value: unknown, path: string[] = [], depth = 0): string | null {
  if (depth > 32 || value === null || typeof value !== 'object') return null;
  const entries = Array.isArray(value)
    ? value.map((v, i) => [String(i), v] as const)
    : Object.entries(value as Record<string, unknown>);
  const parent = path[path.length - 1] ?? '';
  for (const [key, child] of entries) {
    const digits = digitsOf(child);
    if (digits !== null) {
      const panField =
        PAN_KEYS.test(key) || (key.toLowerCase() === 'number' && CARD_PARENT.test(parent));
      if (panField && digits.length >= 13 && digits.length <= 19 && passesLuhn(digits)) {
        return [...path, key].join('.');
      }
      if (CVV_KEYS.test(key) && digits.length >= 3 && digits.length <= 4)
        return [...path, key].join('.');
    }
    const found = findCardData(child, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}
