import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../api/api-failure';
import type { Me } from '../api/auth-api';
import { queryKeys } from '../api/query-keys';
import { getSettings } from '../api/settings-api';
import { useHooksUrl } from '../api/use-public-url';

/**
 * Who is signed in, where outsiders reach this runtime, which release runs and whether it is a
 * sandbox: the facts someone needs when wiring a webhook or filing a bug report.
 */
export function GeneralSettings({ me }: { me: Me }) {
  const settings = useQuery({ queryKey: queryKeys.settings, queryFn: getSettings });
  const hooksUrl = useHooksUrl();
  const s = settings.data;
  return (
    <>
      <section className="card">
        <h2>Account</h2>
        <dl className="facts">
          <dt>Signed in as</dt>
          <dd>{me.label}</dd>
          <dt>Role</dt>
          <dd>{me.role}</dd>
        </dl>
      </section>
      <section className="card" data-testid="about">
        <h2>About this runtime</h2>
        {settings.isError && (
          <p className="error-text" role="alert">
            {errorMessage(settings.error)}
          </p>
        )}
        {s && (
          <dl className="facts">
            <dt>Public URL</dt>
            <dd>
              {s.publicUrl ?? <em className="hint">not known yet: set PAYBRIDGE_PUBLIC_URL</em>}
            </dd>
            {s.hooksUrl && (
              <>
                <dt>Trigger URL</dt>
                <dd>{s.hooksUrl}</dd>
              </>
            )}
            <dt>Version</dt>
            <dd data-testid="runtime-version">Paybridge {s.version}</dd>
            <dt>Node.js</dt>
            <dd>{s.nodeVersion}</dd>
            <dt>Mode</dt>
            <dd>
              {s.sandbox
                ? 'Sandbox: the built-in simulators answer instead of real PayTrace and Shopify'
                : 'Production'}
            </dd>
          </dl>
        )}
      </section>
      <section className="card">
        <h2>API</h2>
        <p>
          Everything the editor does goes through the runtime’s HTTP API, described at{' '}
          <a href="/api/openapi.json">/api/openapi.json</a>. Trigger endpoints live under{' '}
          <code>{hooksUrl}/hooks/</code>.
        </p>
      </section>
    </>
  );
}
