/**
 * The ERP documents a settlement reconciliation books, each exactly once per business fact
 * through the one exactly-once driver (`effects/perform-once.ts` by way of the ERP nodes'
 * `postOnce`), under the same business reference an ERP node would claim for the same document,
 * so a retry, a replay, a copy of the flow or an operator's click finds the first posting.
 * Server-only.
 *
 * @module
 */
import type { ErpAdapter } from '../../erp/adapter';
import { checkDocument } from '../../erp/boundary';
import type { DocumentType, JournalLineInput } from '../../erp/documents';
import { ErpError } from '../../erp/errors';
import type { ErpDocument } from '../../erp/records';
import { toNodeError } from '../../erp/nodes/shared/errors';
import { postOnce, type PostingResult } from '../../erp/nodes/shared/post-once';
import { businessReference } from '../../effects/business-reference';
import { fingerprint } from '../../effects/fingerprint';
import type { EffectContext } from '../../effects/perform-once';

/** A batch's figures as the settlement entry needs them (minor units). */
export interface SettlementBatch {
  /** The PayTrace connection id: part of the business reference. */
  connection: string;
  batchNumber: number;
  currency: string;
  /** The batch's business day (`YYYY-MM-DD`), the entry's date. */
  date: string;
  gross: number;
  refunds: number;
  fees: number;
}

/** The reference of a batch's settlement entry in the ERP. */
export function settlementRef(batchNumber: number): string {
  return `settlement-${batchNumber}`;
}

/**
 * The balanced settlement entry of one batch: card clearing is emptied of the settled sales and
 * refilled by the settled refunds, the cash account receives the net deposit (net minus fees),
 * fees are expensed. Cash plus fees equals PayTrace's net. Null for a batch that moved nothing.
 */
export function settlementJournal(batch: SettlementBatch) {
  const net = batch.gross - batch.refunds;
  const deposit = net - batch.fees;
  const lines: JournalLineInput[] = [];
  if (deposit > 0) lines.push({ account: 'cash', debit: deposit, description: 'Net deposit' });
  if (deposit < 0) lines.push({ account: 'cash', credit: -deposit, description: 'Withdrawn' });
  if (batch.fees > 0) {
    lines.push({ account: 'merchant-fees', debit: batch.fees, description: 'Processing fees' });
  }
  if (batch.gross > 0) {
    lines.push({ account: 'card-clearing', credit: batch.gross, description: 'Settled sales' });
  }
  if (batch.refunds > 0) {
    lines.push({ account: 'card-clearing', debit: batch.refunds, description: 'Settled refunds' });
  }
  if (lines.length < 2) return null;
  return {
    externalRef: settlementRef(batch.batchNumber),
    currency: batch.currency,
    date: batch.date,
    memo: `PayTrace settlement batch ${batch.batchNumber}`,
    lines,
  };
}

/** The ERP's identity for a posting: the erp nodes' business reference of the same document. */
function erpReference(erpConnection: string, type: DocumentType, externalRef: string) {
  return businessReference({
    connector: 'erp',
    connectionId: erpConnection,
    operation: type,
    custom: externalRef,
    shopify: { orderId: null, refundId: null, refunded: null },
  });
}

/** Posts a checked document once. */
async function once(
  ctx: EffectContext,
  adapter: ErpAdapter,
  business: string | null,
  type: 'journal' | 'payment' | 'credit-memo',
  mapped: unknown,
): Promise<PostingResult> {
  let doc;
  try {
    doc = checkDocument(type, mapped);
  } catch (err) {
    throw err instanceof ErpError ? toNodeError(err) : err;
  }
  const ref = (doc as { externalRef: string }).externalRef;
  return postOnce(ctx, {
    ref: { item: '', business },
    fingerprint: fingerprint(doc, 'base64url'),
    unknownOutcomeWaitMs: adapter.unknownOutcomeWaitMs,
    post: () => {
      if (type === 'journal') return adapter.postJournal(doc as never);
      if (type === 'payment') return adapter.recordPayment(doc as never);
      return adapter.createCreditMemo(doc as never);
    },
    find: async () => adapter.findByReference(type, ref),
  });
}

/**
 * The business fact of a batch's settlement entry: the PayTrace connection and the batch
 * number, whichever flow, run or ERP asks.
 */
export function settlementBusinessReference(batch: SettlementBatch): string | null {
  return businessReference({
    connector: 'paytrace',
    connectionId: batch.connection,
    operation: 'settlement',
    custom: String(batch.batchNumber),
    shopify: { orderId: null, refundId: null, refunded: null },
  });
}

/** Posts a batch's settlement entry once; null when the batch moved nothing. */
export async function postSettlementEntry(
  ctx: EffectContext,
  adapter: ErpAdapter,
  batch: SettlementBatch,
): Promise<PostingResult | null> {
  const journal = settlementJournal(batch);
  if (!journal) return null;
  return once(ctx, adapter, settlementBusinessReference(batch), 'journal', journal);
}

/** A difference whose missing ERP document can be booked. */
export interface MissingDocument {
  kind: 'not_booked' | 'refund_without_credit_memo';
  transactionId: string;
  invoiceRef: string;
  amount: number;
  currency: string;
  date: string;
}

/** The reference a booked document gets: the PayTrace transaction, as the posting nodes give it. */
export function missingDocumentRef(transactionId: string): string {
  return `paytrace-${transactionId}`;
}

/**
 * Books the ERP document a difference lacks: the payment of a settled sale, or the credit memo
 * (paid out) of a settled refund, against the transaction's invoice.
 */
export async function bookMissingDocument(
  ctx: EffectContext,
  adapter: ErpAdapter,
  erpConnection: string,
  missing: MissingDocument,
): Promise<{ type: 'payment' | 'credit-memo'; document: ErpDocument; created: boolean }> {
  const externalRef = missingDocumentRef(missing.transactionId);
  const memo = `PayTrace transaction ${missing.transactionId} (booked by reconciliation)`;
  if (missing.kind === 'not_booked') {
    const posted = await once(
      ctx,
      adapter,
      erpReference(erpConnection, 'payment', externalRef),
      'payment',
      {
        externalRef,
        invoiceRef: missing.invoiceRef,
        currency: missing.currency,
        amount: missing.amount,
        date: missing.date,
        memo,
      },
    );
    return { type: 'payment', document: posted.document, created: posted.created };
  }
  const posted = await once(
    ctx,
    adapter,
    erpReference(erpConnection, 'credit-memo', externalRef),
    'credit-memo',
    {
      externalRef,
      invoiceRef: missing.invoiceRef,
      currency: missing.currency,
      date: missing.date,
      lines: [
        {
          description: `Refund ${missing.transactionId}`,
          quantity: 1,
          unitAmount: missing.amount,
        },
      ],
      refundAmount: missing.amount,
      memo,
    },
  );
  return { type: 'credit-memo', document: posted.document, created: posted.created };
}
