/**
 * Amounts as mappings produce them, made exact. A JSONata mapping over a Shopify order sees
 * decimal strings (`"19.99"`); arithmetic on them in JSONata would be floating point. So amount
 * fields accept an integer in minor units, a decimal string in the currency's units, or a list
 * of those (summed exactly), and are converted here, with the field path in any error.
 *
 * @module
 */
import { PermanentError } from '@paybridge/engine';
import { fromDecimal, sumMinor } from '../../money';

/** Converts one amount value; throws a PermanentError naming `path`. */
export function exactAmount(value: unknown, currency: string, path: string): unknown {
  if (value === undefined || value === null) return value;
  const one = (v: unknown): number => {
    if (typeof v === 'number') {
      if (Number.isSafeInteger(v)) return v;
      throw new PermanentError(
        'INVALID_AMOUNT',
        `${path}: ${v} is not an integer amount in minor units; give minor units or a decimal string`,
      );
    }
    if (typeof v === 'string') {
      try {
        return fromDecimal(v, currency);
      } catch (err) {
        throw new PermanentError('INVALID_AMOUNT', `${path}: ${(err as Error).message}`);
      }
    }
    throw new PermanentError('INVALID_AMOUNT', `${path}: ${JSON.stringify(v)} is not an amount`);
  };
  return Array.isArray(value) ? sumMinor(value.map(one)) : one(value);
}

/**
 * Converts the named top-level amount fields and, in each of `lines`, the named line fields.
 * Leaves the document untouched when its currency is not a string (validation reports it).
 */
export function exactAmounts(
  doc: unknown,
  fields: readonly string[],
  lineFields: readonly string[] = [],
): unknown {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return doc;
  const record = { ...(doc as Record<string, unknown>) };
  const currency = record.currency;
  if (typeof currency !== 'string') return record;
  for (const field of fields) {
    if (field in record) record[field] = exactAmount(record[field], currency, field);
  }
  if (Array.isArray(record.lines) && lineFields.length > 0) {
    record.lines = record.lines.map((line: unknown, index: number) => {
      if (!line || typeof line !== 'object') return line;
      const copy = { ...(line as Record<string, unknown>) };
      for (const field of lineFields) {
        if (field in copy) {
          copy[field] = exactAmount(copy[field], currency, `line ${index + 1}: ${field}`);
        }
      }
      return copy;
    });
  }
  return record;
}
