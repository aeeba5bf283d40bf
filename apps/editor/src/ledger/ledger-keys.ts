/**
 * Query keys of the ledger page. Every key starts with `ledger`, so a posting or a reversal
 * refreshes every view at once (balances, reports and lists all move together).
 *
 * @module
 */
import type { DateRange } from './ledger-api';

/** Keys for the ledger's queries; `all` is the prefix that invalidates them together. */
export const ledgerKeys = {
  all: ['ledger'] as const,
  accounts: ['ledger', 'accounts'] as const,
  invoices: (status: string) => ['ledger', 'invoices', status] as const,
  invoice: (id: string) => ['ledger', 'invoice', id] as const,
  payments: ['ledger', 'payments'] as const,
  creditMemos: ['ledger', 'credit-memos'] as const,
  disputes: (status: string) => ['ledger', 'disputes', status] as const,
  journal: (range: DateRange) => ['ledger', 'journal', range] as const,
  entry: (id: string) => ['ledger', 'entry', id] as const,
  trialBalance: (range: DateRange) => ['ledger', 'trial-balance', range] as const,
  activity: (account: string, range: DateRange) => ['ledger', 'activity', account, range] as const,
  openInvoices: (asOf: string) => ['ledger', 'open-invoices', asOf] as const,
};
