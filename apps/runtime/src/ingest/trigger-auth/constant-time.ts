import { createHash, timingSafeEqual } from 'node:crypto';

function digest(value: string | Buffer): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Compares a caller-supplied value with a secret-derived one in constant time, whatever their
 * lengths. `timingSafeEqual` throws on unequal lengths (and an early length check would leak the
 * secret's length), so both sides are hashed to 32 bytes first; equal digests mean equal inputs.
 *
 * @example
 * safeEqual(headerValue, expectedSignature); // false for a header of any other length, no throw
 */
export function safeEqual(given: string | Buffer, expected: string | Buffer): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Whether `given` equals any of `candidates`. Every candidate is compared (no early exit), so the
 * time taken does not reveal which of several rotated secrets matched, or how many there are
 * before it.
 */
export function safeEqualAny(given: string | Buffer, candidates: readonly (string | Buffer)[]) {
  let match = false;
  for (const candidate of candidates) match = safeEqual(given, candidate) || match;
  return match;
}
