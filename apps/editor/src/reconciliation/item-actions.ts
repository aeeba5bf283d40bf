/**
 * What an unmatched item allows and shows beyond its raw fields.
 *
 * @module
 */
import { CREATABLE_KINDS } from '@paybridge/nodes/reconcile';
import type { ReconciliationItem } from './reconciliation-api';

/**
 * Whether "Create the missing ERP document" applies: an open item of a kind the runtime can fix
 * by booking what PayTrace has and the books lack (a payment for a settled sale, a credit memo
 * for a refund). Other kinds need a person: a duplicate is reversed by hand, a short deposit is
 * a question for the bank.
 */
export function canCreateDocument(
  item: Pick<ReconciliationItem, 'kind' | 'status' | 'documentRef'>,
): boolean {
  return item.status === 'open' && item.documentRef === null && CREATABLE_KINDS.includes(item.kind);
}

/**
 * The item's difference, actual minus expected (negative: short), when both sides have an
 * amount; null when one side is missing altogether (then the expected amount says it all).
 */
export function itemDifference(
  item: Pick<ReconciliationItem, 'expected' | 'actual'>,
): number | null {
  if (item.expected === null || item.actual === null) return null;
  return item.actual - item.expected;
}
