/**
 * Minor units to QuickBooks' decimal JSON numbers and back, exactly, in the document's currency.
 *
 * @module
 */
import { fromDecimal, toDecimalString } from '../money';

/**
 * Minor units as the JSON number QuickBooks expects. The decimal text is exact; a JSON number
 * with at most 15 significant digits prints back as the same text, which covers any amount
 * below 10^13 minor units.
 */
export function toQbo(minor: number, currency: string): number {
  return Number(toDecimalString(minor, currency));
}

/** A QuickBooks amount (number or string) in minor units; 0 when absent. */
export function fromQbo(value: unknown, currency: string): number {
  if (value === undefined || value === null) return 0;
  return fromDecimal(value as string | number, currency);
}

/** The currency code of a QuickBooks transaction (the company's USD when absent). */
export function currencyOf(entity: Record<string, unknown>): string {
  const ref = entity.CurrencyRef as { value?: unknown } | undefined;
  return typeof ref?.value === 'string' ? ref.value : 'USD';
}
