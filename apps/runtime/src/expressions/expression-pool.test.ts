import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expressionLimits } from '@paybridge/engine';
import { createExpressionPool, type ExpressionPool } from './expression-pool';

/** Niceness of every thread of this process (field 19 of /proc/self/task/<tid>/stat). */
function threadNiceness(): number[] {
  return readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

const SLOW = '$count([1..999999].{ "a": $string($) })';
const limits = expressionLimits({ timeoutMs: 1500 });
let pool: ExpressionPool;

beforeAll(async () => {
  pool = createExpressionPool({ threads: 3, maxMemoryMb: 128 });
  // Start every thread before measuring.
  await Promise.all([1, 2, 3].map(() => pool.evaluate('1 + 1', null, {}, limits)));
}, 30_000);
afterAll(async () => {
  await pool?.close();
});

describe.runIf(process.platform === 'linux')('expression threads and the event loop', () => {
  it('drops a thread running a slow evaluation below the event loop, and quick ones not', async () => {
    await pool.evaluate('$sum([1..1000])', null, {}, limits);
    expect(threadNiceness().filter((n) => n > 0)).toEqual([]);
    const slow = pool.evaluate(SLOW, null, {}, limits).catch((err: { code?: string }) => err.code);
    await new Promise((r) => setTimeout(r, 300));
    expect(threadNiceness().filter((n) => n > 0)).toEqual([10]);
    expect(await slow).toBe('EXPRESSION_TIMEOUT');
  }, 30_000);
});

describe('sharing threads between flows', () => {
  it('never gives one flow the last thread, so another flow is answered while it floods', async () => {
    const flood = Array.from({ length: 4 }, () =>
      pool
        .forFlow('flooded')
        .evaluate(SLOW, null, {}, limits)
        .catch((err: { code?: string }) => err.code),
    );
    await new Promise((r) => setTimeout(r, 100));
    const t0 = performance.now();
    expect(await pool.forFlow('other').evaluate('$sum([1, 2, 3])', null, {}, limits)).toBe(6);
    // Without the cap this waits for a flooded evaluation's 1.5 s budget.
    expect(performance.now() - t0).toBeLessThan(500);
    expect(await Promise.all(flood)).toEqual(Array(4).fill('EXPRESSION_TIMEOUT'));
  }, 30_000);
});
