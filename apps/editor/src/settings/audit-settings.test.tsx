import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeRuntime } from '../api/fake-runtime.test-support';
import { SettingsPage } from './settings-page';
import { me, renderSettings } from './settings-test-support';

const entry = (id: number, action: string) => ({
  id,
  at: '2026-12-01T10:00:00.000Z',
  actorType: 'user',
  actorId: 'u1',
  actorLabel: 'admin@example.com',
  action,
  targetType: 'token',
  targetId: `t${id}`,
  ip: '127.0.0.1',
  details: { name: `token ${id}` },
});

afterEach(() => vi.unstubAllGlobals());

describe('Audit log tab', () => {
  it('sends the filters to the runtime and pages back with its cursor', async () => {
    const calls = fakeRuntime((c) => {
      if (c.path !== '/api/audit') return undefined;
      const q = new URLSearchParams(c.search);
      if (q.get('before') === '8')
        return { body: { entries: [entry(7, 'token.revoke')], nextBefore: null } };
      return {
        body: { entries: [entry(9, 'token.create'), entry(8, 'token.create')], nextBefore: 8 },
      };
    });
    renderSettings(<SettingsPage me={me('admin')} tab="audit" />);
    expect(await screen.findAllByTestId('audit-entry')).toHaveLength(2);
    expect(screen.getByText('{"name":"token 9"}')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Action'), { target: { value: 'token' } });
    fireEvent.change(screen.getByLabelText('Actor'), { target: { value: ' admin@ ' } });
    fireEvent.change(screen.getByLabelText('Target id'), { target: { value: 't9' } });
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-12-01T09:00' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-12-01T11:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => expect(calls.length).toBe(2));
    const q = new URLSearchParams(calls[1]!.search);
    expect(Object.fromEntries(q)).toEqual({
      limit: '50',
      action: 'token',
      actor: 'admin@',
      targetId: 't9',
      since: new Date('2026-12-01T09:00').toISOString(),
      until: new Date('2026-12-01T11:00').toISOString(),
    });

    fireEvent.click(await screen.findByRole('button', { name: 'Older entries' }));
    await waitFor(() => expect(screen.getAllByTestId('audit-entry')).toHaveLength(3));
    expect(new URLSearchParams(calls[2]!.search).get('before')).toBe('8');
    expect(new URLSearchParams(calls[2]!.search).get('action')).toBe('token');
    expect(screen.queryByRole('button', { name: 'Older entries' })).toBeNull();
  });

  it('says when nothing matches', async () => {
    fakeRuntime(() => ({ body: { entries: [], nextBefore: null } }));
    renderSettings(<SettingsPage me={me('admin')} tab="audit" />);
    expect(await screen.findByText('No entries match these filters.')).toBeTruthy();
  });
});
