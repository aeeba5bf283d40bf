/**
 * A window's payments and refunds read from QuickBooks in bulk for settlement reconciliation: a
 * few paged queries per window (Payments, RefundReceipts, CreditMemos, then the invoices they
 * link), never one request per transaction, so a day of thousands of orders costs a handful of
 * calls through the one client (tokens, retries, throttling).
 *
 * What counts:
 * - a Payment Paybridge posted (`paybridge:payment:<ref>`) or one entered by hand with an amount
 *   (reference: `qbo-payment-<Id>`); the zero-amount Payments that apply a credit memo are parts
 *   of that credit memo, not payments;
 * - a RefundReceipt or CreditMemo Paybridge posted (`paybridge:credit-memo:<ref>`) or entered by
 *   hand (`qbo-refundreceipt-<Id>`, `qbo-creditmemo-<Id>`).
 *
 * @module
 */
import type { SettlementDocument } from '../adapter';
import { currencyOf, fromQbo } from './amounts';
import type { QuickbooksClient } from './client';
import { parseNote, quote } from './references';

type Json = Record<string, unknown>;

/** Invoice Ids per `IN (...)` lookup, keeping each query short. */
const IDS_PER_QUERY = 100;

/** The Invoice Id a transaction's lines link to, if any. */
function linkedInvoice(entity: Json): string | null {
  for (const line of (entity.Line as Json[] | undefined) ?? []) {
    for (const link of (line.LinkedTxn as Json[] | undefined) ?? []) {
      if (link.TxnType === 'Invoice' && link.TxnId !== undefined) return String(link.TxnId);
    }
  }
  return null;
}

/** The flow's reference of each invoice, by QuickBooks Id (its note, else its DocNumber). */
async function invoiceRefs(client: QuickbooksClient, ids: Set<string>) {
  const refs = new Map<string, string>();
  const all = [...ids];
  for (let i = 0; i < all.length; i += IDS_PER_QUERY) {
    const list = all
      .slice(i, i + IDS_PER_QUERY)
      .map(quote)
      .join(', ');
    for (const inv of await client.queryAll(
      'Invoice',
      `select * from Invoice where Id in (${list})`,
    )) {
      const ref = parseNote(inv.PrivateNote)?.ref ?? (inv.DocNumber ? String(inv.DocNumber) : null);
      if (ref) refs.set(String(inv.Id), ref);
    }
  }
  return refs;
}

/** Reads the window's documents (see the module comment). */
export async function readSettlementDocuments(
  client: QuickbooksClient,
  window: { from: string; to: string },
): Promise<SettlementDocument[]> {
  const where = `where TxnDate >= ${quote(window.from)} and TxnDate <= ${quote(window.to)}`;
  const read = (entity: string) => client.queryAll(entity, `select * from ${entity} ${where}`);
  const [payments, receipts, memos] = [
    await read('Payment'),
    await read('RefundReceipt'),
    await read('CreditMemo'),
  ];
  const found: { doc: SettlementDocument; invoiceId: string | null }[] = [];
  const add = (entity: Json, kind: 'sale' | 'refund', name: string, noteKind: string) => {
    const note = parseNote(entity.PrivateNote);
    if (note && note.kind !== noteKind) return;
    const currency = currencyOf(entity);
    const amount = fromQbo(entity.TotalAmt, currency);
    if (!note && amount <= 0) return;
    found.push({
      doc: {
        kind,
        externalRef: note?.ref ?? `qbo-${name.toLowerCase()}-${String(entity.Id)}`,
        amount,
        currency,
        date: String(entity.TxnDate).slice(0, 10),
        invoiceRef: note?.fields.invoice ?? null,
      },
      invoiceId: linkedInvoice(entity),
    });
  };
  for (const p of payments) add(p, 'sale', 'Payment', 'payment');
  for (const r of receipts) add(r, 'refund', 'RefundReceipt', 'credit-memo');
  for (const m of memos) add(m, 'refund', 'CreditMemo', 'credit-memo');

  const unresolved = new Set(
    found.flatMap((f) => (f.doc.invoiceRef === null && f.invoiceId ? [f.invoiceId] : [])),
  );
  const refs = unresolved.size > 0 ? await invoiceRefs(client, unresolved) : new Map();
  return found.map(({ doc, invoiceId }) =>
    doc.invoiceRef === null && invoiceId
      ? { ...doc, invoiceRef: refs.get(invoiceId) ?? null }
      : doc,
  );
}
