/**
 * The ERP executor factories, keyed by type, for `executors.ts`. Each builds its executor on the
 * lookup's shared ERP runtime (built-in ledger, QuickBooks token store), found through the
 * options object every factory receives.
 *
 * @module
 */
import {
  CreditMemoInput,
  CustomerInput,
  DisputeInput,
  InvoiceInput,
  PaymentInput,
} from '../documents';
import { erpCreditMemoNode } from './credit-memo/definition';
import { erpCustomerUpsertNode } from './customer-upsert/definition';
import { erpDisputeOpenNode } from './dispute-open/definition';
import { createDisputeUpdateExecutor } from './dispute-update/execute';
import { createDocumentLookupExecutor } from './document-lookup/execute';
import { erpInvoiceFromOrderNode } from './invoice-from-order/definition';
import { createJournalPostExecutor } from './journal-post/execute';
import { erpPaymentPostNode } from './payment-post/definition';
import { documentExecutor } from './shared/document-executor';
import { erpRuntimeFor, type ErpRuntimeOptions } from './shared/erp-runtime';

export type { ErpRuntimeOptions } from './shared/erp-runtime';

/** What the factories read of the runtime options. */
type Options = { erp?: ErpRuntimeOptions };

const LINE_AMOUNTS = ['unitAmount'] as const;
const CHARGES = ['tax', 'shipping', 'discount'] as const;

/** One factory per ERP node type. */
export const erpExecutorFactories = {
  'erp.customer-upsert': (options: Options) =>
    documentExecutor(erpCustomerUpsertNode, erpRuntimeFor(options), {
      type: 'customer',
      schema: CustomerInput,
      what: 'customer',
      amountFields: [],
      post: (erp, doc) => erp.upsertCustomer(doc),
      reference: (doc) => doc.externalRef,
    }),
  'erp.invoice-from-order': (options: Options) =>
    documentExecutor(erpInvoiceFromOrderNode, erpRuntimeFor(options), {
      type: 'invoice',
      schema: InvoiceInput,
      what: 'invoice',
      amountFields: CHARGES,
      lineAmountFields: LINE_AMOUNTS,
      post: (erp, doc) => erp.createInvoice(doc),
      reference: (doc) => doc.externalRef,
    }),
  'erp.payment-post': (options: Options) =>
    documentExecutor(erpPaymentPostNode, erpRuntimeFor(options), {
      type: 'payment',
      schema: PaymentInput,
      what: 'payment',
      amountFields: ['amount'],
      post: (erp, doc) => erp.recordPayment(doc),
      reference: (doc) => doc.externalRef,
    }),
  'erp.credit-memo': (options: Options) =>
    documentExecutor(erpCreditMemoNode, erpRuntimeFor(options), {
      type: 'credit-memo',
      schema: CreditMemoInput,
      what: 'credit memo',
      amountFields: [...CHARGES, 'refundAmount'],
      lineAmountFields: LINE_AMOUNTS,
      post: (erp, doc) => erp.createCreditMemo(doc),
      reference: (doc) => doc.externalRef,
    }),
  'erp.journal-post': (options: Options) => createJournalPostExecutor(erpRuntimeFor(options)),
  'erp.dispute-open': (options: Options) =>
    documentExecutor(erpDisputeOpenNode, erpRuntimeFor(options), {
      type: 'dispute',
      schema: DisputeInput,
      what: 'dispute',
      amountFields: ['amount'],
      post: (erp, doc) => erp.openDispute(doc),
      reference: (doc) => doc.externalRef,
    }),
  'erp.dispute-update': (options: Options) => createDisputeUpdateExecutor(erpRuntimeFor(options)),
  'erp.document-lookup': (options: Options) => createDocumentLookupExecutor(erpRuntimeFor(options)),
};
