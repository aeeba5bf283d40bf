/**
 * The ERP executor factories, keyed by type, for `executors.ts`. Each builds its executor (in its
 * node's folder) on the lookup's shared ERP runtime (built-in ledger, QuickBooks token store),
 * found through the options object every factory receives.
 *
 * @module
 */
import { createCreditMemoExecutor } from './credit-memo/execute';
import { createCustomerUpsertExecutor } from './customer-upsert/execute';
import { createDisputeOpenExecutor } from './dispute-open/execute';
import { createDisputeUpdateExecutor } from './dispute-update/execute';
import { createDocumentLookupExecutor } from './document-lookup/execute';
import { createInvoiceFromOrderExecutor } from './invoice-from-order/execute';
import { createJournalPostExecutor } from './journal-post/execute';
import { createPaymentPostExecutor } from './payment-post/execute';
import { erpRuntimeFor, type ErpRuntimeOptions } from './shared/erp-runtime';

export type { ErpRuntimeOptions } from './shared/erp-runtime';

/** What the factories read of the runtime options. */
type Options = { erp?: ErpRuntimeOptions };

/** One factory per ERP node type. */
export const erpExecutorFactories = {
  'erp.customer-upsert': (o: Options) => createCustomerUpsertExecutor(erpRuntimeFor(o)),
  'erp.invoice-from-order': (o: Options) => createInvoiceFromOrderExecutor(erpRuntimeFor(o)),
  'erp.payment-post': (o: Options) => createPaymentPostExecutor(erpRuntimeFor(o)),
  'erp.credit-memo': (o: Options) => createCreditMemoExecutor(erpRuntimeFor(o)),
  'erp.journal-post': (o: Options) => createJournalPostExecutor(erpRuntimeFor(o)),
  'erp.dispute-open': (o: Options) => createDisputeOpenExecutor(erpRuntimeFor(o)),
  'erp.dispute-update': (o: Options) => createDisputeUpdateExecutor(erpRuntimeFor(o)),
  'erp.document-lookup': (o: Options) => createDocumentLookupExecutor(erpRuntimeFor(o)),
};
