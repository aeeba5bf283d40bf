import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api/api-failure';
import { CopyButton } from '../ui/copy-button';
import { useToasts } from '../ui/toasts';
import {
  createToken,
  listTokens,
  revokeToken,
  ROLES,
  type ApiToken,
  type CreatedToken,
  type Role,
} from './admin-api';

const TOKENS_KEY = ['tokens'] as const;

const EXPIRY = [
  { label: '30 days', days: 30 },
  { label: '90 days', days: 90 },
  { label: '1 year', days: 365 },
  { label: 'Never', days: null },
] as const;

function when(iso: string | null, none: string): string {
  return iso ? new Date(iso).toLocaleString() : none;
}

/** Where a token stands, in the words an admin scanning the list needs. */
function tokenState(t: ApiToken, now: number): string {
  if (t.revoked) return 'Revoked';
  if (t.expiresAt && Date.parse(t.expiresAt) <= now) return 'Expired';
  return 'Active';
}

/**
 * API tokens (admins): create one with a name, role and expiry, see its value exactly once with a
 * copy button (the runtime keeps only a hash), list when each was last used, revoke.
 */
export function TokensSettings() {
  const tokens = useQuery({ queryKey: TOKENS_KEY, queryFn: listTokens });
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const now = Date.now();
  return (
    <section className="card">
      <h2>API tokens</h2>
      <p className="hint">
        Scripts and other systems call the API with <code>Authorization: Bearer &lt;token&gt;</code>
        . A token acts with its role for the admin who created it.
      </p>
      {created ? (
        <OnceOnly token={created} onDone={() => setCreated(null)} />
      ) : (
        <NewTokenForm onCreated={setCreated} />
      )}
      {tokens.isError && (
        <p className="error-text" role="alert">
          {errorMessage(tokens.error)}
        </p>
      )}
      {tokens.data && tokens.data.length === 0 && <p className="hint">No tokens yet.</p>}
      {tokens.data && tokens.data.length > 0 && (
        <table className="table" data-testid="tokens-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Starts with</th>
              <th>Role</th>
              <th>Created</th>
              <th>Last used</th>
              <th>Expires</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.data.map((t) => (
              <TokenRow key={t.id} token={t} state={tokenState(t, now)} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function NewTokenForm({ onCreated }: { onCreated: (t: CreatedToken) => void }) {
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [expiry, setExpiry] = useState<string>('90 days');
  const create = useMutation({
    mutationFn: createToken,
    onSuccess: (token) => {
      void qc.invalidateQueries({ queryKey: TOKENS_KEY });
      setName('');
      onCreated(token);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const days = EXPIRY.find((x) => x.label === expiry)?.days ?? null;
    create.mutate({
      name: name.trim(),
      role,
      ...(days === null
        ? {}
        : { expiresAt: new Date(Date.now() + days * 86_400_000).toISOString() }),
    });
  };
  return (
    <form className="settings-form" onSubmit={submit} aria-label="Create an API token">
      <label>
        Token name
        <input
          required
          maxLength={100}
          placeholder="e.g. deploy script"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <label>
        Token role
        <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>
      <label>
        Expires in
        <select value={expiry} onChange={(e) => setExpiry(e.target.value)}>
          {EXPIRY.map((x) => (
            <option key={x.label}>{x.label}</option>
          ))}
        </select>
      </label>
      <button type="submit" className="primary" disabled={create.isPending}>
        Create token
      </button>
      {create.isError && (
        <p className="error-text" role="alert">
          {errorMessage(create.error)}
        </p>
      )}
    </form>
  );
}

/** The new token's value, shown this once: the runtime cannot show it again. */
function OnceOnly({ token, onDone }: { token: CreatedToken; onDone: () => void }) {
  return (
    <div className="token-once" role="status" data-testid="new-token">
      <p>
        <strong>Copy the token “{token.name}” now.</strong> This is the only time it is shown;
        Paybridge keeps only a hash of it. If you lose it, revoke it and create another.
      </p>
      <p>
        <code data-testid="new-token-value">{token.token}</code>
        <CopyButton value={token.token} label="token" />
      </p>
      <button type="button" onClick={onDone}>
        I have copied it
      </button>
    </div>
  );
}

function TokenRow({ token, state }: { token: ApiToken; state: string }) {
  const qc = useQueryClient();
  const toasts = useToasts();
  const revoke = useMutation({
    mutationFn: () => revokeToken(token.id),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: TOKENS_KEY });
      toasts.info(`Token “${token.name}” revoked: requests that carry it now get 401`);
    },
    onError: (err) => toasts.error(`Not revoked: ${errorMessage(err)}`),
  });
  return (
    <tr data-testid={`token-${token.name}`}>
      <td>{token.name}</td>
      <td>
        <code>{token.prefix}…</code>
      </td>
      <td>{token.role}</td>
      <td>{when(token.createdAt, '')}</td>
      <td>{when(token.lastUsedAt, 'never')}</td>
      <td>{when(token.expiresAt, 'never')}</td>
      <td>{state}</td>
      <td>
        {state === 'Active' && (
          <button
            type="button"
            className="small"
            disabled={revoke.isPending}
            onClick={() => {
              if (window.confirm(`Revoke “${token.name}”? Anything using it stops working.`))
                revoke.mutate();
            }}
          >
            Revoke
          </button>
        )}
      </td>
    </tr>
  );
}
