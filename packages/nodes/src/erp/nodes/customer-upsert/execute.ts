/**
 * Executor of `erp.customer-upsert`: the shared posting executor; customers are upserts, kept
 * single by the ERP's upsert on their reference.
 *
 * @module
 */
import { documentExecutor } from '../shared/document-executor';
import type { ErpRuntime } from '../shared/erp-runtime';
import { erpCustomerUpsertNode } from './definition';

/** Builds the executor on the lookup's ERP runtime. */
export function createCustomerUpsertExecutor(runtime: ErpRuntime) {
  return documentExecutor(erpCustomerUpsertNode, runtime, {
    type: 'customer',
    what: 'customer',
    amountFields: [],
    post: (erp, doc) => erp.upsertCustomer(doc),
    reference: (doc) => doc.externalRef,
  });
}
