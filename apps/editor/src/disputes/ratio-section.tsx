import { useQuery } from '@tanstack/react-query';
import { QueryView } from '../ledger/query-view';
import { getRatio } from './disputes-api';
import { disputesKeys } from './disputes-keys';
import { RatioChart, RatioTable } from './ratio-chart';
import { volumeSourceNote } from './ratio-source';

/** The last twelve months' chargeback ratio, drawn against the thresholds, and its figures. */
export function RatioSection() {
  const ratio = useQuery({ queryKey: disputesKeys.ratio, queryFn: () => getRatio(12) });
  return (
    <section className="card" aria-labelledby="ratio-title">
      <h2 id="ratio-title">Chargeback ratio</h2>
      <QueryView
        query={ratio}
        what="the chargeback ratio"
        isEmpty={(data) => data.months.length === 0}
        empty={<p>No months to show.</p>}
      >
        {(data) => (
          <>
            <RatioChart ratio={data} />
            {data.months.every((m) => m.ratio === null) && (
              <p className="hint" data-testid="ratio-no-volume">
                No settled card transactions in these months yet: the ratio counts PayTrace’s
                settled sales once Settlement reconciliation ran, else the ledger’s payments, which
                the Order to cash template books.
              </p>
            )}
            {volumeSourceNote(data.months) && (
              <p className="hint" data-testid="ratio-source">
                {volumeSourceNote(data.months)}
              </p>
            )}
            <details>
              <summary>Figures per month</summary>
              <RatioTable ratio={data} />
            </details>
          </>
        )}
      </QueryView>
    </section>
  );
}
