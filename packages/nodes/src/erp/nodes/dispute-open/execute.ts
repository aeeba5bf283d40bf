/**
 * Executor of `erp.dispute-open`: the shared posting executor, opening the mapped chargeback case
 * once per reference.
 *
 * @module
 */
import { documentExecutor } from '../shared/document-executor';
import type { ErpRuntime } from '../shared/erp-runtime';
import { erpDisputeOpenNode } from './definition';

/** Builds the executor on the lookup's ERP runtime. */
export function createDisputeOpenExecutor(runtime: ErpRuntime) {
  return documentExecutor(erpDisputeOpenNode, runtime, {
    type: 'dispute',
    what: 'dispute',
    amountFields: ['amount'],
    post: (erp, doc) => erp.openDispute(doc),
    reference: (doc) => doc.externalRef,
  });
}
