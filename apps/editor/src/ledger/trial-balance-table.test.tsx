import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TrialBalance } from './ledger-api';
import { TrialBalanceTable } from './trial-balance-table';

const report: TrialBalance = {
  range: {},
  accounts: [
    {
      code: '1000',
      name: 'Cash and bank',
      type: 'asset',
      currency: 'KWD',
      debit: 1500,
      credit: 0,
      balance: 1500,
    },
    {
      code: '3000',
      name: "Owner's equity",
      type: 'equity',
      currency: 'KWD',
      debit: 0,
      credit: 1500,
      balance: 1500,
    },
    {
      code: '1000',
      name: 'Cash and bank',
      type: 'asset',
      currency: 'USD',
      debit: 250000,
      credit: 1999,
      balance: 248001,
    },
    {
      code: '4000',
      name: 'Sales revenue',
      type: 'income',
      currency: 'USD',
      debit: 1999,
      credit: 250000,
      balance: 248001,
    },
  ],
  totals: [
    { currency: 'KWD', debit: 1500, credit: 1500, balanced: true },
    { currency: 'USD', debit: 251999, credit: 251999, balanced: true },
  ],
};

describe('TrialBalanceTable', () => {
  it('shows one table per currency with equal totals in the currency exponent', () => {
    render(<TrialBalanceTable report={report} />);
    const usd = screen.getByTestId('trial-balance-USD');
    expect(within(usd).getAllByRole('row')).toHaveLength(4);
    expect(screen.getByTestId('total-debits-USD').textContent).toBe('2,519.99 USD');
    expect(screen.getByTestId('total-credits-USD').textContent).toBe('2,519.99 USD');
    expect(screen.getByTestId('balanced-USD').textContent).toBe(
      '✓ Debits equal credits: 2,519.99 USD',
    );
    expect(screen.getByTestId('total-debits-KWD').textContent).toBe('1.500 KWD');
    expect(within(usd).getAllByText('2,480.01', { selector: 'td' })).toHaveLength(2);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('raises an alert with the difference when totals differ', () => {
    render(
      <TrialBalanceTable
        report={{
          ...report,
          totals: [{ currency: 'USD', debit: 251999, credit: 251000, balanced: false }],
        }}
      />,
    );
    expect(screen.getByRole('alert').textContent).toBe(
      '✗ Out of balance: debits and credits differ by 9.99 USD',
    );
    expect(screen.queryByTestId('balanced-USD')).toBeNull();
  });
});
