import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { DateRangeFields } from './date-range-fields';
import { getAccountActivity, listAccounts } from './ledger-api';
import { ledgerKeys } from './ledger-keys';
import type { DateRange } from './ledger-api';
import { formatMoney } from './money';
import { MoneyCell } from './money-cell';
import { QueryView } from './query-view';
import { today } from './today';

const balances = (map: Record<string, number>) =>
  Object.entries(map)
    .map(([cur, minor]) => formatMoney(minor, cur))
    .join(', ') || 'none';

/**
 * Every line of one account in a date range with its running balance, between the opening
 * balance (before the range) and the closing one. The range starts on the first of this month.
 */
export function AccountActivityView() {
  const [account, setAccount] = useState('');
  const [range, setRange] = useState<DateRange>(() => ({
    from: `${today().slice(0, 8)}01`,
    to: today(),
  }));
  const accounts = useQuery({ queryKey: ledgerKeys.accounts, queryFn: listAccounts });
  const activity = useQuery({
    queryKey: ledgerKeys.activity(account, range),
    queryFn: () => getAccountActivity(account, range),
    enabled: account !== '',
  });
  return (
    <>
      <div className="ledger-filters">
        <label htmlFor="activity-account">Account</label>
        <select id="activity-account" value={account} onChange={(e) => setAccount(e.target.value)}>
          <option value="">Choose an account…</option>
          {accounts.data?.map((a) => (
            <option key={a.code} value={a.code}>
              {a.code} {a.name}
            </option>
          ))}
        </select>
        <DateRangeFields idPrefix="activity" value={range} onChange={setRange} />
      </div>
      {accounts.isError && (
        <p className="error-text" role="alert">
          Could not load the chart of accounts.
        </p>
      )}
      {account === '' ? (
        <div className="empty-state">
          <p>Choose an account to see its lines and running balance.</p>
        </div>
      ) : (
        <QueryView query={activity} what="account activity" isEmpty={() => false} empty={null}>
          {(data) => (
            <>
              <p>
                <strong>
                  {data.account.code} {data.account.name}
                </strong>{' '}
                ({data.account.type}) · opening {balances(data.openingBalances)} · closing{' '}
                {balances(data.closingBalances)}
              </p>
              {data.lines.length === 0 ? (
                <div className="empty-state">
                  <p>No lines posted to this account in this range.</p>
                </div>
              ) : (
                <table className="table">
                  <caption className="sr-only">Account activity</caption>
                  <thead>
                    <tr>
                      <th scope="col">Date</th>
                      <th scope="col">Entry</th>
                      <th scope="col">Source</th>
                      <th scope="col">Memo</th>
                      <th scope="col">Currency</th>
                      <th scope="col" className="num">
                        Debit
                      </th>
                      <th scope="col" className="num">
                        Credit
                      </th>
                      <th scope="col" className="num">
                        Balance
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.lines.map((l, i) => (
                      <tr key={`${l.entryId}-${i}`}>
                        <td>{l.date}</td>
                        <td>#{l.number}</td>
                        <td>{l.source}</td>
                        <td>{l.description ?? l.memo ?? ''}</td>
                        <td>{l.currency}</td>
                        <MoneyCell minor={l.debit} currency={l.currency} blankZero />
                        <MoneyCell minor={l.credit} currency={l.currency} blankZero />
                        <MoneyCell minor={l.balance} currency={l.currency} />
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </>
          )}
        </QueryView>
      )}
    </>
  );
}
