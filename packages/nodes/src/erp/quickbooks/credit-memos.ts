/**
 * Credit memos with refunds in QuickBooks. A full refund is a RefundReceipt (QuickBooks' own
 * "refund" document). Otherwise a CreditMemo, applied to the invoice by a zero-amount Payment
 * linking both, with any refund paid out by a JournalEntry (A/R for the customer against card
 * clearing). Every part is found by its reference before it is created, so a run interrupted
 * between parts completes the missing ones on replay and repeats none.
 *
 * @module
 */
import type { CreditMemoInput } from '../documents';
import { ErpError } from '../errors';
import type { CreditMemoRecord, Posted } from '../records';
import { creditMemoTotals, splitCreditMemo } from '../rules/totals';
import { currencyOf, fromQbo, toQbo } from './amounts';
import { customerRef, customerRefOf, requireCustomer, type QboDocs } from './context';
import { createOrFind, findInvoice } from './invoices';
import { findByDocNumber, findByNote } from './lookup';
import { docNumberFor, noteFor, parseNote } from './references';
import { salesLines } from './sales-lines';

type Json = Record<string, unknown>;

/** The parts of a credit memo found in QuickBooks. */
interface Parts {
  memo: Json | null;
  receipt: Json | null;
  apply: Json | null;
  refund: Json | null;
}

async function findParts(docs: QboDocs, ref: string): Promise<Parts> {
  const receipt = await findByDocNumber(docs.client, 'RefundReceipt', 'credit-memo', ref);
  if (receipt) return { memo: null, receipt, apply: null, refund: null };
  const memo = await findByDocNumber(docs.client, 'CreditMemo', 'credit-memo', ref);
  if (!memo) return { memo: null, receipt: null, apply: null, refund: null };
  return {
    memo,
    receipt: null,
    apply: await findByNote(docs.client, 'Payment', 'credit-apply', ref),
    refund: await findByDocNumber(docs.client, 'JournalEntry', 'credit-refund', ref, '-R'),
  };
}

async function record(docs: QboDocs, ref: string, parts: Parts): Promise<CreditMemoRecord> {
  const main = (parts.receipt ?? parts.memo)!;
  const currency = currencyOf(main);
  const total = fromQbo(main.TotalAmt, currency);
  const note = parseNote(main.PrivateNote);
  const applied = parts.apply
    ? ((parts.apply.Line as Json[] | undefined) ?? [])
        .filter((l) => ((l.LinkedTxn as Json[] | undefined) ?? [])[0]?.TxnType === 'Invoice')
        .reduce((s, l) => s + fromQbo(l.Amount, currency), 0)
    : 0;
  const refunded = parts.receipt
    ? total
    : parts.refund
      ? fromQbo(parts.refund.TotalAmt, currency)
      : 0;
  return {
    type: 'credit-memo',
    id: String(main.Id),
    externalRef: ref,
    customerRef: await customerRefOf(docs, main),
    invoiceRef: note?.fields.invoice || null,
    currency,
    date: String(main.TxnDate),
    total,
    applied,
    refunded,
    remainingCredit: total - applied - refunded,
  };
}

