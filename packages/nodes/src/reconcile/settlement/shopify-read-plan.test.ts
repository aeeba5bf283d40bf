import { describe, expect, it } from 'vitest';
import { daysFromTo, planShopifyRead } from './shopify-read-plan';

const days = daysFromTo('2026-03-07', '2026-03-11');

describe('planShopifyRead', () => {
  it('reads a window never read in full', () => {
    const plan = planShopifyRead({ days, covered: [], force: false });
    expect(plan.full).toEqual([
      { fromIso: '2026-03-07T00:00:00Z', toIso: '2026-03-12T00:00:00Z', days },
    ]);
    expect(plan.changed).toEqual([]);
  });

  it('reads covered days since the oldest watermark minus the margin, the rest in full', () => {
    const plan = planShopifyRead({
      days,
      covered: [
        { day: '2026-03-06', readAt: '2026-03-01T00:00:00.000Z' },
        { day: '2026-03-07', readAt: '2026-03-11T06:00:00.000Z' },
        { day: '2026-03-08', readAt: '2026-03-11T05:00:00.000Z' },
        { day: '2026-03-10', readAt: '2026-03-11T06:00:00.000Z' },
      ],
      force: false,
    });
    expect(plan.changed).toEqual([
      {
        fromIso: '2026-03-07T00:00:00Z',
        toIso: '2026-03-09T00:00:00Z',
        days: ['2026-03-07', '2026-03-08'],
        sinceIso: '2026-03-11T04:50:00.000Z',
      },
      {
        fromIso: '2026-03-10T00:00:00Z',
        toIso: '2026-03-11T00:00:00Z',
        days: ['2026-03-10'],
        sinceIso: '2026-03-11T05:50:00.000Z',
      },
    ]);
    expect(plan.full.map((r) => r.days)).toEqual([['2026-03-09'], ['2026-03-11']]);
    expect(plan.days).toEqual(days);
  });

  it('reads everything in full when forced', () => {
    const covered = days.map((day) => ({ day, readAt: '2026-03-11T06:00:00.000Z' }));
    const plan = planShopifyRead({ days, covered, force: true });
    expect(plan.changed).toEqual([]);
    expect(plan.full.map((r) => r.days)).toEqual([days]);
  });
});
