import type { RatioMonth } from './disputes-api';

const MONTH = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const label = (month: string) => MONTH.format(new Date(`${month}-01T00:00:00Z`));

/**
 * One line saying where the months' settled card transactions were counted from, so a finance
 * team knows whether the ratio's denominator is PayTrace's settlement or the ledger's bookings
 * (which stay empty when QuickBooks books the payments). Null when no month was reconciled.
 */
export function volumeSourceNote(months: RatioMonth[]): string | null {
  const reconciled = months.filter((m) => m.source !== 'ledger');
  if (reconciled.length === 0) return null;
  const mixed = reconciled.filter((m) => m.source === 'mixed').map((m) => label(m.month));
  const parts = [
    `Settled card transactions come from settlement reconciliation (PayTrace’s settled sales) for ${reconciled.length} of ${months.length} months, from the ledger’s booked payments otherwise.`,
  ];
  if (mixed.length > 0)
    parts.push(`Partly reconciled, ledger payments added for the other days: ${mixed.join(', ')}.`);
  return parts.join(' ');
}
