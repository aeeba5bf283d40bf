import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../api/api-failure';
import type { Me } from '../api/auth-api';
import { hasRole } from '../lib/roles';
import { InstallDialog } from './install-dialog';
import { TemplateCard } from './template-card';
import { listTemplates, type TemplateSummary } from './templates-api';
import './templates.css';

/**
 * `/templates`: the shipped solutions as cards (picture, purpose, needs); editors install one
 * through the install dialog.
 */
export function TemplatesPage({ me }: { me: Me }) {
  const canInstall = hasRole(me.role, 'editor');
  const templates = useQuery({
    queryKey: ['templates'],
    queryFn: listTemplates,
    staleTime: 60_000,
  });
  const [installing, setInstalling] = useState<TemplateSummary | null>(null);
  return (
    <main className="page-body">
      <header className="page-header">
        <h1>Templates</h1>
      </header>
      <p className="hint">
        Ready-made flows for the payment work Paybridge is for. Install one, pick its connections,
        and it is a flow like any other: open it, read it, change it.
      </p>
      {templates.isPending && <p>Loading…</p>}
      {templates.isError && (
        <p className="error-text" role="alert">
          Could not load templates: {errorMessage(templates.error)}
        </p>
      )}
      {templates.data?.length === 0 && <p>No templates are shipped with this runtime.</p>}
      <div className="template-grid">
        {templates.data?.map((t) => (
          <TemplateCard
            key={t.id}
            template={t}
            canInstall={canInstall}
            onInstall={() => setInstalling(t)}
          />
        ))}
      </div>
      {!canInstall && (
        <p className="hint">Installing a template needs the editor role; you are {me.role}.</p>
      )}
      {installing && (
        <InstallDialog
          template={installing}
          canCreateConnections={hasRole(me.role, 'admin')}
          onClose={() => setInstalling(null)}
        />
      )}
    </main>
  );
}
