/**
 * "Create the missing ERP document" of a reconciliation item: the payment of a settled sale nobody
 * booked, or the credit memo of a settled refund. Booked in the ERP the item was reconciled
 * against (the built-in ledger or QuickBooks Online, see `item-erp.ts`) through the same
 * exactly-once path as the ERP nodes (the effect ledger, keyed by the document's business
 * reference), so a double click, a second operator or a flow booking the same transaction later
 * books it once.
 *
 * @module
 */
import { ledgerForNode, PermanentError, type StepLogger } from '@paybridge/engine';
import { bookMissingDocument } from '@paybridge/nodes/reconcile/server';
import type { ErpAdapter } from '@paybridge/nodes/erp';
import type { Sql } from '../db/client';
import { createEffectStore } from '../db/queries/effect-records';
import { ApiError } from '../http/api-error';
import type { ReconciliationItem } from './api-schemas';

/** The scope effect records of operator bookings are kept under (no flow, no event). */
const OPERATOR_SCOPE = '00000000-0000-4000-8000-00000000a11d';

const quiet: StepLogger = { info() {}, warn() {}, error() {} };

/** Books the document `item` lacks; answers what was booked (or found booked). */
export async function createMissingDocument(
  sql: Sql,
  erp: { adapter: ErpAdapter; erpConnection: string },
  item: ReconciliationItem,
) {
  if (item.kind !== 'not_booked' && item.kind !== 'refund_without_credit_memo') {
    throw new ApiError(
      409,
      'NOT_CREATABLE',
      `A ${item.kind} item has no missing ERP document to create; resolve it with a note instead`,
    );
  }
  if (!item.transactionId || item.expected === null) {
    throw new ApiError(409, 'NOT_CREATABLE', 'This item names no PayTrace transaction and amount');
  }
  if (!item.invoiceId) {
    throw new ApiError(
      409,
      'NO_INVOICE',
      `PayTrace transaction ${item.transactionId} carries no invoice id to book it against`,
    );
  }
  const store = createEffectStore(sql, {
    flowId: OPERATOR_SCOPE,
    eventId: item.id,
    runId: item.id,
  });
  try {
    return await bookMissingDocument(
      {
        effects: ledgerForNode(store, 'reconciliation'),
        runId: item.id,
        now: () => new Date(),
        logger: quiet,
      },
      erp.adapter,
      erp.erpConnection,
      {
        kind: item.kind,
        transactionId: item.transactionId,
        invoiceRef: item.invoiceId,
        amount: item.expected,
        currency: item.currency,
        date: item.date,
      },
    );
  } catch (err) {
    if (err instanceof PermanentError) {
      throw new ApiError(409, err.code, err.message);
    }
    throw err;
  }
}
