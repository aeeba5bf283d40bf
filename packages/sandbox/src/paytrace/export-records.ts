/**
 * Export record shapes: transactions as `/v1/transactions/export/*` and batch transaction lists show
 * them (`*` masks, two-digit expiry years, US-style timestamps, `amount` a number while
 * `tax_amount` is a string), and batch summaries (field names UNCONFIRMED, modelled on the legacy
 * API's batch reports). Times are rendered in UTC.
 * @module
 */
import { centsToJsonNumber, formatCents } from './money.js';
import type { JsonBody } from './reply.js';
import type { SimBatch, SimTransaction } from './state.js';

/** `4/10/2015 4:06:30 PM` in UTC. */
export function usDateTime(ms: number): string {
  const d = new Date(ms);
  const hours = d.getUTCHours();
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ` +
    `${hour12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${hours < 12 ? 'AM' : 'PM'}`
  );
}

/** Export record of one transaction. */
export function transactionRecord(
  tx: SimTransaction,
  fromIp: string,
  unsettled: '' | null,
): JsonBody {
  const amount = tx.type === 'AUTHORIZATION' && tx.captured ? tx.capturedCents : tx.amountCents;
  return {
    transaction_id: tx.id,
    credit_card: {
      masked_number: tx.card.maskedNumber.replace(/x/g, '*'),
      expiration_month: tx.card.expirationMonth,
      expiration_year: tx.card.expirationYear % 100,
    },
    transaction_type: tx.type,
    description: tx.description,
    amount: centsToJsonNumber(amount),
    invoice_id: tx.invoiceId,
    shipping_address: { ...tx.shipping },
    billing_address: { ...tx.billing },
    receipt_emailed_to: '',
    tax_amount: tx.taxAmountCents === null ? '' : formatCents(tx.taxAmountCents),
    customer_reference_id: tx.customerReferenceId,
    approval_code: tx.approvalCode,
    approval_message: tx.approvalMessage,
    avs_response: tx.avsResponse,
    csc_response: tx.cscResponse,
    response_code: tx.responseCode,
    status: statusOf(tx),
    created: { through: 'API', at: usDateTime(tx.createdAt), by: tx.createdBy, from_ip: fromIp },
    settled: tx.settledAt === null ? unsettled : usDateTime(tx.settledAt),
    customer_id: tx.customerId,
  };
}

/** The state word the `transaction_type` filter understands besides the type itself. */
export function statusOf(tx: SimTransaction): 'DECLINED' | 'VOID' | 'SETTLED' | 'PENDING' {
  if (tx.responseCode === 102) return 'DECLINED';
  if (tx.voided) return 'VOID';
  if (tx.batchNumber !== null) return 'SETTLED';
  return 'PENDING';
}

/** Batch summary with totals overall and per card brand (field names UNCONFIRMED). */
export function batchSummary(number: number, closedAt: number | null, txs: SimTransaction[]) {
  let salesCount = 0;
  let salesCents = 0;
  let refundCount = 0;
  let refundCents = 0;
  const brands: Record<
    string,
    { sales_count: number; sales: number; refund_count: number; refunds: number }
  > = {};
  const byBrand = new Map<string, { sc: number; s: number; rc: number; r: number }>();
  for (const tx of txs) {
    const entry = byBrand.get(tx.card.brand) ?? { sc: 0, s: 0, rc: 0, r: 0 };
    if (tx.type === 'REFUND') {
      refundCount += 1;
      refundCents += tx.capturedCents;
      entry.rc += 1;
      entry.r += tx.capturedCents;
    } else {
      salesCount += 1;
      salesCents += tx.capturedCents;
      entry.sc += 1;
      entry.s += tx.capturedCents;
    }
    byBrand.set(tx.card.brand, entry);
  }
  for (const [brand, e] of byBrand) {
    brands[brand] = {
      sales_count: e.sc,
      sales: centsToJsonNumber(e.s),
      refund_count: e.rc,
      refunds: centsToJsonNumber(e.r),
    };
  }
  const net = salesCents - refundCents;
  return {
    number,
    created: closedAt === null ? '' : usDateTime(closedAt),
    transaction_count: txs.length,
    net_amount: net < 0 ? -centsToJsonNumber(-net) : centsToJsonNumber(net),
    sales_count: salesCount,
    sales_amount: centsToJsonNumber(salesCents),
    refund_count: refundCount,
    refund_amount: centsToJsonNumber(refundCents),
    card_types: brands,
  };
}

/** Summary of a closed batch. */
export function closedBatchSummary(batch: SimBatch, all: Map<number, SimTransaction>) {
  const txs = batch.transactionIds.flatMap((id) => all.get(id) ?? []);
  return batchSummary(batch.number, batch.closedAt, txs);
}
