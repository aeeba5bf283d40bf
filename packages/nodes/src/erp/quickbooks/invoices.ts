/**
 * Invoices and payments in QuickBooks. Each is looked up by its reference before it is created,
 * so a retry after a lost answer finds the first one instead of posting a second; a concurrent
 * duplicate is caught by QuickBooks' duplicate-DocNumber check and resolved the same way.
 *
 * @module
 */
import type { InvoiceInput, PaymentInput as PaymentIn } from '../documents';
import { ErpError } from '../errors';
import type { InvoiceRecord, PaymentRecord, Posted } from '../records';
import { invoiceTotals } from '../rules/totals';
import { currencyOf, fromQbo, toQbo } from './amounts';
import { customerRef, customerRefOf, requireCustomer, type QboDocs } from './context';
import { findByDocNumber, findByNote } from './lookup';
import { docNumberFor, noteFor, parseNote } from './references';
import { salesLines, totalsOf } from './sales-lines';

type Json = Record<string, unknown>;

function reused(type: string, ref: string): ErpError {
  return new ErpError(
    'conflict',
    'REFERENCE_REUSED',
    `${type} ${ref} was already posted with different content`,
  );
}

/** A QuickBooks invoice as an ERP record. */
export async function invoiceRecord(docs: QboDocs, entity: Json): Promise<InvoiceRecord> {
  const currency = currencyOf(entity);
  const t = totalsOf(entity, currency);
  return {
    type: 'invoice',
    id: String(entity.Id),
    externalRef: parseNote(entity.PrivateNote)?.ref ?? String(entity.DocNumber),
    customerRef: await customerRefOf(docs, entity),
    currency,
    date: String(entity.TxnDate),
    ...t,
    openBalance: fromQbo(entity.Balance, currency),
  };
}

/** Finds an invoice by reference, or null. */
export function findInvoice(docs: QboDocs, ref: string): Promise<Json | null> {
  return findByDocNumber(docs.client, 'Invoice', 'invoice', ref);
}

/** Creates a transaction unless a concurrent run did (duplicate DocNumber): then finds it. */
export async function createOrFind(
  docs: QboDocs,
  entity: string,
  payload: Json,
  find: () => Promise<Json | null>,
): Promise<{ entity: Json; created: boolean }> {
  try {
    return { entity: await docs.client.create(entity, payload), created: true };
  } catch (err) {
    if (err instanceof ErpError && err.code === 'QBO_6140') {
      const found = await find();
      if (found) return { entity: found, created: false };
    }
    throw err;
  }
}

/** Posts an invoice unless one exists for its reference. */
export async function createInvoice(
  docs: QboDocs,
  input: InvoiceInput,
): Promise<Posted<InvoiceRecord>> {
  const doc = invoiceTotals(input);
  const customer = await requireCustomer(docs, doc.customerRef);
  const existing = await findInvoice(docs, doc.externalRef);
  if (existing) {
    if (
      fromQbo(existing.TotalAmt, doc.currency) !== doc.total ||
      currencyOf(existing) !== doc.currency
    ) {
      throw reused('invoice', doc.externalRef);
    }
    return { document: await invoiceRecord(docs, existing), created: false };
  }
  const result = await createOrFind(
    docs,
    'Invoice',
    {
      CustomerRef: customerRef(customer),
      DocNumber: docNumberFor(doc.externalRef),
      PrivateNote: noteFor('invoice', doc.externalRef),
      TxnDate: doc.date,
      ...(doc.dueDate ? { DueDate: doc.dueDate } : {}),
      CurrencyRef: { value: doc.currency },
      ...salesLines(doc, doc.currency),
      ...(doc.memo ? { CustomerMemo: { value: doc.memo } } : {}),
    },
    () => findInvoice(docs, doc.externalRef),
  );
  return { document: await invoiceRecord(docs, result.entity), created: result.created };
}

/** A QuickBooks payment as an ERP record. */
export async function paymentRecord(
  docs: QboDocs,
  entity: Json,
  invoiceRef?: string,
): Promise<PaymentRecord> {
  const currency = currencyOf(entity);
  let ref = invoiceRef;
  if (!ref) {
    const linked = ((entity.Line as Json[] | undefined) ?? [])
      .flatMap((l) => (l.LinkedTxn as Json[] | undefined) ?? [])
      .find((t) => t.TxnType === 'Invoice');
    ref = linked
      ? (parseNote((await docs.client.read('Invoice', String(linked.TxnId))).PrivateNote)?.ref ??
        String(linked.TxnId))
      : '';
  }
  return {
    type: 'payment',
    id: String(entity.Id),
    externalRef: parseNote(entity.PrivateNote)?.ref ?? String(entity.Id),
    invoiceRef: ref,
    currency,
    amount: fromQbo(entity.TotalAmt, currency),
    date: String(entity.TxnDate),
  };
}

/** Applies a payment to an invoice unless one exists for its reference. */
export async function recordPayment(
  docs: QboDocs,
  input: PaymentIn,
): Promise<Posted<PaymentRecord>> {
  const doc = input;
  const existing = await findByNote(docs.client, 'Payment', 'payment', doc.externalRef);
  if (existing) {
    if (fromQbo(existing.TotalAmt, doc.currency) !== doc.amount)
      throw reused('payment', doc.externalRef);
    return { document: await paymentRecord(docs, existing, doc.invoiceRef), created: false };
  }
  const invoice = await findInvoice(docs, doc.invoiceRef);
  if (!invoice)
    throw new ErpError('not-found', 'INVOICE_NOT_FOUND', `no invoice ${doc.invoiceRef}`);
  if (currencyOf(invoice) !== doc.currency) {
    throw new ErpError(
      'validation',
      'CURRENCY_MISMATCH',
      `invoice ${doc.invoiceRef} is in ${currencyOf(invoice)}, not ${doc.currency}`,
    );
  }
  const balance = fromQbo(invoice.Balance, doc.currency);
  if (doc.amount > balance) {
    throw new ErpError(
      'validation',
      'PAYMENT_EXCEEDS_BALANCE',
      `payment ${doc.amount} exceeds the open balance ${balance} of invoice ${doc.invoiceRef}`,
    );
  }
  const clearing = await docs.accounts.resolve('card-clearing');
  const created = await docs.client.create('Payment', {
    CustomerRef: invoice.CustomerRef,
    TotalAmt: toQbo(doc.amount, doc.currency),
    TxnDate: doc.date,
    CurrencyRef: { value: doc.currency },
    PrivateNote: noteFor('payment', doc.externalRef),
    PaymentRefNum: docNumberFor(doc.externalRef),
    DepositToAccountRef: { value: clearing.id },
    Line: [
      {
        Amount: toQbo(doc.amount, doc.currency),
        LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }],
      },
    ],
  });
  return { document: await paymentRecord(docs, created, doc.invoiceRef), created: true };
}
