import { describe, expect, it } from 'vitest';
import { atThreshold, averagePrecision, precisionAtTop, rocAuc } from './metrics';

const items = (pairs: [number, boolean][]) => pairs.map(([score, fraud]) => ({ score, fraud }));

describe('evaluation metrics', () => {
  it('ROC AUC is 1 for a perfect ranking, 0.5 when every score ties, and counts ties half', () => {
    expect(
      rocAuc(
        items([
          [90, true],
          [10, false],
          [20, false],
        ]),
      ),
    ).toBe(1);
    expect(
      rocAuc(
        items([
          [50, true],
          [50, false],
          [50, false],
        ]),
      ),
    ).toBe(0.5);
    // fraud at 60 beats 10, ties 60, loses to 70 -> (1 + 0.5 + 0) / 3
    expect(
      rocAuc(
        items([
          [60, true],
          [10, false],
          [60, false],
          [70, false],
        ]),
      ),
    ).toBeCloseTo(0.5);
  });

  it('average precision follows the step curve', () => {
    // ranking: F(90) L(80) F(70) L(10): AP = 0.5 * 1/1 + 0.5 * 2/3
    expect(
      averagePrecision(
        items([
          [90, true],
          [80, false],
          [70, true],
          [10, false],
        ]),
      ),
    ).toBeCloseTo(0.5 + 1 / 3);
  });

  it('precision and recall at a threshold include the threshold itself', () => {
    expect(
      atThreshold(
        items([
          [65, true],
          [64, true],
          [80, false],
        ]),
        65,
      ),
    ).toEqual({
      precision: 0.5,
      recall: 0.5,
      flagged: 2,
    });
  });

  it('precision at the top 1 % shares ties pro rata', () => {
    const pool = items([
      ...Array.from({ length: 198 }, () => [1, false] as [number, boolean]),
      [99, true],
      [99, false],
    ]);
    // top 1 % of 200 = 2 orders: both 99s -> one fraud in two
    expect(precisionAtTop(pool, 0.01)).toBe(0.5);
  });
});
