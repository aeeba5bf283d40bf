/**
 * Lines of QuickBooks sales transactions (Invoice, CreditMemo, RefundReceipt) from a document's
 * totals, and back: item lines with Qty and UnitPrice, shipping on the SHIPPING_ITEM_ID item, a
 * discount line, tax as TxnTaxDetail.TotalTax.
 *
 * @module
 */
import type { DocumentTotals } from '../rules/totals';
import { fromQbo, toQbo } from './amounts';

type Json = Record<string, unknown>;

const SHIPPING_ITEM = 'SHIPPING_ITEM_ID';

/** The Line array and tax detail of a sales transaction. */
export function salesLines(
  t: DocumentTotals,
  currency: string,
): { Line: Json[]; TxnTaxDetail: Json } {
  const lines: Json[] = t.lines.map((l) => ({
    DetailType: 'SalesItemLineDetail',
    Description: l.description,
    Amount: toQbo(l.amount, currency),
    SalesItemLineDetail: { Qty: l.quantity, UnitPrice: toQbo(l.unitAmount, currency) },
  }));
  if (t.shipping > 0) {
    lines.push({
      DetailType: 'SalesItemLineDetail',
      Description: 'Shipping',
      Amount: toQbo(t.shipping, currency),
      SalesItemLineDetail: { ItemRef: { value: SHIPPING_ITEM } },
    });
  }
  if (t.discount > 0) {
    lines.push({
      DetailType: 'DiscountLineDetail',
      Amount: toQbo(t.discount, currency),
      DiscountLineDetail: { PercentBased: false },
    });
  }
  return { Line: lines, TxnTaxDetail: { TotalTax: toQbo(t.tax, currency) } };
}

/** Totals read back from a sales transaction. */
export function totalsOf(entity: Json, currency: string) {
  const lines: { description: string; quantity: number; unitAmount: number; amount: number }[] = [];
  let shipping = 0;
  let discount = 0;
  for (const raw of (entity.Line as Json[] | undefined) ?? []) {
    const amount = fromQbo(raw.Amount, currency);
    if (raw.DetailType === 'DiscountLineDetail') discount += amount;
    if (raw.DetailType !== 'SalesItemLineDetail') continue;
    const detail = (raw.SalesItemLineDetail ?? {}) as Json;
    if ((detail.ItemRef as Json | undefined)?.value === SHIPPING_ITEM) {
      shipping += amount;
      continue;
    }
    lines.push({
      description: String(raw.Description ?? ''),
      quantity: Number(detail.Qty ?? 1),
      unitAmount: detail.UnitPrice === undefined ? amount : fromQbo(detail.UnitPrice, currency),
      amount,
    });
  }
  return {
    lines,
    subtotal: lines.reduce((s, l) => s + l.amount, 0),
    shipping,
    discount,
    tax: fromQbo((entity.TxnTaxDetail as Json | undefined)?.TotalTax, currency),
    total: fromQbo(entity.TotalAmt, currency),
  };
}
