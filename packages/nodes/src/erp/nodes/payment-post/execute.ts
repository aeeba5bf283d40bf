/**
 * Executor of `erp.payment-post`: the shared posting executor, applying the mapped payment to its
 * invoice once per reference.
 *
 * @module
 */
import { documentExecutor } from '../shared/document-executor';
import type { ErpRuntime } from '../shared/erp-runtime';
import { erpPaymentPostNode } from './definition';

/** Builds the executor on the lookup's ERP runtime. */
export function createPaymentPostExecutor(runtime: ErpRuntime) {
  return documentExecutor(erpPaymentPostNode, runtime, {
    type: 'payment',
    what: 'payment',
    amountFields: ['amount'],
    post: (erp, doc) => erp.recordPayment(doc),
    reference: (doc) => doc.externalRef,
  });
}
