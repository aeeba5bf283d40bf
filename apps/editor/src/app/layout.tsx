import { useQueryClient } from '@tanstack/react-query';
import { signOut, type Me } from '../api/auth-api';
import { queryKeys } from '../api/query-keys';
import { ConnectionsPage } from '../connections/connections-page';
import { DeadLettersNavCount } from '../dead-letters/dead-letters-nav-count';
import { DeadLettersPage } from '../dead-letters/dead-letters-page';
import { DisputeCasePage } from '../disputes/dispute-case-page';
import { DisputesPage } from '../disputes/disputes-page';
import { FlowEditorPage } from '../flows/flow-editor-page';
import { FlowListPage } from '../flows/flow-list-page';
import { ReviewPage } from '../fraud/review-page';
import { ReviewQueuePage } from '../fraud/review-queue-page';
import { LedgerPage } from '../ledger/ledger-page';
import { ReconciliationPage } from '../reconciliation/reconciliation-page';
import { RunViewPage } from '../runs/run-view-page';
import { RunsPage } from '../runs/runs-page';
import { SettingsPage } from '../settings/settings-page';
import { TemplatesPage } from '../templates/templates-page';
import { mayLeave, navigate, parseRoute, usePath } from './router';

const NAV = [
  { href: '/flows', label: 'Flows', match: (p: string) => p === 'flows' || p === 'flow' },
  { href: '/runs', label: 'Runs', match: (p: string) => p === 'runs' || p === 'run' },
  { href: '/dead-letters', label: 'Dead letters', match: (p: string) => p === 'dead-letters' },
  { href: '/connections', label: 'Connections', match: (p: string) => p === 'connections' },
  { href: '/ledger', label: 'Ledger', match: (p: string) => p === 'ledger' },
  {
    href: '/disputes',
    label: 'Disputes',
    match: (p: string) => p === 'disputes' || p === 'dispute',
  },
  {
    href: '/reconciliation',
    label: 'Reconciliation',
    match: (p: string) => p === 'reconciliation',
  },
  {
    href: '/fraud',
    label: 'Fraud review',
    match: (p: string) => p === 'fraud' || p === 'fraud-review',
  },
  { href: '/settings', label: 'Settings', match: (p: string) => p === 'settings' },
  { href: '/templates', label: 'Templates', match: (p: string) => p === 'templates' },
];

/** The signed-in frame: a narrow navigation rail and the current page. */
export function Layout({ me }: { me: Me }) {
  const route = parseRoute(usePath());
  const qc = useQueryClient();
  return (
    <div className="shell">
      <nav className="rail" aria-label="Main">
        <span className="brand">Paybridge</span>
        {NAV.map((item) => (
          <a
            key={item.href}
            href={item.href}
            aria-current={item.match(route.page) ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              navigate(item.href);
            }}
          >
            {item.label}
            {item.href === '/dead-letters' && <DeadLettersNavCount />}
          </a>
        ))}
        <span className="rail-spacer" />
        <span className="rail-user" title={`${me.label} (${me.role})`}>
          {me.label}
          <small>{me.role}</small>
        </span>
        <button
          type="button"
          onClick={() => {
            // Signing out leaves the page: unsaved changes of an open flow are asked about first.
            if (!mayLeave()) return;
            void signOut().finally(() => {
              qc.setQueryData(queryKeys.me, null);
            });
          }}
        >
          Sign out
        </button>
      </nav>
      <div className="page">
        {route.page === 'flows' && <FlowListPage me={me} />}
        {route.page === 'flow' && (
          <FlowEditorPage key={route.flowId} flowId={route.flowId} me={me} />
        )}
        {route.page === 'connections' && <ConnectionsPage me={me} />}
        {route.page === 'ledger' && <LedgerPage me={me} tab={route.tab} />}
        {route.page === 'settings' && <SettingsPage me={me} tab={route.tab} />}
        {route.page === 'templates' && <TemplatesPage me={me} />}
        {route.page === 'runs' && <RunsPage me={me} />}
        {route.page === 'run' && <RunViewPage key={route.runId} runId={route.runId} me={me} />}
        {route.page === 'dead-letters' && <DeadLettersPage me={me} />}
        {route.page === 'disputes' && <DisputesPage me={me} />}
        {route.page === 'dispute' && (
          <DisputeCasePage key={route.disputeId} caseId={route.disputeId} />
        )}
        {route.page === 'reconciliation' && <ReconciliationPage me={me} date={route.date} />}
        {route.page === 'fraud' && <ReviewQueuePage me={me} />}
        {route.page === 'fraud-review' && (
          <ReviewPage key={route.reviewId} reviewId={route.reviewId} me={me} />
        )}
        {route.page === 'not-found' && (
          <main className="page-body">
            <h1>Not found</h1>
            <p>
              Nothing at <code>{route.path}</code>. <a href="/flows">Go to flows</a>
            </p>
          </main>
        )}
      </div>
    </div>
  );
}
