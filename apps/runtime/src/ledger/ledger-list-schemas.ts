/**
 * Response shapes of the ledger's lists, declared so the OpenAPI document and the editor's typed
 * client know them. Money is integer minor units beside an ISO 4217 code; dates are calendar
 * dates `YYYY-MM-DD` in the ledger's time zone. `nextCursor` is null on the last page.
 *
 * @module
 */
import { z } from '@hono/zod-openapi';

const Minor = z.number().int();
const Day = z.string();

/** Pass as `?cursor=` to read the page after this one; null when this page is the last. */
export const NextCursor = z.string().nullable();

export const AccountRow = z.object({
  code: z.string(),
  role: z.string().nullable(),
  name: z.string(),
  type: z.enum(['asset', 'liability', 'equity', 'income', 'expense']),
});

export const CustomerRow = z.object({
  id: z.string(),
  externalRef: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  shopifyCustomerId: z.string().nullable(),
  paytraceCustomerId: z.string().nullable(),
  createdAt: z.string(),
});

export const InvoiceRow = z.object({
  id: z.string(),
  externalRef: z.string(),
  customerRef: z.string(),
  currency: z.string(),
  date: Day,
  dueDate: Day.nullable(),
  total: Minor,
  openBalance: Minor,
});

export const PaymentRow = z.object({
  id: z.string(),
  externalRef: z.string(),
  invoiceRef: z.string(),
  currency: z.string(),
  amount: Minor,
  date: Day,
});

export const CreditMemoRow = z.object({
  id: z.string(),
  externalRef: z.string(),
  invoiceRef: z.string().nullable(),
  currency: z.string(),
  total: Minor,
  applied: Minor,
  refunded: Minor,
  date: Day,
});

export const DisputeRow = z.object({
  id: z.string(),
  externalRef: z.string(),
  transactionRef: z.string().nullable(),
  currency: z.string(),
  amount: Minor,
  reason: z.string(),
  status: z.enum(['open', 'evidence_submitted', 'won', 'lost']),
  openedOn: Day,
  evidenceDueBy: Day.nullable(),
});

export const JournalSummaryRow = z.object({
  id: z.string(),
  number: z.number().int(),
  externalRef: z.string().nullable(),
  source: z.string(),
  currency: z.string(),
  date: Day,
  memo: z.string().nullable(),
  reversesId: z.string().nullable(),
  /** Sum of the entry's debits. */
  total: Minor.nullable(),
});

/** `{ <name>: Row[], nextCursor }`: the answer of one list page. */
export function listPage<K extends string, T extends z.ZodType>(name: K, row: T) {
  return z.object({ [name]: z.array(row), nextCursor: NextCursor } as {
    [P in K]: z.ZodArray<T>;
  } & { nextCursor: typeof NextCursor });
}
