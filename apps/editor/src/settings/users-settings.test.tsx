import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeRuntime, type FakeCall } from '../api/fake-runtime.test-support';
import { SettingsPage } from './settings-page';
import { me, renderSettings } from './settings-test-support';

interface U {
  id: string;
  email: string;
  role: string;
  disabled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

function runtime(users: U[]): FakeCall[] {
  return fakeRuntime((c) => {
    if (c.method === 'GET' && c.path === '/api/users') return { body: { users } };
    if (c.method === 'POST' && c.path === '/api/users') {
      const body = c.body as { email: string; role: string };
      const user = {
        id: `u${users.length + 1}`,
        ...body,
        disabled: false,
        lastLoginAt: null,
        createdAt: '',
      };
      users.push(user);
      return { status: 201, body: user };
    }
    const patch = c.path.match(/^\/api\/users\/([^/]+)$/);
    if (c.method === 'PATCH' && patch) {
      const user = users.find((u) => u.id === patch[1])!;
      Object.assign(user, c.body);
      return { body: user };
    }
    if (c.method === 'POST' && c.path.endsWith('/revoke-sessions')) return { body: { revoked: 2 } };
    return undefined;
  });
}

const user = (id: string, email: string, role: string): U => ({
  id,
  email,
  role,
  disabled: false,
  lastLoginAt: null,
  createdAt: '2026-11-01T00:00:00.000Z',
});

afterEach(() => vi.unstubAllGlobals());

describe('Users tab', () => {
  it('adds a user with a role and lists them', async () => {
    const calls = runtime([user('u-admin', 'admin@example.com', 'admin')]);
    renderSettings(<SettingsPage me={me('admin')} tab="users" />);
    await screen.findByTestId('user-admin@example.com');
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'ops@example.com' } });
    fireEvent.change(screen.getByLabelText('First password'), {
      target: { value: 'long-enough-password' },
    });
    fireEvent.change(screen.getByLabelText('Role'), { target: { value: 'operator' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add user' }));
    const row = await screen.findByTestId('user-ops@example.com');
    expect((within(row).getByLabelText('Role of ops@example.com') as HTMLSelectElement).value).toBe(
      'operator',
    );
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      email: 'ops@example.com',
      password: 'long-enough-password',
      role: 'operator',
    });
  });

  it('changes a role, disables and re-enables, and signs a user out everywhere', async () => {
    const calls = runtime([
      user('u-admin', 'admin@example.com', 'admin'),
      user('u2', 'ed@example.com', 'editor'),
    ]);
    renderSettings(<SettingsPage me={me('admin')} tab="users" />);
    const row = await screen.findByTestId('user-ed@example.com');
    fireEvent.change(within(row).getByLabelText('Role of ed@example.com'), {
      target: { value: 'viewer' },
    });
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    fireEvent.click(await within(row).findByRole('button', { name: 'Disable' }));
    expect(await within(row).findByText('Disabled')).toBeTruthy();
    fireEvent.click(within(row).getByRole('button', { name: 'Enable' }));
    expect(await within(row).findByText('Active')).toBeTruthy();
    fireEvent.click(within(row).getByRole('button', { name: 'Sign out everywhere' }));
    expect(await screen.findByText(/signed out of 2 sessions/)).toBeTruthy();
    expect(calls.filter((c) => c.method !== 'GET').map((c) => [c.method, c.path, c.body])).toEqual([
      ['PATCH', '/api/users/u2', { role: 'viewer' }],
      ['PATCH', '/api/users/u2', { disabled: true }],
      ['PATCH', '/api/users/u2', { disabled: false }],
      ['POST', '/api/users/u2/revoke-sessions', undefined],
    ]);
  });

  it('sets a new password for a user', async () => {
    const calls = runtime([
      user('u-admin', 'admin@example.com', 'admin'),
      user('u2', 'ed@example.com', 'editor'),
    ]);
    renderSettings(<SettingsPage me={me('admin')} tab="users" />);
    const row = await screen.findByTestId('user-ed@example.com');
    fireEvent.click(within(row).getByRole('button', { name: 'Set password' }));
    fireEvent.change(within(row).getByLabelText('New password for ed@example.com'), {
      target: { value: 'another-long-password' },
    });
    fireEvent.click(within(row).getByRole('button', { name: 'Save password' }));
    expect(await screen.findByText(/New password set for ed@example.com/)).toBeTruthy();
    expect(within(row).queryByLabelText('New password for ed@example.com')).toBeNull();
    expect(calls.filter((c) => c.method === 'PATCH').map((c) => c.body)).toEqual([
      { password: 'another-long-password' },
    ]);
  });

  it('does not offer an admin to demote or disable themselves', async () => {
    runtime([user('u-admin', 'admin@example.com', 'admin')]);
    renderSettings(<SettingsPage me={me('admin')} tab="users" />);
    const row = await screen.findByTestId('user-admin@example.com');
    expect(
      (within(row).getByLabelText('Role of admin@example.com') as HTMLSelectElement).disabled,
    ).toBe(true);
    expect(within(row).queryByRole('button', { name: 'Disable' })).toBeNull();
    expect(within(row).getByText('(you)')).toBeTruthy();
  });
});
