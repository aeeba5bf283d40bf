import type { DataSource } from './node-scope';
import type { DataOrigin, PathSegment, TargetType } from './path-writer';

/** A decimal amount as Shopify writes prices: `"49.99"`, `"45.0"`. */
const DECIMAL_AMOUNT = /^\d{1,15}\.\d{1,2}$/;

/**
 * The JSONata that turns a decimal amount string into integer minor units exactly (`"49.99"` is
 * 4999), by its digits rather than by float arithmetic, for currencies with two decimals.
 */
export function minorUnitsExpression(path: string): string {
  return `($p := $split($string(${path}), "."); $number($p[0]) * 100 + $number($substring($p[1] & "00", 0, 2)))`;
}

function sameOrigin(a: DataOrigin, b: DataOrigin): boolean {
  return a.kind === b.kind && (a.kind !== 'node' || (b.kind === 'node' && a.nodeId === b.nodeId));
}

/** The value a dragged field holds in the data shown (the first item where it runs per item). */
export function sampleAt(
  sources: readonly DataSource[],
  origin: DataOrigin,
  segments: readonly PathSegment[],
): unknown {
  let value = sources.find((s) => sameOrigin(s.origin, origin))?.value;
  for (const segment of segments) {
    if (value === null || typeof value !== 'object') return undefined;
    if ('key' in segment) value = (value as Record<string, unknown>)[segment.key];
    else value = (value as unknown[])[('index' in segment ? segment.index : 0) as number];
  }
  return value;
}

/**
 * What a dropped field's path becomes for its target: a decimal amount string (a Shopify price)
 * dropped on an integer target (a PayTrace amount in minor units) is converted, since the plain
 * path would fail the step with a string; anything else stays the path.
 */
export function fitToTarget(path: string, sample: unknown, target: TargetType): string {
  return target === 'integer' && typeof sample === 'string' && DECIMAL_AMOUNT.test(sample)
    ? minorUnitsExpression(path)
    : path;
}
