import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api/api-failure';
import { setupFirstAdmin, signIn } from '../api/auth-api';
import { ErrorText } from '../ui/error-text';

/**
 * Sign-in form, or the first-admin form when the runtime printed a setup link (`?token=` in the
 * URL). The runtime's message (wrong password, locked for 15 minutes) is shown as it comes.
 */
export function SignIn({
  setupToken,
  onSignedIn,
}: {
  setupToken: string | null;
  onSignedIn: () => void;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (setupToken) await setupFirstAdmin(setupToken, email, password);
      else await signIn(email, password);
      window.history.replaceState(null, '', '/');
      onSignedIn();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <form onSubmit={submit} className="card sign-in-card" aria-labelledby="sign-in-title">
        <p className="brand">Paybridge</p>
        <h1 id="sign-in-title">{setupToken ? 'Create the first admin' : 'Sign in'}</h1>
        <label className="field">
          <span className="field-label">Email</span>
          <input
            type="email"
            name="email"
            required
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">
            Password{setupToken ? ' (at least 12 characters)' : ''}
          </span>
          <input
            type="password"
            name="password"
            required
            minLength={setupToken ? 12 : 1}
            autoComplete={setupToken ? 'new-password' : 'current-password'}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <ErrorText message={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : setupToken ? 'Create admin and sign in' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
