import { parse } from 'lossless-json';

const INTEGER = /^-?\d+$/;

/** Keys whose numeric values are Shopify ids: `id`, `order_id`, `admin_graphql_api_id`'s twins. */
function isIdKey(key: string): boolean {
  return key === 'id' || key.endsWith('_id');
}

/**
 * Parses a Shopify webhook body without losing ids. Shopify's REST ids are JSON integers that
 * can exceed 2^53 (`820982911946154508`), which `JSON.parse` silently rounds; a flow posting a
 * refund for the rounded order id would hit the wrong order or none. So every integer beyond
 * the safe range becomes its exact decimal string, and every id field (`id`, `*_id`) becomes a
 * string whatever its size, so flows see one type for ids. Other numbers stay numbers (Shopify's
 * money is already strings).
 */
export function parseShopifyJson(text: string): unknown {
  return parse(
    text,
    (key, value) => (typeof value === 'number' && isIdKey(key) ? String(value) : value),
    (digits) => {
      if (INTEGER.test(digits)) {
        const n = Number(digits);
        return Number.isSafeInteger(n) ? n : digits.replace(/^(-?)0+(?=\d)/, '$1');
      }
      return Number(digits);
    },
  );
}
