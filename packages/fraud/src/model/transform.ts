import type { Transform } from '../features/catalogue';

/** The monotone transform a feature goes through before the linear model. */
export function applyTransform(transform: Transform, value: number): number {
  return transform === 'log1p' ? Math.log1p(Math.max(0, value)) : value;
}
