import { formatMoney } from '../ledger/money';
import type { ScoreHistory, VelocityCounters } from './fraud-api';

const KEYS: { key: keyof ScoreHistory['velocity']; label: string }[] = [
  { key: 'email', label: 'Email' },
  { key: 'ip', label: 'IP address' },
  { key: 'card', label: 'Card' },
  { key: 'shippingAddress', label: 'Shipping address' },
  { key: 'device', label: 'Device' },
];
const WINDOWS: { key: keyof VelocityCounters; label: string }[] = [
  { key: 'h1', label: 'Last hour' },
  { key: 'h24', label: 'Last 24 h' },
  { key: 'd7', label: 'Last 7 days' },
];

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Paybridge's own counters when the order was scored: per email, IP, card, shipping address and
 * device, the orders, their amount, the distinct cards and the failed attempts over 1 h, 24 h
 * and 7 days. A busy cell (more than one order, or a failure) stands out.
 */
export function VelocityTable({
  velocity,
  currency,
}: {
  velocity: ScoreHistory['velocity'];
  currency: string;
}) {
  return (
    <table className="table velocity-table" data-testid="velocity-table">
      <caption className="sr-only">Velocity: earlier orders sharing this order’s details</caption>
      <thead>
        <tr>
          <th scope="col">Same…</th>
          {WINDOWS.map((w) => (
            <th key={w.key} scope="col">
              {w.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {KEYS.map((k) => (
          <tr key={k.key} data-testid={`velocity-${k.key}`}>
            <th scope="row">{k.label}</th>
            {WINDOWS.map((w) => {
              const c = velocity[k.key][w.key];
              const busy = c.orders > 1 || c.failedAttempts > 0 || c.distinctCards > 1;
              return (
                <td key={w.key} className={busy ? 'velocity-busy' : undefined}>
                  {c.orders === 0 && c.failedAttempts === 0 ? (
                    <span className="hint">none</span>
                  ) : (
                    <>
                      {plural(c.orders, 'order')}, {formatMoney(c.amountMinor, currency)}
                      <div className="hint">
                        {plural(c.distinctCards, 'card')} · {c.failedAttempts} failed
                      </div>
                    </>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
