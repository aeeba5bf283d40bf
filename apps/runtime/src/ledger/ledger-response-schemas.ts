/**
 * Response shapes of the ledger's document and report routes (the lists are in
 * `ledger-list-schemas.ts`), declared so the OpenAPI document and the editor's typed client know
 * them and no client keeps a copy. Money is integer minor units beside an ISO 4217 code; dates
 * are calendar dates `YYYY-MM-DD` in the ledger's time zone. Document records reuse the ERP
 * contract's schemas from `@paybridge/nodes/erp`, so what a flow's ERP node returns and what the
 * API shows are one shape.
 *
 * @module
 */
import { z } from '@hono/zod-openapi';
import { ErpDocument, InvoiceRecord, JournalRecord } from '@paybridge/nodes/erp';
import { AccountRow, InvoiceRow } from './ledger-list-schemas';

const Minor = z.number().int();
const Day = z.string();
const AccountType = AccountRow.shape.type;

/** A journal entry with its lines, as the API shows it; `reversedBy` is its reversal's id. */
export const LedgerEntry = JournalRecord.extend({
  externalRef: z.string().nullable(),
  number: z.number().int(),
  source: z.string(),
  reversesId: z.string().nullable(),
  reversedBy: z.string().nullable(),
}).openapi('LedgerEntry');

/** `GET /ledger/journal-entries/{id}` and the reversal's answer. */
export const LedgerEntryResponse = z.object({ entry: LedgerEntry });

/** `POST /ledger/journal-entries`: the entry as an ERP record, and whether this call created it. */
export const PostedJournalResponse = z.object({ entry: JournalRecord, created: z.boolean() });

/** `GET /ledger/invoices/{id}`: the invoice with its lines, the payments applied, its memos. */
export const InvoiceDetailResponse = z
  .object({
    invoice: InvoiceRecord,
    payments: z.array(
      z.object({
        externalRef: z.string(),
        amount: Minor,
        date: Day,
        journalId: z.string().nullable(),
      }),
    ),
    creditMemos: z.array(
      z.object({
        externalRef: z.string(),
        total: Minor,
        applied: Minor,
        refunded: Minor,
        date: Day,
      }),
    ),
  })
  .openapi('LedgerInvoiceDetail');

/** `GET /ledger/documents/{type}/{ref}`: any document, discriminated by `type`. */
export const DocumentResponse = z.object({ document: ErpDocument });

/** An inclusive range of calendar dates; either end may be open. */
export const DateRange = z.object({ from: Day.optional(), to: Day.optional() });

/** One account's movement in one currency; `balance` is signed by the account's normal side. */
export const TrialBalanceRow = z.object({
  code: z.string(),
  name: z.string(),
  type: AccountType,
  currency: z.string(),
  debit: Minor,
  credit: Minor,
  balance: Minor,
});

/** The trial balance: rows, and per-currency totals that must agree. */
export const TrialBalance = z
  .object({
    range: DateRange,
    accounts: z.array(TrialBalanceRow),
    totals: z.array(
      z.object({ currency: z.string(), debit: Minor, credit: Minor, balanced: z.boolean() }),
    ),
  })
  .openapi('LedgerTrialBalance');

/** Every line of one account in a range, with running balances per currency. */
export const AccountActivity = z
  .object({
    account: z.object({ code: z.string(), name: z.string(), type: AccountType }),
    range: DateRange,
    /** Balance per currency before the range, signed by the account's normal side. */
    openingBalances: z.record(z.string(), Minor),
    closingBalances: z.record(z.string(), Minor),
    lines: z.array(
      z.object({
        entryId: z.string(),
        number: z.number().int(),
        date: Day,
        currency: z.string(),
        source: z.string(),
        memo: z.string().nullable(),
        description: z.string().nullable(),
        debit: Minor,
        credit: Minor,
        balance: Minor,
      }),
    ),
  })
  .openapi('LedgerAccountActivity');

/** Invoices still owed as of a date, with the customer's name and days overdue. */
export const OpenInvoices = z
  .object({
    asOf: Day,
    invoices: z.array(
      InvoiceRow.extend({
        customerName: z.string().nullable(),
        daysOverdue: z.number().int().nullable(),
      }),
    ),
  })
  .openapi('LedgerOpenInvoices');
