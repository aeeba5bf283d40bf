import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { RatioChart, RatioTable } from './ratio-chart';
import { ratioMonth, THRESHOLDS } from './ratio.test-support';

const ratio = {
  months: [
    ratioMonth('2026-01', 0, 0),
    ratioMonth('2026-02', 2),
    ratioMonth('2026-03', 0, 0),
    ratioMonth('2026-04', 0, 0),
    ratioMonth('2026-05', 6),
    ratioMonth('2026-06', 20),
  ],
  thresholds: THRESHOLDS,
};

const line = (id: string) => screen.getByTestId(`threshold-${id}`).querySelector('line')!;
const at = (el: Element, attr: string) => Number(el.getAttribute(attr));

describe('chargeback ratio chart', () => {
  it('draws the early-warning lines over every month and the VAMP line from April 2026', () => {
    const { container } = render(<RatioChart ratio={ratio} />);
    const low = line('acquirer-early-warning-low');
    const high = line('acquirer-early-warning-high');
    const vamp = line('visa-vamp');
    // Six months from January: VAMP starts at the fourth slot (April), the band at the first.
    const slot = (at(low, 'x2') - at(low, 'x1')) / 6;
    expect(at(vamp, 'x1') - at(low, 'x1')).toBeCloseTo(3 * slot);
    expect(screen.getByText('Visa VAMP excessive (1.5%)')).toBeTruthy();
    // Higher ratios sit higher on the chart (smaller y): 1.5 % above 0.7 % above 0.5 %.
    expect(at(vamp, 'y1')).toBeLessThan(at(high, 'y1'));
    expect(at(high, 'y1')).toBeLessThan(at(low, 'y1'));
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
    render(<RatioTable ratio={ratio} />);
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
