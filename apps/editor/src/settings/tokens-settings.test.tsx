import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeRuntime } from '../api/fake-runtime.test-support';
import { me, renderSettings } from './settings-test-support';
import { SettingsPage } from './settings-page';

const token = (over: Record<string, unknown> = {}) => ({
  id: 't1',
  name: 'deploy',
  prefix: 'pbt_ab12',
  role: 'editor',
  expiresAt: null,
  lastUsedAt: '2026-12-01T10:00:00.000Z',
  revoked: false,
  createdAt: '2026-11-01T10:00:00.000Z',
  ...over,
});

afterEach(() => vi.unstubAllGlobals());

describe('API tokens tab', () => {
  it('creates a token with name, role and expiry, shows its value once with a copy button', async () => {
    const listed = [token()];
    const calls = fakeRuntime((c) => {
      if (c.method === 'GET' && c.path === '/api/tokens') return { body: { tokens: listed } };
      if (c.method === 'POST' && c.path === '/api/tokens') {
        listed.push(token({ id: 't2', name: 'ci', role: 'viewer' }));
        return {
          status: 201,
          body: { ...token({ id: 't2', name: 'ci', role: 'viewer' }), token: 'pbt_secret-value' },
        };
      }
      return undefined;
    });
    const writeText = vi.fn(async () => {});
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    renderSettings(<SettingsPage me={me('admin')} tab="tokens" />);
    expect(await screen.findByTestId('token-deploy')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Token name'), { target: { value: ' ci ' } });
    fireEvent.change(screen.getByLabelText('Token role'), { target: { value: 'viewer' } });
    fireEvent.change(screen.getByLabelText('Expires in'), { target: { value: '30 days' } });
    const sent = Date.now();
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));

    const once = await screen.findByTestId('new-token');
    expect(once.textContent).toMatch(/only time it is shown/);
    expect(within(once).getByTestId('new-token-value').textContent).toBe('pbt_secret-value');
    const post = calls.find((c) => c.method === 'POST')!.body as Record<string, string>;
    expect(post).toMatchObject({ name: 'ci', role: 'viewer' });
    const days = (Date.parse(post.expiresAt!) - sent) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);

    fireEvent.click(within(once).getByRole('button', { name: 'Copy token' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith('pbt_secret-value'));

    // Once dismissed, the value is gone from the page for good; the list shows the new token.
    fireEvent.click(screen.getByRole('button', { name: 'I have copied it' }));
    expect(screen.queryByText('pbt_secret-value')).toBeNull();
    expect(await screen.findByTestId('token-ci')).toBeTruthy();
  });

  it('lists last use and expiry, and revokes an active token after confirmation', async () => {
    let revoked = false;
    const calls = fakeRuntime((c) => {
      if (c.method === 'GET' && c.path === '/api/tokens') {
        return {
          body: {
            tokens: [
              token({ revoked }),
              token({ id: 't3', name: 'old', expiresAt: '2020-01-01T00:00:00.000Z' }),
              token({ id: 't4', name: 'unused', lastUsedAt: null }),
            ],
          },
        };
      }
      if (c.method === 'DELETE' && c.path === '/api/tokens/t1') {
        revoked = true;
        return { status: 204 };
      }
      return undefined;
    });
    vi.stubGlobal('confirm', () => true);
    renderSettings(<SettingsPage me={me('admin')} tab="tokens" />);
    const row = await screen.findByTestId('token-deploy');
    expect(within(screen.getByTestId('token-old')).getByText('Expired')).toBeTruthy();
    expect(within(screen.getByTestId('token-old')).queryByRole('button')).toBeNull();
    expect(within(screen.getByTestId('token-unused')).getAllByText('never')).toHaveLength(2);
    fireEvent.click(within(row).getByRole('button', { name: 'Revoke' }));
    await waitFor(() =>
      expect(within(screen.getByTestId('token-deploy')).getByText('Revoked')).toBeTruthy(),
    );
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual([
      '/api/tokens/t1',
    ]);
  });

  it('shows the runtime’s refusal when a token cannot be created', async () => {
    fakeRuntime((c) => {
      if (c.method === 'GET') return { body: { tokens: [] } };
      return {
        status: 429,
        body: { error: { code: 'RATE_LIMITED', message: 'Too many tokens created' } },
      };
    });
    renderSettings(<SettingsPage me={me('admin')} tab="tokens" />);
    fireEvent.change(await screen.findByLabelText('Token name'), { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Too many tokens created/);
    expect(screen.queryByTestId('new-token')).toBeNull();
  });
});
