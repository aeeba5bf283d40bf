import type { Me } from '../api/auth-api';

/** Placeholder until the connections page lands. */
export function ConnectionsPage({ me }: { me: Me }) {
  return (
    <main className="page-body">
      <h1>Connections</h1>
      <p>{me.role}</p>
    </main>
  );
}
