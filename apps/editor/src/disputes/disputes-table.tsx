import { navigate } from '../app/router';
import { formatMoney } from '../ledger/money';
import { DeadlineCell } from './deadline-cell';
import { channelLabel } from './dispute-labels';
import type { DisputeCase } from './disputes-api';
import { OrderLink } from './order-link';
import { reasonInWords } from './reason-codes';
import { StatusPill } from './status-pill';

/** The reason in words: the channel's own description when it sent one, else the code's. */
export function caseReason(c: Pick<DisputeCase, 'reason' | 'reasonCode'>): string {
  if (c.reason && c.reasonCode && c.reason !== c.reasonCode) return `${c.reason} (${c.reasonCode})`;
  return reasonInWords(c.reasonCode ?? c.reason);
}

/** Chargeback cases, soonest evidence deadline first (the runtime's order). */
export function DisputesTable({ cases }: { cases: DisputeCase[] }) {
  return (
    <table className="table" data-testid="disputes-table">
      <caption className="sr-only">Chargeback cases</caption>
      <thead>
        <tr>
          <th scope="col">Evidence due</th>
          <th scope="col">Case</th>
          <th scope="col">Status</th>
          <th scope="col" className="num">
            Amount
          </th>
          <th scope="col">Reason</th>
          <th scope="col">Source</th>
          <th scope="col">Order</th>
        </tr>
      </thead>
      <tbody>
        {cases.map((c) => (
          <tr key={c.id} data-testid={`case-${c.caseNumber}`}>
            <td>
              <DeadlineCell c={c} />
            </td>
            <td>
              <a
                href={`/disputes/${encodeURIComponent(c.id)}`}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(`/disputes/${encodeURIComponent(c.id)}`);
                }}
              >
                {c.caseNumber}
              </a>
              {c.kind !== 'chargeback' && <div className="hint">{c.kind}</div>}
            </td>
            <td>
              <StatusPill status={c.status} />
            </td>
            <td className="num">{formatMoney(c.amount, c.currency)}</td>
            <td>{caseReason(c)}</td>
            <td>{c.channels.map(channelLabel).join(', ')}</td>
            <td>
              <OrderLink c={c} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
