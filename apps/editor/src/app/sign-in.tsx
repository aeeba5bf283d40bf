import { useState, type FormEvent } from 'react';
import { api, setCsrfToken } from './api';

interface SessionView {
  user: { email: string; role: string };
  csrfToken: string;
}

/**
 * Sign-in form, or the first-admin form when the runtime printed a setup link (`?token=` in the
 * URL). Errors from the API are shown as they come.
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
      const session = setupToken
        ? await api<SessionView>('POST', '/api/auth/setup', { token: setupToken, email, password })
        : await api<SessionView>('POST', '/api/auth/login', { email, password });
      setCsrfToken(session.csrfToken);
      window.history.replaceState(null, '', '/');
      onSignedIn();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} style={{ display: 'grid', gap: '0.75rem', maxWidth: 360 }}>
      <h2>{setupToken ? 'Create the first admin' : 'Sign in'}</h2>
      <label>
        Email
        <input
          type="email"
          required
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          style={{ display: 'block', width: '100%' }}
        />
      </label>
      <label>
        Password{setupToken ? ' (at least 12 characters)' : ''}
        <input
          type="password"
          required
          minLength={setupToken ? 12 : 1}
          autoComplete={setupToken ? 'new-password' : 'current-password'}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          style={{ display: 'block', width: '100%' }}
        />
      </label>
      {error && (
        <p role="alert" style={{ color: '#b00020', margin: 0 }}>
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {setupToken ? 'Create admin and sign in' : 'Sign in'}
      </button>
    </form>
  );
}
