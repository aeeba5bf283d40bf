/**
 * A seeded pseudo-random generator (mulberry32) so a generated day is the same for the same seed:
 * tests can assert on it and a demo can be reproduced.
 * @module
 */

/** Random numbers from a seed: `next()` in [0, 1), `int(min, max)` inclusive. */
export interface Random {
  next(): number;
  int(min: number, max: number): number;
  /** `count` distinct indexes of `0..size-1`, in ascending order. */
  sample(size: number, count: number): number[];
}

function hashSeed(seed: string | number): number {
  let h = 0x811c9dc5;
  for (const ch of String(seed)) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A generator for `seed` (any number or text). */
export function seededRandom(seed: string | number): Random {
  let state = hashSeed(seed);
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    sample(size, count) {
      const picked = new Set<number>();
      const wanted = Math.min(size, count);
      while (picked.size < wanted) picked.add(int(0, size - 1));
      return [...picked].sort((a, b) => a - b);
    },
  };
}
