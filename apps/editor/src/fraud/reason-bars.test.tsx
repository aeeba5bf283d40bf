import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { FraudReason } from './fraud-api';
import { ReasonBars, TopReasons } from './reason-bars';
import { reasonBars } from './reason-scale';

const reasons: FraudReason[] = [
  {
    feature: 'email_orders_1h',
    text: '5 orders from this email in the last hour',
    direction: 'raises',
    weight: 1,
  },
  {
    feature: 'customer_prior_orders',
    text: '12 earlier orders from this customer',
    direction: 'lowers',
    weight: -0.5,
  },
  { feature: 'csc_mismatch', text: 'CSC did not match', direction: 'raises', weight: 2 },
  {
    feature: 'country_mismatch',
    text: 'billing and shipping countries differ',
    direction: 'raises',
    weight: 0.5,
  },
];

describe('reason bars', () => {
  it('orders reasons by the size of their contribution and scales bars to the largest', () => {
    const bars = reasonBars(reasons);
    expect(bars.map((b) => [b.reason.feature, b.share, b.raises])).toEqual([
      ['csc_mismatch', 1, true],
      ['email_orders_1h', 0.5, true],
      // Equal sizes keep the runtime's order; a lowering reason is as long as its size says.
      ['customer_prior_orders', 0.25, false],
      ['country_mismatch', 0.25, true],
    ]);
    expect(reasonBars([{ ...reasons[0]!, weight: 0 }])[0]!.share).toBe(0);
    expect(reasonBars([])).toEqual([]);
  });

  it('draws raising reasons to the right in red and lowering ones to the left in green', () => {
    render(<ReasonBars reasons={reasons} />);
    const items = within(screen.getByTestId('reason-bars')).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      'CSC did not match+2.00 raises the risk',
      '5 orders from this email in the last hour+1.00 raises the risk',
      '12 earlier orders from this customer\u22120.50 lowers the risk',
      'billing and shipping countries differ+0.50 raises the risk',
    ]);
    const csc = screen.getByTestId('reason-csc_mismatch');
    const bar = within(csc).getByTestId('reason-bar');
    expect(bar.className).toBe('reason-bar reason-raises');
    expect(bar.style.width).toBe('100%');
    expect(bar.parentElement!.className).toContain('reason-half-raises');
    const known = within(screen.getByTestId('reason-customer_prior_orders')).getByTestId(
      'reason-bar',
    );
    expect(known.className).toBe('reason-bar reason-lowers');
    expect(known.style.width).toBe('25%');
    expect(known.parentElement!.className).toContain('reason-half-lowers');
  });

  it('says so when the model gave no reasons', () => {
    render(<ReasonBars reasons={[]} />);
    expect(screen.getByText('The model gave no reasons for this score.')).toBeTruthy();
  });

  it('lists the top three reasons with their direction for the queue', () => {
    render(<TopReasons reasons={reasons} />);
    const items = screen.getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      '▲ CSC did not match',
      '▲ 5 orders from this email in the last hour',
      '▼ 12 earlier orders from this customer',
    ]);
    expect(screen.getAllByLabelText('raises the risk')).toHaveLength(2);
  });
});
