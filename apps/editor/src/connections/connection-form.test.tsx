import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { connectionCatalog } from '@paybridge/nodes/definitions';
import { describe, expect, it, vi } from 'vitest';
import { ApiFailure } from '../api/api-failure';
import { ConnectionForm } from './connection-form';

const basic = connectionCatalog().find((t) => t.type === 'http.basic-auth')!;
const stored = {
  id: 'c1',
  type: 'http.basic-auth',
  name: 'ERP',
  values: { username: 'ada', password: { set: true } },
  createdBy: null,
  createdAt: '',
  updatedAt: '',
};

describe('ConnectionForm', () => {
  it('shows a stored secret only as saved and does not send it back', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    render(
      <ConnectionForm type={basic} connection={stored} onSubmit={onSubmit} onCancel={() => {}} />,
    );
    expect(screen.getByTestId('secret-password-masked').textContent).toMatch(/saved/);
    expect(document.querySelector('input[type=password]')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalled());
    expect(onSubmit.mock.lastCall?.[0]).toEqual({ name: 'ERP', values: { username: 'ada' } });
  });

  it('sends a replaced secret and shows the runtime field messages', async () => {
    const onSubmit = vi.fn().mockRejectedValue(
      new ApiFailure(422, 'VALIDATION_FAILED', 'Values do not fit', {
        issues: [
          { path: ['password'], message: 'Too small: expected string to have >=12 characters' },
        ],
      }),
    );
    render(
      <ConnectionForm type={basic} connection={stored} onSubmit={onSubmit} onCancel={() => {}} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Replace' }));
    const input = document.querySelector('input[type=password]') as HTMLInputElement;
    fireEvent.change(input, { target: { value: 'short' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() =>
      expect(
        screen
          .getAllByRole('alert')
          .map((a) => a.textContent)
          .join(),
      ).toMatch(/12 characters/),
    );
    expect(onSubmit.mock.lastCall?.[0].values).toEqual({ username: 'ada', password: 'short' });
  });
});
