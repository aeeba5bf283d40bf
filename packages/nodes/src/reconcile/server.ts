/**
 * `@paybridge/nodes/reconcile/server`: what the runtime's reconciliation uses of this package
 * (server-only): booking a difference's missing ERP document exactly once, the settlement store
 * interface the `reconcile.settlement` node reaches the runtime's SQL through.
 *
 * @module
 */
export {
  bookMissingDocument,
  missingDocumentRef,
  settlementJournal,
  type MissingDocument,
} from './settlement/post-documents';
export type * from './settlement/settlement-store';
export { ERP_LOOKAHEAD_DAYS, ERP_LOOKBACK_DAYS, erpWindow } from './settlement/settlement-store';
export type * from './import-statement/statement-store';
