/**
 * Executor of `erp.credit-memo`: the shared posting executor, posting the mapped refund as a
 * credit memo once per reference.
 *
 * @module
 */
import { documentExecutor } from '../shared/document-executor';
import type { ErpRuntime } from '../shared/erp-runtime';
import { erpCreditMemoNode } from './definition';

/** Builds the executor on the lookup's ERP runtime. */
export function createCreditMemoExecutor(runtime: ErpRuntime) {
  return documentExecutor(erpCreditMemoNode, runtime, {
    type: 'credit-memo',
    what: 'credit memo',
    amountFields: ['tax', 'shipping', 'discount', 'refundAmount'],
    lineAmountFields: ['unitAmount'],
    post: (erp, doc) => erp.createCreditMemo(doc),
    reference: (doc) => doc.externalRef,
  });
}
