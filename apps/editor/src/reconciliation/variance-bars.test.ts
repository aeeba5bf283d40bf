import { describe, expect, it } from 'vitest';
import { CLEAN_TICK, MAX_BAR_WIDTH, varianceBars } from './variance-bars';

describe('varianceBars', () => {
  it('draws over upwards and short downwards from the zero line, scaled to the largest', () => {
    const { bars, zeroY } = varianceBars(
      [
        { date: '2026-03-01', variance: 1000 },
        { date: '2026-03-02', variance: -500 },
      ],
      200,
      102,
    );
    expect(zeroY).toBe(51);
    const [over, short] = bars;
    expect(over).toMatchObject({ tone: 'over', height: 50, y: 1 });
    expect(short).toMatchObject({ tone: 'short', height: 25, y: 51 });
    expect(over!.x).toBeLessThan(short!.x);
    expect(over!.x + over!.width).toBeLessThanOrEqual(100);
  });

  it('keeps a clean day visible as a small tick on the zero line', () => {
    const { bars } = varianceBars([{ date: '2026-03-01', variance: 0 }], 100, 40);
    expect(bars[0]).toMatchObject({ tone: 'clean', height: CLEAN_TICK, y: 20 - CLEAN_TICK / 2 });
  });

  it('does not let a one-cent variance disappear beside a large one', () => {
    const { bars } = varianceBars(
      [
        { date: 'a', variance: 10_000_000 },
        { date: 'b', variance: -1 },
      ],
      100,
      40,
    );
    expect(bars[1]!.height).toBeGreaterThanOrEqual(CLEAN_TICK);
  });

  it('draws nothing for no days, and leaves days not reconciled as empty slots', () => {
    expect(varianceBars([], 100, 40).bars).toEqual([]);
    const { bars } = varianceBars(
      [
        { date: 'a', variance: null },
        { date: 'b', variance: 300 },
        { date: 'c', variance: null },
      ],
      300,
      40,
    );
    expect(bars.map((b) => b.date)).toEqual(['b']);
    expect(bars[0]!.width).toBe(MAX_BAR_WIDTH);
    expect(bars[0]!.x).toBe(150 - MAX_BAR_WIDTH / 2);
  });
});
