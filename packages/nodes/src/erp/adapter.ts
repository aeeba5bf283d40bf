/**
 * The one interface every ERP implements: the built-in ledger (in the runtime's Postgres) and
 * QuickBooks Online (in this package). Nodes talk to this interface only, so a flow built on the
 * built-in ledger posts the same documents to QuickBooks once the merchant connects it.
 *
 * Contract, proven by the shared contract tests:
 * - every posting is idempotent on `externalRef`: a repeat returns the first document with
 *   `created: false`, and the same reference with a different document is a `conflict`;
 * - invalid documents throw `ErpError('validation')` naming the bad line, before anything posts
 *   (every adapter is wrapped by `erpBoundary`, the one place documents are parsed);
 * - balances never go below zero (payments and credit memos are capped by the open balance).
 *
 * @module
 */
import type {
  CreditMemoInput,
  CustomerInput,
  DisputeInput,
  DisputeUpdateInput,
  DocumentType,
  InvoiceInput,
  JournalInput,
  PaymentInput,
} from './documents';
import type {
  CreditMemoRecord,
  CustomerRecord,
  DisputeRecord,
  ErpDocumentOf,
  InvoiceRecord,
  JournalRecord,
  PaymentRecord,
  Posted,
} from './records';

/**
 * A payment (`sale`) or credit memo / refund (`refund`) of the ERP as settlement reconciliation
 * matches it: the flow's reference, the amount in minor units, the invoice it settles.
 */
export interface SettlementDocument {
  kind: 'sale' | 'refund';
  externalRef: string;
  amount: number;
  currency: string;
  /** `YYYY-MM-DD`. */
  date: string;
  /** The flow's reference of the invoice, null when the document names none. */
  invoiceRef: string | null;
}

/** An ERP as the nodes see it. Every method throws {@link ErpError} on failure. */
export interface ErpAdapter {
  /** Which ERP this is, for logs and node outputs. */
  readonly kind: 'built-in' | 'quickbooks-online' | (string & {});
  /**
   * How long a request whose answer was lost may still land (ms). A node that finds an earlier
   * attempt unsettled waits this long after it started before trusting a lookup that finds
   * nothing. 0 for a transactional store (a lost answer means a finished or rolled-back
   * transaction); at least twice the request timeout for a remote API.
   */
  readonly unknownOutcomeWaitMs: number;
  /** Creates the customer, or updates name, email and external ids of the existing one. */
  upsertCustomer(input: CustomerInput): Promise<Posted<CustomerRecord>>;
  /** Posts an invoice for an existing customer (`customerRef`). */
  createInvoice(input: InvoiceInput): Promise<Posted<InvoiceRecord>>;
  /** Applies a payment to an invoice; more than its open balance is a validation error. */
  recordPayment(input: PaymentInput): Promise<Posted<PaymentRecord>>;
  /** Posts a credit memo, applies it to the invoice and pays out `refundAmount`. */
  createCreditMemo(input: CreditMemoInput): Promise<Posted<CreditMemoRecord>>;
  /** Posts a balanced journal entry (lines by account code or role). */
  postJournal(input: JournalInput): Promise<Posted<JournalRecord>>;
  /** Opens a chargeback case and posts its journal. */
  openDispute(input: DisputeInput): Promise<Posted<DisputeRecord>>;
  /**
   * Moves a dispute to a new status and posts its journal (won, lost). Repeating the current
   * status returns `created: false`; leaving a final status is a `conflict`.
   */
  updateDispute(input: DisputeUpdateInput): Promise<Posted<DisputeRecord>>;
  /**
   * Every payment and credit memo dated within `from`..`to` (inclusive), read in bulk for
   * settlement reconciliation. Absent on the built-in ledger, whose tables the reconciliation
   * reads in SQL directly.
   */
  settlementDocuments?(window: { from: string; to: string }): Promise<SettlementDocument[]>;
  /** Finds a document by the flow's reference; null when there is none. */
  findByReference<T extends DocumentType>(
    type: T,
    externalRef: string,
  ): Promise<ErpDocumentOf<T> | null>;
}