/** Posts the credit memo's missing parts and returns the whole. */
export async function createCreditMemo(
  docs: QboDocs,
  input: CreditMemoInput,
): Promise<Posted<CreditMemoRecord>> {
  const doc = creditMemoTotals(input);
  const ref = doc.externalRef;
  const invoice = doc.invoiceRef ? await findInvoice(docs, doc.invoiceRef) : null;
  if (doc.invoiceRef && !invoice) {
    throw new ErpError('not-found', 'INVOICE_NOT_FOUND', `no invoice ${doc.invoiceRef}`);
  }
  const customer = doc.customerRef
    ? await requireCustomer(docs, doc.customerRef)
    : await docs.client.read('Customer', String((invoice!.CustomerRef as Json).value));
  const parts = await findParts(docs, ref);
  const existing = parts.receipt ?? parts.memo;
  if (existing && fromQbo(existing.TotalAmt, doc.currency) !== doc.total) {
    throw new ErpError(
      'conflict',
      'REFERENCE_REUSED',
      `credit memo ${ref} was already posted with different content`,
    );
  }
  const fields: Record<string, string> = doc.invoiceRef ? { invoice: doc.invoiceRef } : {};
  const common = {
    CustomerRef: customerRef(customer),
    DocNumber: docNumberFor(ref),
    PrivateNote: noteFor('credit-memo', ref, fields),
    TxnDate: doc.date,
    CurrencyRef: { value: doc.currency },
    ...salesLines(doc, doc.currency),
  };
  const clearing = await docs.accounts.resolve('card-clearing');
  let created = false;

  if (doc.total > 0 && doc.refundAmount === doc.total) {
    if (!parts.receipt) {
      const made = await createOrFind(
        docs,
        'RefundReceipt',
        { ...common, DepositToAccountRef: { value: clearing.id } },
        () => findByDocNumber(docs.client, 'RefundReceipt', 'credit-memo', ref),
      );
      parts.receipt = made.entity;
      created = made.created;
    }
    return { document: await record(docs, ref, parts), created };
  }

  if (!parts.memo) {
    const made = await createOrFind(docs, 'CreditMemo', common, () =>
      findByDocNumber(docs.client, 'CreditMemo', 'credit-memo', ref),
    );
    parts.memo = made.entity;
    created = made.created;
  }
  if (invoice && !parts.apply) {
    const { applied } = splitCreditMemo(
      doc.total,
      doc.refundAmount,
      fromQbo(invoice.Balance, doc.currency),
    );
    if (applied > 0) {
      const amount = toQbo(applied, doc.currency);
      parts.apply = await docs.client.create('Payment', {
        CustomerRef: customerRef(customer),
        TotalAmt: 0,
        TxnDate: doc.date,
        CurrencyRef: { value: doc.currency },
        PrivateNote: noteFor('credit-apply', ref),
        Line: [
          { Amount: amount, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] },
          { Amount: amount, LinkedTxn: [{ TxnId: parts.memo.Id, TxnType: 'CreditMemo' }] },
        ],
      });
    }
  }
  if (doc.refundAmount > 0 && !parts.refund) {
    const receivable = await docs.accounts.resolve('accounts-receivable');
    const amount = toQbo(doc.refundAmount, doc.currency);
    const made = await createOrFind(
      docs,
      'JournalEntry',
      {
        DocNumber: docNumberFor(`${ref}-R`),
        PrivateNote: noteFor('credit-refund', ref),
        TxnDate: doc.date,
        CurrencyRef: { value: doc.currency },
        Line: [
          {
            DetailType: 'JournalEntryLineDetail',
            Description: `Refund of credit memo ${ref}`,
            Amount: amount,
            JournalEntryLineDetail: {
              PostingType: 'Debit',
              AccountRef: { value: receivable.id },
              Entity: { Type: 'Customer', EntityRef: customerRef(customer) },
            },
          },
          {
            DetailType: 'JournalEntryLineDetail',
            Description: `Refund of credit memo ${ref}`,
            Amount: amount,
            JournalEntryLineDetail: { PostingType: 'Credit', AccountRef: { value: clearing.id } },
          },
        ],
      },
      () => findByDocNumber(docs.client, 'JournalEntry', 'credit-refund', ref, '-R'),
    );
    parts.refund = made.entity;
  }
  return { document: await record(docs, ref, parts), created };
}

/** Finds a credit memo (or refund receipt) by reference as an ERP record. */
export async function findCreditMemo(docs: QboDocs, ref: string): Promise<CreditMemoRecord | null> {
  const parts = await findParts(docs, ref);
  return parts.memo || parts.receipt ? record(docs, ref, parts) : null;
}
