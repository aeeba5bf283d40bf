import { describe, expect, it } from 'vitest';
import {
  chargebackRatio,
  formatRatio,
  inForce,
  monthLabel,
  monthsEnding,
  scaleTop,
  standing,
  THRESHOLDS,
} from './chargeback-ratio';

const vamp = THRESHOLDS.find((t) => t.id === 'visa-vamp')!;

describe('chargeback ratio', () => {
  it('is disputes over settled transactions, and nothing (not 0 %) without sales', () => {
    expect(chargebackRatio({ disputes: 3, settled: 600 })).toBe(0.005);
    expect(chargebackRatio({ disputes: 0, settled: 600 })).toBe(0);
    expect(chargebackRatio({ disputes: 2, settled: 0 })).toBeNull();
    expect(formatRatio(0.00425)).toBe('0.43%');
    expect(formatRatio(0)).toBe('0.00%');
    expect(formatRatio(null)).toBe('—');
  });

  it('applies Visa VAMP’s 1.5 % from April 2026 only; the early-warning band always', () => {
    expect(inForce(vamp, '2026-03')).toBe(false);
    expect(inForce(vamp, '2026-04')).toBe(true);
    const month = (m: string, disputes: number) => ({ month: m, disputes, settled: 1000 });
    expect(standing(month('2026-05', 4))).toBe('fine');
    expect(standing(month('2026-05', 5))).toBe('early-warning');
    expect(standing(month('2026-05', 15))).toBe('over-limit');
    // Before April 2026 the 1.5 % line did not exist: still an early warning, not over a limit.
    expect(standing(month('2026-03', 15))).toBe('early-warning');
    expect(standing({ month: '2026-05', disputes: 1, settled: 0 })).toBe('no-volume');
  });

  it('lists the last months in order, filling months without a row with zeros, across a year', () => {
    const months = monthsEnding('2026-02', 4, [
      { month: '2026-01', disputes: 2, settled: 400 },
      { month: '2025-11', disputes: 1, settled: 100 },
    ]);
    expect(months).toEqual([
      { month: '2025-11', disputes: 1, settled: 100 },
      { month: '2025-12', disputes: 0, settled: 0 },
      { month: '2026-01', disputes: 2, settled: 400 },
      { month: '2026-02', disputes: 0, settled: 0 },
    ]);
    expect(monthLabel('2026-04')).toBe('Apr 26');
  });

  it('scales the chart to fit the highest ratio and the lines in force, on a 0.25 % step', () => {
    const quiet = [{ month: '2026-06', disputes: 1, settled: 1000 }];
    expect(scaleTop(quiet)).toBe(0.0175); // the VAMP line (1.5 %) plus room
    const before = [{ month: '2025-06', disputes: 1, settled: 1000 }];
    expect(scaleTop(before)).toBe(0.01); // only the early-warning band is drawn
    const bad = [{ month: '2026-06', disputes: 30, settled: 1000 }];
    expect(scaleTop(bad)).toBe(0.035);
  });
});
