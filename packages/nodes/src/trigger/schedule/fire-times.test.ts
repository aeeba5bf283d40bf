import { describe, expect, it } from 'vitest';
import { scheduleTriggerNode, type ScheduleTriggerConfig } from './definition';
import { dueFireTimes, nextFireTimes } from './fire-times';

const schedule = (cron: string, timezone?: string): ScheduleTriggerConfig =>
  scheduleTriggerNode.config.parse({ cron, timezone });
const iso = (dates: Date[]) => dates.map((date) => date.toISOString());

describe('nextFireTimes', () => {
  it('keeps 09:00 New York time across the spring-forward change (UTC hour moves)', () => {
    const times = nextFireTimes(
      schedule('0 9 * * *', 'America/New_York'),
      new Date('2025-03-07T15:00:00Z'),
      3,
    );
    expect(iso(times)).toEqual([
      '2025-03-08T14:00:00.000Z', // EST, UTC-5
      '2025-03-09T13:00:00.000Z', // EDT from 2025-03-09, UTC-4
      '2025-03-10T13:00:00.000Z',
    ]);
  });

  it('keeps 09:00 New York time across the fall-back change', () => {
    const times = nextFireTimes(
      schedule('0 9 * * *', 'America/New_York'),
      new Date('2025-11-01T00:00:00Z'),
      2,
    );
    expect(iso(times)).toEqual(['2025-11-01T13:00:00.000Z', '2025-11-02T14:00:00.000Z']);
  });

  it('runs a time that does not exist on the spring-forward day right after the gap', () => {
    const [first] = nextFireTimes(
      schedule('30 2 * * *', 'America/New_York'),
      new Date('2025-03-09T05:00:00Z'),
      1,
    );
    expect(first?.toISOString()).toBe('2025-03-09T07:00:00.000Z'); // 03:00 EDT
  });

  it('runs a time that occurs twice on the fall-back day only once', () => {
    const times = nextFireTimes(
      schedule('30 1 * * *', 'America/New_York'),
      new Date('2025-11-02T04:00:00Z'),
      2,
    );
    expect(iso(times)).toEqual(['2025-11-02T05:30:00.000Z', '2025-11-03T06:30:00.000Z']);
  });

  it('reads the pattern in UTC by default', () => {
    const times = nextFireTimes(schedule('15 6 * * *'), new Date('2025-01-01T00:00:00Z'), 1);
    expect(iso(times)).toEqual(['2025-01-01T06:15:00.000Z']);
  });

  it('returns nothing when asked for nothing', () => {
    expect(nextFireTimes(schedule('* * * * *'), new Date(), 0)).toEqual([]);
  });
});

describe('dueFireTimes', () => {
  const hourly = schedule('0 * * * *');

  it('returns fires in (since, until]: the last handled fire is not repeated, now is included', () => {
    const due = dueFireTimes(
      hourly,
      new Date('2025-01-01T10:00:00Z'),
      new Date('2025-01-01T12:00:00Z'),
      10,
    );
    expect(iso(due)).toEqual(['2025-01-01T11:00:00.000Z', '2025-01-01T12:00:00.000Z']);
  });

  it('does not repeat a fire when since carries milliseconds past it', () => {
    const due = dueFireTimes(
      hourly,
      new Date('2025-01-01T10:00:00.500Z'),
      new Date('2025-01-01T11:00:00Z'),
      10,
    );
    expect(iso(due)).toEqual(['2025-01-01T11:00:00.000Z']);
  });

  it('catches up after downtime oldest first, at most max at a time', () => {
    const due = dueFireTimes(
      hourly,
      new Date('2025-01-01T00:00:00Z'),
      new Date('2025-01-02T00:00:00Z'),
      3,
    );
    expect(iso(due)).toEqual([
      '2025-01-01T01:00:00.000Z',
      '2025-01-01T02:00:00.000Z',
      '2025-01-01T03:00:00.000Z',
    ]);
  });

  it('is empty when nothing is due or the window is empty', () => {
    const since = new Date('2025-01-01T10:00:00Z');
    expect(dueFireTimes(hourly, since, new Date('2025-01-01T10:59:59Z'), 10)).toEqual([]);
    expect(dueFireTimes(hourly, since, since, 10)).toEqual([]);
    expect(dueFireTimes(hourly, since, new Date('2025-01-01T09:00:00Z'), 10)).toEqual([]);
    expect(dueFireTimes(hourly, since, new Date('2025-01-01T12:00:00Z'), 0)).toEqual([]);
  });

  it('honours the time zone when catching up across a DST change', () => {
    const due = dueFireTimes(
      schedule('0 9 * * *', 'Europe/Berlin'),
      new Date('2025-03-29T00:00:00Z'),
      new Date('2025-03-31T00:00:00Z'),
      10,
    );
    // CET (UTC+1) on the 29th, CEST (UTC+2) from the 30th.
    expect(iso(due)).toEqual(['2025-03-29T08:00:00.000Z', '2025-03-30T07:00:00.000Z']);
  });

  it('supports second-level patterns', () => {
    const due = dueFireTimes(
      schedule('*/20 * * * * *'),
      new Date('2025-01-01T00:00:00Z'),
      new Date('2025-01-01T00:01:00Z'),
      10,
    );
    expect(iso(due)).toEqual([
      '2025-01-01T00:00:20.000Z',
      '2025-01-01T00:00:40.000Z',
      '2025-01-01T00:01:00.000Z',
    ]);
  });
});
