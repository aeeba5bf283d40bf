/**
 * The adapter boundary: the one place a document handed to an ERP is validated. Every adapter
 * (the built-in ledger in the runtime, QuickBooks Online here) is wrapped by {@link erpBoundary},
 * so its own code receives parsed documents and never parses again; the ERP nodes validate their
 * mapped document here too ({@link checkDocument}) and hand the adapter the checked document,
 * which the boundary recognises instead of parsing it a second time.
 *
 * @module
 */
import type { z } from 'zod';
import type { ErpAdapter } from './adapter';
import {
  CreditMemoInput,
  CustomerInput,
  DisputeInput,
  DisputeUpdateInput,
  InvoiceInput,
  JournalInput,
  PaymentInput,
} from './documents';
import { ErpError, lineError } from './errors';

/** Turns a zod failure into a validation error naming the first bad field (and line). */
function invalid(error: z.ZodError, what: string): ErpError {
  const issue = error.issues[0]!;
  const lineIndex = issue.path[0] === 'lines' ? issue.path[1] : undefined;
  const field = issue.path.join('.');
  if (typeof lineIndex === 'number') {
    return lineError('INVALID_LINE', lineIndex, `${field}: ${issue.message}`);
  }
  return new ErpError('validation', 'INVALID_DOCUMENT', `${what} ${field}: ${issue.message}`);
}

/** Parses with a schema, turning failures into a validation {@link ErpError}. */
export function parseDocument<S extends z.ZodType>(schema: S, value: unknown, what: string) {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalid(parsed.error, what);
  return parsed.data as z.output<S>;
}

/** The schema of each kind of document an adapter accepts, and its name in error messages. */
const KINDS = {
  customer: [CustomerInput, 'customer'],
  invoice: [InvoiceInput, 'invoice'],
  payment: [PaymentInput, 'payment'],
  'credit-memo': [CreditMemoInput, 'credit memo'],
  journal: [JournalInput, 'journal'],
  dispute: [DisputeInput, 'dispute'],
  'dispute-update': [DisputeUpdateInput, 'dispute update'],
} as const;

/** A kind of document an adapter accepts. */
export type DocumentKind = keyof typeof KINDS;

/** The parsed document of a kind. */
export type CheckedDocument<K extends DocumentKind> = z.output<(typeof KINDS)[K][0]>;

/** Documents this boundary parsed, by kind: handed on, they are not parsed again. */
const checked = new WeakMap<object, DocumentKind>();

/**
 * Validates a document of a kind (errors name the field and line, as {@link parseDocument}), or
 * returns it untouched when this boundary already checked it as that kind. One parse per
 * posting: the node validates, the adapter trusts the check.
 */
export function checkDocument<K extends DocumentKind>(kind: K, value: unknown): CheckedDocument<K> {
  if (typeof value === 'object' && value !== null && checked.get(value) === kind) {
    return value as CheckedDocument<K>;
  }
  const [schema, what] = KINDS[kind];
  const doc = parseDocument(schema, value, what) as CheckedDocument<K>;
  checked.set(doc as object, kind);
  return doc;
}

/**
 * Wraps an adapter's implementation so every posting is validated here, once, before it reaches
 * the ERP's own code (which may then rely on parsed documents: defaults applied, amounts exact).
 */
export function erpBoundary<A extends ErpAdapter>(adapter: A): A {
  const boundary: ErpAdapter = {
    ...adapter,
    upsertCustomer: async (input) => adapter.upsertCustomer(checkDocument('customer', input)),
    createInvoice: async (input) => adapter.createInvoice(checkDocument('invoice', input)),
    recordPayment: async (input) => adapter.recordPayment(checkDocument('payment', input)),
    createCreditMemo: async (input) =>
      adapter.createCreditMemo(checkDocument('credit-memo', input)),
    postJournal: async (input) => adapter.postJournal(checkDocument('journal', input)),
    openDispute: async (input) => adapter.openDispute(checkDocument('dispute', input)),
    updateDispute: async (input) => adapter.updateDispute(checkDocument('dispute-update', input)),
  };
  return boundary as A;
}
