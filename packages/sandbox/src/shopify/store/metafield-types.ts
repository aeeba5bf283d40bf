/**
 * Metafield types the simulator knows and how their values are checked. Values are always text
 * in the API; a value that does not fit its type is refused with `INVALID_VALUE` (messages are
 * simulator wording).
 * @module
 */

type Check = (value: string) => string | null;

const isInteger = (v: string) => /^-?(0|[1-9]\d*)$/.test(v);
const isDecimal = (v: string) => /^-?(0|[1-9]\d*)(\.\d+)?$/.test(v);

function json(value: string): string | null {
  try {
    JSON.parse(value);
    return null;
  } catch {
    return 'Value is invalid JSON.';
  }
}

const CHECKS: Record<string, Check> = {
  single_line_text_field: (v) => (/[\r\n]/.test(v) ? 'Value must be a single line.' : null),
  multi_line_text_field: () => null,
  number_integer: (v) => (isInteger(v) ? null : 'Value must be an integer.'),
  number_decimal: (v) => (isDecimal(v) ? null : 'Value must be a decimal number.'),
  boolean: (v) => (v === 'true' || v === 'false' ? null : 'Value must be true or false.'),
  json,
  date: (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? null : 'Value must be a date (YYYY-MM-DD).'),
  date_time: (v) =>
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?/.test(v) ? null : 'Value must be an ISO 8601 time.',
  url: (v) => (/^(https?|mailto|sms|tel):/.test(v) ? null : 'Value must be a URL.'),
  color: (v) => (/^#[0-9a-fA-F]{6}$/.test(v) ? null : 'Value must be a hex color.'),
  money: (v) => json(v),
  weight: (v) => json(v),
  dimension: (v) => json(v),
  volume: (v) => json(v),
  rating: (v) => json(v),
  id: () => null,
};

/** Whether `type` is a metafield type the simulator knows. */
export function isKnownMetafieldType(type: string): boolean {
  return Object.hasOwn(CHECKS, type) || type.startsWith('list.');
}

/** A message when `value` does not fit `type`, else `null`. */
export function checkMetafieldValue(type: string, value: string): string | null {
  if (type.startsWith('list.')) {
    const inner = json(value);
    if (inner) return inner;
    return Array.isArray(JSON.parse(value)) ? null : 'Value must be a JSON array.';
  }
  return CHECKS[type]?.(value) ?? null;
}
