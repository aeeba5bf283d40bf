/**
 * The geometry of the variance chart: one bar per day, up for over, down for short, around a
 * zero line. Kept apart from the SVG so the scale can be tested: the largest absolute variance
 * fills half the height, and a clean day still gets a visible tick so a month of clean days does
 * not look like missing data.
 *
 * @module
 */
import { varianceTone, type VarianceTone } from './variance';

/** One day's variance in minor units; null for a day not reconciled (no bar, an empty slot). */
export interface VariancePoint {
  date: string;
  variance: number | null;
}

/** A bar to draw, in SVG user units (y grows downwards). */
export interface VarianceBar {
  date: string;
  variance: number;
  x: number;
  y: number;
  width: number;
  height: number;
  tone: VarianceTone;
}

/** The height of the tick a clean day gets. */
export const CLEAN_TICK = 2;

/** The widest a bar gets, so a month with one reconciled day does not draw a slab. */
export const MAX_BAR_WIDTH = 14;

/**
 * Lays out `points` in a `width` x `height` box, one slot each in the order given (a month's
 * days), a bar for each reconciled day. Bars are scaled to the largest absolute variance
 * (amounts stay integers until this division, which only sizes pixels).
 */
export function varianceBars(
  points: VariancePoint[],
  width: number,
  height: number,
): { bars: VarianceBar[]; zeroY: number } {
  const zeroY = height / 2;
  if (points.length === 0) return { bars: [], zeroY };
  const slot = width / points.length;
  const barWidth = Math.min(MAX_BAR_WIDTH, Math.max(1, slot * 0.7));
  const largest = Math.max(0, ...points.map((p) => Math.abs(p.variance ?? 0)));
  const half = zeroY - 1;
  const bars: VarianceBar[] = [];
  points.forEach((p, i) => {
    if (p.variance === null) return;
    const tone = varianceTone(p.variance);
    const size = largest === 0 ? 0 : (Math.abs(p.variance) / largest) * half;
    const h = tone === 'clean' ? CLEAN_TICK : Math.max(CLEAN_TICK, size);
    const y = tone === 'over' ? zeroY - h : tone === 'short' ? zeroY : zeroY - h / 2;
    bars.push({
      date: p.date,
      variance: p.variance,
      x: i * slot + (slot - barWidth) / 2,
      y,
      width: barWidth,
      height: h,
      tone,
    });
  });
  return { bars, zeroY };
}
