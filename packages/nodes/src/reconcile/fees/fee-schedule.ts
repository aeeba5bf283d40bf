/**
 * The merchant's card fee schedule: what the processor is expected to keep of each transaction,
 * per card brand, as percent (basis points) plus a fixed amount. Reconciliation computes the
 * expected fee of every settled sale from it (or takes the processor's own per-transaction fees
 * from its statement CSV, see `parseProcessorFeeCsv`) and reports a fee difference where the
 * deposit says otherwise. Integers only: 290 bp is 2.90 %, rounding is half up per transaction.
 *
 * @module
 */
import { z } from 'zod';

export { parseProcessorFeeCsv, type ProcessorFees } from './processor-fee-csv';

/** One brand's rate: basis points of the amount plus a fixed amount in minor units. */
export const FeeRate = z.object({
  percentBp: z
    .int()
    .min(0)
    .max(10_000)
    .meta({ title: 'Percent (basis points)', description: '290 is 2.90 %.' }),
  fixedMinor: z
    .int()
    .min(0)
    .meta({ title: 'Fixed fee (minor units)', description: '30 is $0.30 per transaction.' }),
});
/** One brand's rate. */
export type FeeRate = z.infer<typeof FeeRate>;

/** A fee schedule: a default rate and overrides per card brand (`visa`, `amex`, …). */
export const FeeSchedule = z.object({
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .meta({ title: 'Currency', description: 'ISO 4217 code of the fixed fees.' }),
  default: FeeRate.meta({ title: 'Default rate', description: 'For brands not listed.' }),
  brands: z.record(z.string(), FeeRate).default({}).meta({
    title: 'Rates per card brand',
    description: 'Keys: visa, mastercard, amex, discover (case-insensitive), or any other brand.',
  }),
});
/** A fee schedule. */
export type FeeSchedule = z.infer<typeof FeeSchedule>;

const ALIASES: Readonly<Record<string, string>> = {
  'american express': 'amex',
  americanexpress: 'amex',
  mc: 'mastercard',
  'master card': 'mastercard',
  'discover card': 'discover',
};

/** A brand as a schedule key: lower case, common aliases folded (`AMERICAN EXPRESS` → `amex`). */
export function brandKey(brand: string): string {
  const key = brand.trim().toLowerCase();
  return ALIASES[key] ?? key;
}

/** The rate that applies to a brand: its own entry, else the schedule's default. */
export function rateFor(schedule: FeeSchedule, brand: string): FeeRate {
  const key = brandKey(brand);
  for (const [name, rate] of Object.entries(schedule.brands)) {
    if (brandKey(name) === key) return rate;
  }
  return schedule.default;
}

/**
 * The expected processor fee of one transaction of `amountMinor` (non-negative minor units), in
 * minor units: percent rounded half up, plus the fixed part. Exact for any safe-integer amount
 * (the product is taken in BigInt), so a schedule never drifts by a cent over a large day.
 *
 * @example
 * feeFor({ currency: 'USD', default: { percentBp: 290, fixedMinor: 30 }, brands: {} }, 'VISA', 1050);
 * // 1050 × 2.90 % = 30.45 → 30, plus 30 = 60
 */
export function feeFor(schedule: FeeSchedule, brand: string, amountMinor: number): number {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0) {
    throw new RangeError(`a fee is computed on a non-negative integer amount, got ${amountMinor}`);
  }
  const rate = rateFor(schedule, brand);
  const percent = (BigInt(amountMinor) * BigInt(rate.percentBp) + 5_000n) / 10_000n;
  const fee = Number(percent) + rate.fixedMinor;
  if (!Number.isSafeInteger(fee)) throw new RangeError('fee exceeds 2^53 - 1');
  return fee;
}
