/**
 * Executor of `erp.invoice-from-order`: the shared posting executor, posting the mapped order as
 * an invoice once per reference.
 *
 * @module
 */
import { documentExecutor } from '../shared/document-executor';
import type { ErpRuntime } from '../shared/erp-runtime';
import { erpInvoiceFromOrderNode } from './definition';

/** Builds the executor on the lookup's ERP runtime. */
export function createInvoiceFromOrderExecutor(runtime: ErpRuntime) {
  return documentExecutor(erpInvoiceFromOrderNode, runtime, {
    type: 'invoice',
    what: 'invoice',
    amountFields: ['tax', 'shipping', 'discount'],
    lineAmountFields: ['unitAmount'],
    post: (erp, doc) => erp.createInvoice(doc),
    reference: (doc) => doc.externalRef,
  });
}
