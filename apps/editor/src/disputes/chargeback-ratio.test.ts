import { describe, expect, it } from 'vitest';
import {
  axisLabel,
  formatRatio,
  gridTicks,
  inForce,
  monthLabel,
  scaleTop,
  standing,
} from './chargeback-ratio';
import { ratioMonth as month, THRESHOLDS } from './ratio.test-support';

describe('chargeback ratio', () => {
  it('shows a percentage with two decimals, and a dash (not 0 %) without sales', () => {
    expect(formatRatio(0.00425)).toBe('0.43%');
    expect(formatRatio(0)).toBe('0.00%');
    expect(formatRatio(null)).toBe('—');
  });

  it('applies Visa VAMP’s 1.5 % from April 2026 only; the early-warning band always', () => {
    const vamp = THRESHOLDS[0]!;
    expect(inForce(vamp, '2026-03')).toBe(false);
    expect(inForce(vamp, '2026-04')).toBe(true);
    expect(standing(month('2026-05', 4), THRESHOLDS)).toBe('fine');
    expect(standing(month('2026-05', 5), THRESHOLDS)).toBe('early-warning');
    expect(standing(month('2026-05', 15), THRESHOLDS)).toBe('over-limit');
    // Before April 2026 the 1.5 % line did not exist: an early warning, not over a limit.
    expect(standing(month('2026-03', 15), THRESHOLDS)).toBe('early-warning');
    expect(standing(month('2026-05', 1, 0), THRESHOLDS)).toBe('no-volume');
  });

  it('scales the chart to fit the highest ratio and the lines in force, on a 0.25 % step', () => {
    expect(scaleTop([month('2026-06', 1)], THRESHOLDS)).toBe(0.0175); // VAMP 1.5 % plus room
    expect(scaleTop([month('2025-06', 1)], THRESHOLDS)).toBe(0.01); // only the 0.7 % line
    expect(scaleTop([month('2026-06', 30)], THRESHOLDS)).toBe(0.035);
    expect(monthLabel('2026-04')).toBe('Apr 26');
  });

  it('puts gridlines on round percentages and the year only where it changes', () => {
    expect(gridTicks(0.0175)).toEqual([0, 0.0025, 0.005, 0.0075, 0.01, 0.0125, 0.015, 0.0175]);
    expect(gridTicks(0.035)).toEqual([0, 0.005, 0.01, 0.015, 0.02, 0.025, 0.03, 0.035]);
    expect(axisLabel('2025-12', 0)).toEqual({ name: 'Dec', year: '2025' });
    expect(axisLabel('2026-01', 1)).toEqual({ name: 'Jan', year: '2026' });
    expect(axisLabel('2026-02', 2)).toEqual({ name: 'Feb', year: null });
  });
});
