import type { Me } from '../api/auth-api';
import '../runs/runs.css';

/** `/dead-letters`: runs that failed for good, grouped by flow and error code. */
export function DeadLettersPage({ me: _me }: { me: Me }) {
  return (
    <main className="page-body runs-page">
      <header className="page-header">
        <h1>Dead letters</h1>
      </header>
    </main>
  );
}
