/**
 * The ledger page's sub-pages, in the order a bookkeeper reads them. Each is a URL
 * (`/ledger/<slug>`), so a tab can be bookmarked and the browser's back button moves between them.
 */
export const LEDGER_TABS = [
  { slug: 'accounts', label: 'Chart of accounts' },
  { slug: 'invoices', label: 'Invoices' },
  { slug: 'payments', label: 'Payments' },
  { slug: 'credit-memos', label: 'Credit memos' },
  { slug: 'disputes', label: 'Disputes' },
  { slug: 'journal', label: 'Journal entries' },
  { slug: 'trial-balance', label: 'Trial balance' },
  { slug: 'account-activity', label: 'Account activity' },
  { slug: 'open-invoices', label: 'Open invoices' },
] as const;

/** A sub-page's slug. */
export type LedgerTab = (typeof LEDGER_TABS)[number]['slug'];

/** The tab a URL segment names; the chart of accounts for none or an unknown one. */
export function ledgerTab(segment: string | undefined): LedgerTab {
  return LEDGER_TABS.find((t) => t.slug === segment)?.slug ?? 'accounts';
}
