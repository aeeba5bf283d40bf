import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { NoteDialog } from './note-dialog';

function renderDialog(onResolve: (note: string) => Promise<void>) {
  render(
    <NoteDialog
      title="Resolve it"
      label="How was it handled?"
      placeholder="e.g. by hand"
      missingNote="Say how it was handled"
      onResolve={onResolve}
      onClose={() => {}}
    />,
  );
}

describe('NoteDialog', () => {
  it('asks for a note before sending, then sends it trimmed, once while busy', async () => {
    let finish = () => {};
    const onResolve = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    renderDialog(onResolve);
    fireEvent.click(screen.getByRole('button', { name: 'Resolve' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Say how it was handled');
    expect(onResolve).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText('How was it handled?'), {
      target: { value: '  Posted by hand  ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Resolve' }));
    const busy = screen.getByRole('button', { name: 'Resolving…' });
    expect(busy).toHaveProperty('disabled', true);
    fireEvent.click(busy);
    expect(onResolve).toHaveBeenCalledTimes(1);
    expect(onResolve).toHaveBeenCalledWith('Posted by hand');
    expect(screen.queryByRole('alert')).toBeNull();
    finish();
    await screen.findByRole('button', { name: 'Resolve' });
  });

  it('shows a failure and keeps what was typed', async () => {
    renderDialog(() => Promise.reject(new Error('Already resolved by someone else')));
    fireEvent.change(screen.getByLabelText('How was it handled?'), { target: { value: 'Done' } });
    fireEvent.click(screen.getByRole('button', { name: 'Resolve' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('Already resolved by someone else'),
    );
    expect(screen.getByLabelText('How was it handled?')).toHaveProperty('value', 'Done');
    expect(screen.getByRole('button', { name: 'Resolve' })).toHaveProperty('disabled', false);
  });
});
