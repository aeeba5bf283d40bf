/**
 * The ERP node definitions, browser-safe, for `definitions.ts`.
 *
 * @module
 */
import { erpCreditMemoNode } from './credit-memo/definition';
import { erpCustomerUpsertNode } from './customer-upsert/definition';
import { erpDisputeOpenNode } from './dispute-open/definition';
import { erpDisputeUpdateNode } from './dispute-update/definition';
import { erpDocumentLookupNode } from './document-lookup/definition';
import { erpInvoiceFromOrderNode } from './invoice-from-order/definition';
import { erpJournalPostNode } from './journal-post/definition';
import { erpPaymentPostNode } from './payment-post/definition';

export { erpCreditMemoNode, DEFAULT_CREDIT_MEMO_MAPPING } from './credit-memo/definition';
export { erpCustomerUpsertNode, DEFAULT_CUSTOMER_MAPPING } from './customer-upsert/definition';
export { erpDisputeOpenNode, DEFAULT_DISPUTE_OPEN_MAPPING } from './dispute-open/definition';
export { erpDisputeUpdateNode, DEFAULT_DISPUTE_UPDATE_MAPPING } from './dispute-update/definition';
export { erpDocumentLookupNode } from './document-lookup/definition';
export { erpInvoiceFromOrderNode, DEFAULT_INVOICE_MAPPING } from './invoice-from-order/definition';
export { erpJournalPostNode, DEFAULT_JOURNAL_MAPPING } from './journal-post/definition';
export { erpPaymentPostNode, DEFAULT_PAYMENT_MAPPING } from './payment-post/definition';
export { ErpPostingOutput } from './shared/node-config';

/** Every ERP node type, in palette order. */
export const erpNodes = [
  erpCustomerUpsertNode,
  erpInvoiceFromOrderNode,
  erpPaymentPostNode,
  erpCreditMemoNode,
  erpJournalPostNode,
  erpDisputeOpenNode,
  erpDisputeUpdateNode,
  erpDocumentLookupNode,
] as const;
