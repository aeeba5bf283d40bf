/**
 * The cost bucket of the (app, store) pair: a leaky bucket that starts full, refills continuously
 * at the plan's restore rate on the simulated clock, must hold a query's requested cost before it
 * runs, and gets back the difference between requested and actual cost afterwards.
 * @module
 */
import type { ShopContext } from '../context.js';
import { bucketLimits } from '../settings.js';

/** `extensions.cost.throttleStatus`. */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

function level(sim: ShopContext): number {
  const { maximumAvailable, restoreRate } = bucketLimits(sim.settings);
  const now = sim.now();
  const bucket = sim.state.bucket ?? { available: maximumAvailable, at: now };
  const restored = (Math.max(0, now - bucket.at) / 1000) * restoreRate;
  const available = Math.min(maximumAvailable, bucket.available + restored);
  sim.state.bucket = { available, at: now };
  return available;
}

/** Takes `cost` points if the bucket holds them; `false` (nothing taken) otherwise. */
export function takePoints(sim: ShopContext, cost: number): boolean {
  const available = level(sim);
  if (available < cost) return false;
  sim.state.bucket = { available: available - cost, at: sim.now() };
  return true;
}

/** Returns unused points (requested minus actual cost). */
export function returnPoints(sim: ShopContext, points: number): void {
  const available = level(sim);
  const { maximumAvailable } = bucketLimits(sim.settings);
  sim.state.bucket = { available: Math.min(maximumAvailable, available + points), at: sim.now() };
}

/** The bucket as answers report it (whole points available). */
export function throttleStatus(sim: ShopContext): ThrottleStatus {
  const { maximumAvailable, restoreRate } = bucketLimits(sim.settings);
  return { maximumAvailable, currentlyAvailable: Math.floor(level(sim)), restoreRate };
}
