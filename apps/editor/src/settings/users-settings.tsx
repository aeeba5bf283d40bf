import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api/api-failure';
import type { Me } from '../api/auth-api';
import { useToasts } from '../ui/toasts';
import {
  createUser,
  listUsers,
  revokeSessions,
  ROLES,
  updateUser,
  type Role,
  type User,
} from './admin-api';

const USERS_KEY = ['users'] as const;

/**
 * Users (admins): add someone with a role and a first password, change roles, disable or
 * re-enable, set a new password, sign someone out everywhere. The runtime refuses an admin locking themselves out;
 * the page does not offer it either.
 */
export function UsersSettings({ me }: { me: Me }) {
  const users = useQuery({ queryKey: USERS_KEY, queryFn: listUsers });
  return (
    <section className="card">
      <h2>Users</h2>
      <NewUserForm />
      {users.isError && (
        <p className="error-text" role="alert">
          {errorMessage(users.error)}
        </p>
      )}
      {users.data && (
        <table className="table" data-testid="users-table">
          <thead>
            <tr>
              <th>Email</th>
              <th>Role</th>
              <th>Status</th>
              <th>Last sign-in</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((u) => (
              <UserRow key={u.id} user={u} self={u.id === me.id} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function NewUserForm() {
  const qc = useQueryClient();
  const toasts = useToasts();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const create = useMutation({
    mutationFn: createUser,
    onSuccess: (user) => {
      void qc.invalidateQueries({ queryKey: USERS_KEY });
      toasts.info(`${user.email} can now sign in as ${user.role}`);
      setEmail('');
      setPassword('');
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ email: email.trim(), password, role });
  };
  return (
    <form className="settings-form" onSubmit={submit} aria-label="Add a user">
      <label>
        Email
        <input
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          autoComplete="off"
        />
      </label>
      <label>
        First password
        <input
          type="password"
          required
          minLength={12}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="new-password"
        />
      </label>
      <label>
        Role
        <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>
      <button type="submit" className="primary" disabled={create.isPending}>
        Add user
      </button>
      {create.isError && (
        <p className="error-text" role="alert">
          {errorMessage(create.error)}
        </p>
      )}
    </form>
  );
}

function UserRow({ user, self }: { user: User; self: boolean }) {
  const qc = useQueryClient();
  const toasts = useToasts();
  const [password, setPassword] = useState<string | null>(null);
  const update = useMutation({
    mutationFn: (change: { role?: Role; disabled?: boolean; password?: string }) =>
      updateUser(user.id, change),
    onSuccess: (_user, change) => {
      void qc.invalidateQueries({ queryKey: USERS_KEY });
      if (change.password !== undefined) {
        setPassword(null);
        toasts.info(`New password set for ${user.email}; their sessions ended`);
      }
    },
    onError: (err) => toasts.error(`${user.email} not changed: ${errorMessage(err)}`),
  });
  const signOut = useMutation({
    mutationFn: () => revokeSessions(user.id),
    onSuccess: (r) =>
      toasts.info(`${user.email} signed out of ${r.revoked} session${r.revoked === 1 ? '' : 's'}`),
    onError: (err) => toasts.error(errorMessage(err)),
  });
  return (
    <tr data-testid={`user-${user.email}`}>
      <td>
        {user.email}
        {self && <span className="hint"> (you)</span>}
      </td>
      <td>
        <select
          aria-label={`Role of ${user.email}`}
          value={user.role}
          disabled={self || update.isPending}
          title={self ? 'You cannot drop your own admin role' : undefined}
          onChange={(e) => update.mutate({ role: e.target.value as Role })}
        >
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </td>
      <td>{user.disabled ? 'Disabled' : 'Active'}</td>
      <td>{user.lastLoginAt ? new Date(user.lastLoginAt).toLocaleString() : 'never'}</td>
      <td className="settings-actions">
        {!self && (
          <button
            type="button"
            className="small"
            disabled={update.isPending}
            onClick={() => update.mutate({ disabled: !user.disabled })}
          >
            {user.disabled ? 'Enable' : 'Disable'}
          </button>
        )}
        <button
          type="button"
          className="small"
          disabled={signOut.isPending}
          onClick={() => signOut.mutate()}
        >
          Sign out everywhere
        </button>
        {password === null ? (
          <button type="button" className="small" onClick={() => setPassword('')}>
            Set password
          </button>
        ) : (
          <form
            className="settings-actions"
            onSubmit={(e) => {
              e.preventDefault();
              update.mutate({ password });
            }}
          >
            <input
              type="password"
              aria-label={`New password for ${user.email}`}
              required
              minLength={12}
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <button type="submit" className="small" disabled={update.isPending}>
              Save password
            </button>
            <button type="button" className="small" onClick={() => setPassword(null)}>
              Cancel
            </button>
          </form>
        )}
      </td>
    </tr>
  );
}
