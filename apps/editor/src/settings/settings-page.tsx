import type { Me } from '../api/auth-api';
import { useHooksUrl } from '../api/use-public-url';

/** `/settings`: who is signed in and where to find the API. */
export function SettingsPage({ me }: { me: Me }) {
  const hooksUrl = useHooksUrl();
  return (
    <main className="page-body">
      <h1>Settings</h1>
      <section className="card">
        <h2>Account</h2>
        <dl className="facts">
          <dt>Signed in as</dt>
          <dd>{me.label}</dd>
          <dt>Role</dt>
          <dd>{me.role}</dd>
        </dl>
      </section>
      <section className="card">
        <h2>API</h2>
        <p>
          Everything the editor does goes through the runtime’s HTTP API, described at{' '}
          <a href="/api/openapi.json">/api/openapi.json</a>. Trigger endpoints live under{' '}
          <code>{hooksUrl}/hooks/</code>.
        </p>
      </section>
    </main>
  );
}
