import { formatAmount } from './money';

/**
 * A right-aligned table cell with an amount in its currency's exponent. Zero can show as a blank
 * (`blankZero`), the way ledgers leave the unused side of a line empty.
 */
export function MoneyCell({
  minor,
  currency,
  blankZero = false,
}: {
  minor: number | null | undefined;
  currency: string;
  blankZero?: boolean;
}) {
  const show = minor !== null && minor !== undefined && !(blankZero && minor === 0);
  return <td className="num">{show ? formatAmount(minor, currency) : ''}</td>;
}
