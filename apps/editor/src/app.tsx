import { useCallback, useEffect, useState } from 'react';
import { api, ApiFailure, setCsrfToken } from './api';
import { SignIn } from './sign-in';

interface FlowSummary {
  id: string;
  name: string;
  active: boolean;
  latestVersion: number;
  triggerPath: string | null;
}
interface RunSummary {
  id: string;
  flowId: string;
  status: string;
  createdAt: string;
}

interface Me {
  label: string;
  role: string;
  csrfToken: string | null;
}

/**
 * Placeholder overview until the canvas editor lands: the flows and the latest runs, read from
 * the same API the editor will use.
 */
export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const setupToken = new URLSearchParams(window.location.search).get('token');

  const refresh = useCallback(() => {
    api<Me>('GET', '/api/auth/me')
      .then((m) => {
        setCsrfToken(m.csrfToken);
        setMe(m);
      })
      .catch((e: unknown) => {
        if (e instanceof ApiFailure && e.status === 401) setMe(null);
        else setMe(null);
      });
  }, []);
  useEffect(refresh, [refresh]);

  if (me === undefined) return <main style={{ margin: '2rem' }}>Loading…</main>;
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', margin: '2rem', maxWidth: 960 }}>
      <h1>Paybridge</h1>
      {me === null ? (
        <SignIn setupToken={setupToken} onSignedIn={refresh} />
      ) : (
        <Overview
          me={me}
          onSignOut={() => {
            void api('POST', '/api/auth/logout').finally(() => {
              setCsrfToken(null);
              setMe(null);
            });
          }}
        />
      )}
    </main>
  );
}

function Overview({ me, onSignOut }: { me: Me; onSignOut: () => void }) {
  const [flows, setFlows] = useState<FlowSummary[]>([]);
  const [runs, setRuns] = useState<RunSummary[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const load = () =>
      Promise.all([
        api<{ flows: FlowSummary[] }>('GET', '/api/flows'),
        api<{ runs: RunSummary[] }>('GET', '/api/runs?limit=20'),
      ])
        .then(([f, r]) => {
          setFlows(f.flows);
          setRuns(r.runs);
          setError(null);
        })
        .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    void load();
    const timer = setInterval(load, 3000);
    return () => clearInterval(timer);
  }, []);

  return (
    <section>
      <p>
        Signed in as <strong>{me.label}</strong> ({me.role}){' '}
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </p>
      <p>
        The visual editor is on its way. Meanwhile, flows are managed through the REST API (see{' '}
        <a href="/api/openapi.json">/api/openapi.json</a>).
      </p>
      {error && (
        <p role="alert" style={{ color: '#b00020' }}>
          Could not reach the runtime: {error}
        </p>
      )}
      <h2>Flows</h2>
      {flows.length === 0 ? (
        <p>No flows yet.</p>
      ) : (
        <ul>
          {flows.map((f) => (
            <li key={f.id}>
              <strong>{f.name}</strong> v{f.latestVersion} {f.active ? '(active)' : '(inactive)'}
              {f.triggerPath && <code> /hooks/{f.triggerPath}</code>}
            </li>
          ))}
        </ul>
      )}
      <h2>Recent runs</h2>
      {runs.length === 0 ? (
        <p>No runs yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th align="left">Run</th>
              <th align="left">Status</th>
              <th align="left">Created</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id}>
                <td>
                  <a href={`/api/runs/${r.id}`}>{r.id.slice(0, 8)}</a>
                </td>
                <td>{r.status}</td>
                <td>{new Date(r.createdAt).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
