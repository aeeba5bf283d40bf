import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiFailure } from '../api/api-failure';
import type { LedgerAccount } from './ledger-api';
import { NewEntryForm } from './new-entry-form';

const accounts: LedgerAccount[] = [
  { code: '1000', role: 'cash', name: 'Cash and bank', type: 'asset' },
  { code: '3000', role: 'owner-equity', name: "Owner's equity", type: 'equity' },
];

function fillLine(n: number, account: string, side: 'debit' | 'credit', amount: string) {
  fireEvent.change(screen.getByLabelText(`Line ${n} account`), { target: { value: account } });
  fireEvent.change(screen.getByLabelText(`Line ${n} ${side}`), { target: { value: amount } });
}

function renderForm(onSubmit = vi.fn().mockResolvedValue(undefined)) {
  render(<NewEntryForm accounts={accounts} onSubmit={onSubmit} onCancel={() => {}} />);
  fireEvent.change(screen.getByLabelText('Reference'), { target: { value: 'owner-1' } });
  fireEvent.change(screen.getByLabelText('Date'), { target: { value: '2026-03-01' } });
  return onSubmit;
}

describe('NewEntryForm', () => {
  it('posts a balanced entry with amounts converted exactly to minor units', async () => {
    const onSubmit = renderForm();
    fillLine(1, '1000', 'debit', '1,000.10');
    fillLine(2, '3000', 'credit', '1000.1');
    expect(screen.getByText('Balanced')).toBeTruthy();
    expect(screen.getByTestId('draft-debits').textContent).toBe('1,000.10 USD');
    fireEvent.click(screen.getByRole('button', { name: 'Post entry' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.lastCall?.[0]).toEqual({
      externalRef: 'owner-1',
      currency: 'USD',
      date: '2026-03-01',
      lines: [
        { account: '1000', debit: 100010, credit: 0 },
        { account: '3000', debit: 0, credit: 100010 },
      ],
    });
  });

  it('uses the exponent of the chosen currency', async () => {
    const onSubmit = renderForm();
    fireEvent.change(screen.getByLabelText('Currency'), { target: { value: 'jpy' } });
    fillLine(1, '1000', 'debit', '500');
    fillLine(2, '3000', 'credit', '500');
    fireEvent.click(screen.getByRole('button', { name: 'Post entry' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.lastCall?.[0].lines[0].debit).toBe(500);
    expect(onSubmit.mock.lastCall?.[0].currency).toBe('JPY');
  });

  it('shows what is wrong, by line, and does not post', async () => {
    const onSubmit = renderForm();
    fillLine(1, '1000', 'debit', '10.005');
    fireEvent.change(screen.getByLabelText('Line 2 credit'), { target: { value: '10' } });
    fireEvent.click(screen.getByRole('button', { name: 'Post entry' }));
    const errors = await screen.findByTestId('entry-errors');
    expect(errors.textContent).toContain('line 1: debit USD has at most 2 decimals');
    expect(errors.textContent).toContain('line 2: choose an account');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('shows the running difference while the entry does not balance', () => {
    renderForm();
    fillLine(1, '1000', 'debit', '10');
    fillLine(2, '3000', 'credit', '9.5');
    expect(screen.getByText('Out of balance by 0.50 USD')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Post entry' }));
    expect(screen.getByTestId('entry-errors').textContent).toMatch(/does not balance/);
  });

  it("shows the runtime's 422 message naming the bad line", async () => {
    const onSubmit = renderForm(
      vi
        .fn()
        .mockRejectedValue(new ApiFailure(422, 'INVALID_LINE', 'line 2: unknown account "9999"')),
    );
    fillLine(1, '1000', 'debit', '1');
    fillLine(2, '3000', 'credit', '1');
    fireEvent.click(screen.getByRole('button', { name: 'Post entry' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalled());
    const alert = await screen.findByTestId('entry-server-error');
    expect(alert.textContent).toBe('The runtime refused the entry: line 2: unknown account "9999"');
    expect(alert.getAttribute('role')).toBe('alert');
  });

  it('adds and removes lines, keeping at least two', () => {
    renderForm();
    expect(screen.getByRole('button', { name: 'Remove line 1' })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('button', { name: 'Add line' }));
    expect(screen.getByLabelText('Line 3 account')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Remove line 3' }));
    expect(screen.queryByLabelText('Line 3 account')).toBeNull();
  });
});
