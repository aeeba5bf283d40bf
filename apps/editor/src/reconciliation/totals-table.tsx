import { MoneyCell } from '../ledger/money-cell';
import type { TotalsRow } from './totals-rows';
import { VarianceCell } from './variance-cell';

/**
 * The day's figures side by side, one row per settlement batch and the day's total under them:
 * what PayTrace settled, what the ERP booked, what Shopify says was paid, what reached the bank,
 * and the variance. A side that was not read (no bank statement yet) shows "not available",
 * never a zero that would look like a missing deposit.
 */
export function TotalsTable({ rows, total }: { rows: TotalsRow[]; total: TotalsRow }) {
  const currency = total.totals.currency;
  return (
    <div className="table-scroll">
      <table className="table recon-totals" data-testid="recon-totals">
        <caption className="hint">Totals side by side, in {currency}</caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              Batch
            </th>
            <th scope="colgroup" colSpan={3} className="recon-group">
              PayTrace
            </th>
            <th scope="colgroup" colSpan={2} className="recon-group">
              ERP
            </th>
            <th scope="col" rowSpan={2} className="num">
              Shopify paid
            </th>
            <th scope="col" rowSpan={2} className="num">
              Bank deposit
            </th>
            <th scope="col" rowSpan={2} className="num">
              Variance
            </th>
          </tr>
          <tr>
            <th scope="col" className="num">
              Gross
            </th>
            <th scope="col" className="num">
              Refunds
            </th>
            <th scope="col" className="num">
              Net
            </th>
            <th scope="col" className="num">
              Payments
            </th>
            <th scope="col" className="num">
              Credit memos
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <Row key={row.key} row={row} />
          ))}
        </tbody>
        <tfoot>
          <Row row={total} />
        </tfoot>
      </table>
      <p className="hint">
        Variance of a batch: its bank deposit against the expected deposit (net minus fees). Of the
        day: PayTrace’s net against what the ERP booked.
      </p>
    </div>
  );
}

function Optional({ minor, currency }: { minor: number | null; currency: string }) {
  if (minor === null) {
    return (
      <td className="num hint" title="Not known here (no bank statement or no data for this side)">
        n/a
      </td>
    );
  }
  return <MoneyCell minor={minor} currency={currency} />;
}

function Row({ row }: { row: TotalsRow }) {
  const t = row.totals;
  const c = t.currency;
  return (
    <tr data-testid={`totals-${row.key}`}>
      <th scope="row">{row.label}</th>
      <MoneyCell minor={t.paytraceGross} currency={c} />
      <MoneyCell minor={t.paytraceRefunds} currency={c} />
      <MoneyCell minor={t.paytraceNet} currency={c} />
      <Optional minor={t.erpPayments} currency={c} />
      <Optional minor={t.erpCreditMemos} currency={c} />
      <Optional minor={t.shopifyPaid} currency={c} />
      <Optional minor={t.bankDeposit} currency={c} />
      {t.variance === null ? (
        <td className="num hint">n/a</td>
      ) : (
        <VarianceCell minor={t.variance} currency={c} />
      )}
    </tr>
  );
}
