import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { monthsEnding } from './chargeback-ratio';
import { RatioChart, RatioTable } from './ratio-chart';

const months = monthsEnding('2026-06', 6, [
  { month: '2026-02', disputes: 2, settled: 1000 },
  { month: '2026-05', disputes: 6, settled: 1000 },
  { month: '2026-06', disputes: 20, settled: 1000 },
]);

describe('chargeback ratio chart', () => {
  it('draws the early-warning lines over every month and the VAMP line from April 2026', () => {
    const { container } = render(<RatioChart months={months} />);
    const low = screen.getByTestId('threshold-early-warning-low').querySelector('line')!;
    const vamp = screen.getByTestId('threshold-visa-vamp').querySelector('line')!;
    // Six months from January: VAMP starts at the fourth slot (April), the band at the first.
    expect(Number(vamp.getAttribute('x1'))).toBeGreaterThan(Number(low.getAttribute('x1')));
    const slot = (Number(low.getAttribute('x2')) - Number(low.getAttribute('x1'))) / 6;
    expect(Number(vamp.getAttribute('x1')) - Number(low.getAttribute('x1'))).toBeCloseTo(3 * slot);
    expect(screen.getByText('Visa VAMP 1.5% (from April 2026)')).toBeTruthy();
    // The VAMP line sits higher (smaller y) than the 0.7 % warning line.
    const high = screen.getByTestId('threshold-early-warning-high').querySelector('line')!;
    expect(Number(vamp.getAttribute('y1'))).toBeLessThan(Number(high.getAttribute('y1')));
    // Bars are coloured by where they stand: May in the warning band, June over the limit.
    const bars = [...container.querySelectorAll('rect')].map((r) => r.getAttribute('class'));
    expect(bars).toEqual([
      'ratio-bar ratio-no-volume',
      'ratio-bar ratio-fine',
      'ratio-bar ratio-no-volume',
      'ratio-bar ratio-no-volume',
      'ratio-bar ratio-early-warning',
      'ratio-bar ratio-over-limit',
    ]);
    expect(screen.getByRole('img').getAttribute('aria-label')).toContain('this month 2.00%');
  });

  it('lists the figures newest first, a month without sales as a dash', () => {
    render(<RatioTable months={months} />);
    const rows = within(screen.getByTestId('ratio-table')).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      'Jun 262010002.00%',
      'May 26610000.60%',
      'Apr 2600—',
      'Mar 2600—',
      'Feb 26210000.20%',
      'Jan 2600—',
    ]);
    expect(within(rows[0]!).getByText('2.00%').className).toContain('error-text');
    expect(within(rows[1]!).getByText('0.60%').className).toContain('warning-text');
  });
});
