import type { Me } from '../api/auth-api';
import { navigate } from '../app/router';
import { hasRole } from '../lib/roles';
import { AdminOnly } from './admin-only';
import { AlertsSettings } from '../alerts/alerts-settings';
import { AuditSettings } from './audit-settings';
import { GeneralSettings } from './general-settings';
import { SETTINGS_TABS, settingsTab } from './settings-tabs';
import { TokensSettings } from './tokens-settings';
import { UsersSettings } from './users-settings';
import './settings.css';

const ADMIN_TASK = {
  users: 'manage users',
  tokens: 'create and revoke API tokens',
  audit: 'read the audit log',
} as const;

/**
 * `/settings[/<tab>]`: the account and runtime facts for everyone; users, API tokens and the
 * audit log for admins (the runtime enforces it; the page says so instead of failing).
 */
export function SettingsPage({ me, tab }: { me: Me; tab?: string | undefined }) {
  const current = settingsTab(tab);
  const admin = hasRole(me.role, 'admin');
  return (
    <main className="page-body settings-page">
      <header className="page-header">
        <h1>Settings</h1>
      </header>
      <nav className="settings-nav" aria-label="Settings">
        {SETTINGS_TABS.map((t) => (
          <a
            key={t.slug}
            href={`/settings/${t.slug}`}
            aria-current={t.slug === current ? 'page' : undefined}
            title={t.adminOnly && !admin ? 'Admins only' : undefined}
            onClick={(e) => {
              e.preventDefault();
              navigate(`/settings/${t.slug}`);
            }}
          >
            {t.label}
          </a>
        ))}
      </nav>
      {current === 'general' && <GeneralSettings me={me} />}
      {current !== 'general' && current !== 'alerts' && !admin && (
        <AdminOnly what={ADMIN_TASK[current]} role={me.role} />
      )}
      {current === 'users' && admin && <UsersSettings me={me} />}
      {current === 'tokens' && admin && <TokensSettings />}
      {current === 'audit' && admin && <AuditSettings />}
      {current === 'alerts' && <AlertsSettings me={me} />}
    </main>
  );
}
