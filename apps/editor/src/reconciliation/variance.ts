/**
 * How the Reconciliation page says a variance: a signed amount in the currency's exponent, and a
 * tone the page colours it by. A variance is what one side is over (positive) or short
 * (negative) against PayTrace's settled figure; zero is the only value shown as clean, so a
 * difference of one cent is never hidden by rounding.
 *
 * @module
 */
import { formatAmount } from '../ledger/money';

/** How a variance reads at a glance: nothing to do, or something to look at. */
export type VarianceTone = 'clean' | 'over' | 'short';

/** The tone of a variance in minor units. */
export function varianceTone(minor: number): VarianceTone {
  if (minor === 0) return 'clean';
  return minor > 0 ? 'over' : 'short';
}

/**
 * A variance with its sign and currency: `+12.34 USD`, `−0.01 USD` (a real minus sign, so it
 * lines up with the plus in tabular figures), and `0.00 USD` without a sign when clean.
 */
export function formatVariance(minor: number, currency: string): string {
  if (minor === 0) return `${formatAmount(0, currency)} ${currency}`;
  const sign = minor > 0 ? '+' : '\u2212';
  return `${sign}${formatAmount(Math.abs(minor), currency)} ${currency}`;
}

/** A short sentence for a variance, for screen readers and titles: "short by 12.34 USD". */
export function describeVariance(minor: number, currency: string): string {
  if (minor === 0) return 'no variance';
  const amount = `${formatAmount(Math.abs(minor), currency)} ${currency}`;
  return minor > 0 ? `over by ${amount}` : `short by ${amount}`;
}
