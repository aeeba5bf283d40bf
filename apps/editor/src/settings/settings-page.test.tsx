import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeRuntime } from '../api/fake-runtime.test-support';
import { SettingsPage } from './settings-page';
import { me, renderSettings } from './settings-test-support';

const settings = {
  publicUrl: 'https://pay.example.com',
  hooksUrl: null,
  sandbox: true,
  version: '1.4.2',
  nodeVersion: 'v20.11.0',
};

afterEach(() => vi.unstubAllGlobals());

describe('SettingsPage', () => {
  it('shows the public URL, release and sandbox mode on the General tab', async () => {
    fakeRuntime((c) => (c.path === '/api/settings' ? { body: settings } : undefined));
    renderSettings(<SettingsPage me={me('viewer')} />);
    expect(await screen.findByText('Paybridge 1.4.2')).toBeTruthy();
    expect(screen.getByText('https://pay.example.com')).toBeTruthy();
    expect(screen.getByText('v20.11.0')).toBeTruthy();
    expect(screen.getByText(/Sandbox: the built-in simulators/)).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Settings' });
    expect(nav.querySelector('[aria-current="page"]')?.textContent).toBe('General');
    expect(
      [...nav.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')]),
    ).toEqual([
      ['General', '/settings/general'],
      ['Users', '/settings/users'],
      ['API tokens', '/settings/tokens'],
      ['Audit log', '/settings/audit'],
      ['Alerts', '/settings/alerts'],
    ]);
  });

  it('tells a non-admin why the tokens tab has no controls, and asks the runtime nothing', async () => {
    const calls = fakeRuntime(() => undefined);
    renderSettings(<SettingsPage me={me('editor')} tab="tokens" />);
    expect(screen.getByTestId('admin-only').textContent).toMatch(
      /Only admins can create and revoke API tokens.*editor role/,
    );
    expect(screen.queryByRole('button', { name: 'Create token' })).toBeNull();
    expect(calls.filter((c) => c.path.startsWith('/api/tokens'))).toEqual([]);
  });

  it('opens the tab the URL names for an admin, and General for an unknown one', async () => {
    fakeRuntime((c) =>
      c.path === '/api/users'
        ? { body: { users: [] } }
        : c.path === '/api/settings'
          ? { body: settings }
          : undefined,
    );
    const { unmount } = renderSettings(<SettingsPage me={me('admin')} tab="users" />);
    expect(await screen.findByRole('button', { name: 'Add user' })).toBeTruthy();
    unmount();
    renderSettings(<SettingsPage me={me('admin')} tab="nonsense" />);
    expect(await screen.findByText('Paybridge 1.4.2')).toBeTruthy();
  });
});
