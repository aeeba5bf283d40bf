/**
 * How an ERP names a document Paybridge posted, so people can find it there: the run view shows
 * "Invoice <number>" instead of an internal id. Browser-safe, free of I/O.
 *
 * @module
 */
import { displayNameFor, docNumberFor } from './quickbooks/references';

/** Where a posting went: the built-in ledger, or a QuickBooks Online company. */
export type ErpSystem = 'built-in' | 'quickbooks';

/**
 * The number or name under which `system` shows a document posted with `externalRef`: the
 * reference itself in the built-in ledger (it files every document by it); in QuickBooks the
 * DocNumber, or the payment's reference number, which are the reference cut to QuickBooks' 21
 * characters as it was posted, and a customer's display name.
 */
export function erpDocumentNumber(
  system: ErpSystem,
  doc: { type: string; externalRef: string; name?: string | null | undefined },
): string {
  if (system === 'built-in') return doc.externalRef;
  if (doc.type === 'customer') return displayNameFor(doc.name ?? '', doc.externalRef);
  return docNumberFor(doc.externalRef);
}
