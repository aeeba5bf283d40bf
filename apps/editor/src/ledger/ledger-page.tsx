import type { Me } from '../api/auth-api';
import { navigate } from '../app/router';
import { hasRole } from '../lib/roles';
import { AccountActivityView } from './account-activity-view';
import { AccountsView } from './accounts-view';
import { CreditMemosView } from './credit-memos-view';
import { DisputesView } from './disputes-view';
import { InvoicesView } from './invoices-view';
import { JournalView } from './journal-view';
import { LEDGER_TABS, ledgerTab } from './ledger-tabs';
import { OpenInvoicesView } from './open-invoices-view';
import { PaymentsView } from './payments-view';
import { TrialBalanceView } from './trial-balance-view';
import './ledger.css';

/**
 * `/ledger[/<tab>]`: the built-in ledger, read-only for everyone, with manual entries and
 * reversals for editors. Flows write the books; this page is where people read and correct them.
 */
export function LedgerPage({ me, tab }: { me: Me; tab?: string | undefined }) {
  const current = ledgerTab(tab);
  const label = LEDGER_TABS.find((t) => t.slug === current)!.label;
  return (
    <main className="page-body ledger-page">
      <header className="page-header">
        <h1>Ledger</h1>
      </header>
      <nav className="ledger-nav" aria-label="Ledger">
        {LEDGER_TABS.map((t) => (
          <a
            key={t.slug}
            href={`/ledger/${t.slug}`}
            aria-current={t.slug === current ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              navigate(`/ledger/${t.slug}`);
            }}
          >
            {t.label}
          </a>
        ))}
      </nav>
      <h2 className="sr-only">{label}</h2>
      {current === 'accounts' && <AccountsView />}
      {current === 'invoices' && <InvoicesView />}
      {current === 'payments' && <PaymentsView />}
      {current === 'credit-memos' && <CreditMemosView />}
      {current === 'disputes' && <DisputesView />}
      {current === 'journal' && <JournalView canEdit={hasRole(me.role, 'editor')} />}
      {current === 'trial-balance' && <TrialBalanceView />}
      {current === 'account-activity' && <AccountActivityView />}
      {current === 'open-invoices' && <OpenInvoicesView />}
    </main>
  );
}
