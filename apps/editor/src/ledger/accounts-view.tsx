import { useQuery } from '@tanstack/react-query';
import { getTrialBalance, listAccounts } from './ledger-api';
import { ledgerKeys } from './ledger-keys';
import { formatMoney } from './money';
import { QueryView } from './query-view';

/**
 * The chart of accounts with each account's balance to date. The accounts route carries no
 * balances, so they come from the all-time trial balance (one balance per currency the account
 * has moved in, signed by the account's normal side).
 */
export function AccountsView() {
  const accounts = useQuery({ queryKey: ledgerKeys.accounts, queryFn: listAccounts });
  const balances = useQuery({
    queryKey: ledgerKeys.trialBalance({}),
    queryFn: () => getTrialBalance({}),
  });
  const balancesOf = (code: string) =>
    balances.data?.accounts.filter((row) => row.code === code) ?? [];
  return (
    <QueryView
      query={accounts}
      what="the chart of accounts"
      isEmpty={(data) => data.length === 0}
      empty={<p>The ledger has no accounts yet; the runtime seeds them on first use.</p>}
    >
      {(data) => (
        <table className="table" data-testid="accounts-table">
          <caption className="sr-only">Chart of accounts</caption>
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col">Role</th>
              <th scope="col" className="num">
                Balance
              </th>
            </tr>
          </thead>
          <tbody>
            {data.map((a) => (
              <tr key={a.code}>
                <td>
                  <code>{a.code}</code>
                </td>
                <td>{a.name}</td>
                <td>{a.type}</td>
                <td className="hint">{a.role ?? ''}</td>
                <td className="num">
                  {balances.isError ? (
                    <span className="error-text">unavailable</span>
                  ) : balancesOf(a.code).length === 0 ? (
                    <span className="hint">{balances.isPending ? '…' : 'no postings'}</span>
                  ) : (
                    balancesOf(a.code).map((b) => (
                      <div key={b.currency}>{formatMoney(b.balance, b.currency)}</div>
                    ))
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </QueryView>
  );
}
