import { describe, expect, it } from 'vitest';
import { BucketWaitTooLong, CostBucket } from './cost-bucket';
import { fakeClock } from '../test/fake-clock';

const signal = new AbortController().signal;
const status = (currentlyAvailable: number) => ({
  maximumAvailable: 100,
  currentlyAvailable,
  restoreRate: 10,
});

describe('cost bucket', () => {
  it('sends one probe until the first answer reveals the bucket', async () => {
    const clock = fakeClock();
    const bucket = new CostBucket(clock);
    const first = await bucket.reserve(10, Infinity, signal);
    let secondDone = false;
    const second = bucket.reserve(10, Infinity, signal).then((r) => {
      secondDone = true;
      return r;
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(secondDone).toBe(false);
    bucket.observe(first, status(90));
    await second;
    expect(bucket.availableNow()).toBe(80);
  });

  it('waits (cost − available) / restoreRate when short, in arrival order', async () => {
    const clock = fakeClock();
    const bucket = new CostBucket(clock);
    bucket.observe(await bucket.reserve(10, Infinity, signal), status(25));
    const order: number[] = [];
    await Promise.all(
      [1, 2, 3].map((n) => bucket.reserve(10, Infinity, signal).then(() => order.push(n))),
    );
    expect(order).toEqual([1, 2, 3]);
    // 25 → 15 → 5 → short by 5 points at 10/s: 500 ms.
    expect(clock.waits).toEqual([500]);
  });

  it('keeps points of later, unanswered reservations deducted', async () => {
    const clock = fakeClock();
    const bucket = new CostBucket(clock);
    bucket.observe(await bucket.reserve(10, Infinity, signal), status(100));
    const a = await bucket.reserve(10, Infinity, signal);
    await bucket.reserve(30, Infinity, signal);
    bucket.observe(a, status(90)); // Shopify has not seen the 30 yet
    expect(bucket.availableNow()).toBe(60);
  });

  it('refuses a wait past the deadline', async () => {
    const clock = fakeClock();
    const bucket = new CostBucket(clock);
    bucket.observe(await bucket.reserve(10, Infinity, signal), status(0));
    await expect(bucket.reserve(50, clock.now() + 1000, signal)).rejects.toBeInstanceOf(
      BucketWaitTooLong,
    );
  });
});
