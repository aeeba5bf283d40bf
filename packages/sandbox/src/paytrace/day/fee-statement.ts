/**
 * The processor's fee statement as CSV: one row per settled transaction of the batches closed in
 * a date range, with the fee kept. The column set (`Batch Number`, `Settled Date`,
 * `Transaction ID`, `Card Type`, `Transaction Type`, `Amount`, `Total Fees`) is UNCONFIRMED:
 * PayTrace's merchant statements come from the acquirer and their export layout is not public.
 * @module
 */
import type { SimBatch, SimTransaction } from '../state.js';

function decimal(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** Renders the fee statement of batches closed within `[from, to]` (business dates). */
export function renderFeeStatement(
  batches: SimBatch[],
  all: Map<number, SimTransaction>,
  from: string,
  to: string,
): string {
  const rows = [
    'Batch Number,Settled Date,Transaction ID,Card Type,Transaction Type,Amount,Total Fees',
  ];
  for (const batch of batches) {
    const on = batch.closedOn ?? new Date(batch.closedAt).toISOString().slice(0, 10);
    if (on < from || on > to) continue;
    for (const id of batch.transactionIds) {
      const tx = all.get(id);
      if (!tx) continue;
      rows.push(
        [
          batch.number,
          on,
          tx.id,
          tx.card.brand,
          tx.type,
          decimal(tx.capturedCents),
          decimal(tx.feeCents ?? 0),
        ].join(','),
      );
    }
  }
  return rows.join('\r\n') + '\r\n';
}
