import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { DateRangeFields } from './date-range-fields';
import { getTrialBalance } from './ledger-api';
import { ledgerKeys } from './ledger-keys';
import type { DateRange } from './ledger-api';
import { QueryView } from './query-view';
import { TrialBalanceTable } from './trial-balance-table';

/** The trial balance report for a date range (all time when both ends are empty). */
export function TrialBalanceView() {
  const [range, setRange] = useState<DateRange>({});
  const report = useQuery({
    queryKey: ledgerKeys.trialBalance(range),
    queryFn: () => getTrialBalance(range),
  });
  return (
    <>
      <div className="ledger-filters">
        <DateRangeFields idPrefix="trial-balance" value={range} onChange={setRange} />
      </div>
      <QueryView
        query={report}
        what="the trial balance"
        isEmpty={(data) => data.totals.length === 0}
        empty={<p>Nothing was posted{range.from || range.to ? ' in this range' : ''}.</p>}
      >
        {(data) => <TrialBalanceTable report={data} />}
      </QueryView>
    </>
  );
}
