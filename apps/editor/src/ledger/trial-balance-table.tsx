import type { TrialBalance } from './ledger-api';
import { formatMoney } from './money';
import { MoneyCell } from './money-cell';

/**
 * A trial balance, one table per currency: each account's debits, credits and balance, and the
 * totals, which must be equal. Equal totals are stated in words; unequal ones are an alert with
 * the difference, since they mean the books are broken.
 */
export function TrialBalanceTable({ report }: { report: TrialBalance }) {
  return (
    <>
      {report.totals.map((total) => {
        const rows = report.accounts.filter((a) => a.currency === total.currency);
        const cur = total.currency;
        return (
          <section
            key={cur}
            className="ledger-section"
            data-testid={`trial-balance-${cur}`}
            aria-label={`Trial balance in ${cur}`}
          >
            <table className="table">
              <caption>{cur}</caption>
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Account</th>
                  <th scope="col">Type</th>
                  <th scope="col" className="num">
                    Debits
                  </th>
                  <th scope="col" className="num">
                    Credits
                  </th>
                  <th scope="col" className="num">
                    Balance
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.code}>
                    <td>
                      <code>{r.code}</code>
                    </td>
                    <td>{r.name}</td>
                    <td>{r.type}</td>
                    <MoneyCell minor={r.debit} currency={cur} />
                    <MoneyCell minor={r.credit} currency={cur} />
                    <MoneyCell minor={r.balance} currency={cur} />
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={3}>
                    Totals
                  </th>
                  <td className="num" data-testid={`total-debits-${cur}`}>
                    {formatMoney(total.debit, cur)}
                  </td>
                  <td className="num" data-testid={`total-credits-${cur}`}>
                    {formatMoney(total.credit, cur)}
                  </td>
                  <td />
                </tr>
              </tfoot>
            </table>
            {total.debit === total.credit ? (
              <p className="balanced-note" data-testid={`balanced-${cur}`}>
                ✓ Debits equal credits: {formatMoney(total.debit, cur)}
              </p>
            ) : (
              <p className="error-text" role="alert">
                ✗ Out of balance: debits and credits differ by{' '}
                {formatMoney(total.debit - total.credit, cur)}
              </p>
            )}
          </section>
        );
      })}
    </>
  );
}
