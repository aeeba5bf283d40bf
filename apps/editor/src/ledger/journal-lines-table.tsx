import type { JournalEntry } from './ledger-api';
import { MoneyCell } from './money-cell';

/**
 * The lines of one journal entry, debits and credits in their own columns with totals, so
 * anyone can see at a glance that the entry balances.
 */
export function JournalLinesTable({
  entry,
  accountName,
}: {
  entry: JournalEntry;
  accountName?: (code: string) => string | undefined;
}) {
  const debits = entry.lines.reduce((sum, l) => sum + l.debit, 0);
  const credits = entry.lines.reduce((sum, l) => sum + l.credit, 0);
  return (
    <table className="table" data-testid={`entry-lines-${entry.number}`}>
      <caption>
        Entry #{entry.number} · {entry.date} · {entry.currency}
        {entry.memo ? ` · ${entry.memo}` : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col">Account</th>
          <th scope="col">Description</th>
          <th scope="col" className="num">
            Debit
          </th>
          <th scope="col" className="num">
            Credit
          </th>
        </tr>
      </thead>
      <tbody>
        {entry.lines.map((line, i) => (
          <tr key={i}>
            <td>
              <code>{line.account}</code> {accountName?.(line.account) ?? ''}
            </td>
            <td>{line.description ?? ''}</td>
            <MoneyCell minor={line.debit} currency={entry.currency} blankZero />
            <MoneyCell minor={line.credit} currency={entry.currency} blankZero />
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={2}>
            Total
          </th>
          <MoneyCell minor={debits} currency={entry.currency} />
          <MoneyCell minor={credits} currency={entry.currency} />
        </tr>
      </tfoot>
    </table>
  );
}
