import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../test-context';
import { delayNode, MAX_DELAY_MS } from './definition';
import { delayExecutor } from './execute';

const now = new Date('2025-01-15T12:00:00.000Z');
const input = { orderId: '1001' };

describe('delay config', () => {
  it.each([
    [{}, 'neither'],
    [{ ms: 1000, until: '2025-01-16T00:00:00Z' }, 'both'],
    [{ ms: -1 }, 'a negative wait'],
    [{ ms: MAX_DELAY_MS + 1 }, 'more than 30 days'],
    [{ ms: 1.5 }, 'a fractional wait'],
    [{ until: '2025-01-16' }, 'a date without a time'],
    [{ until: 'tomorrow' }, 'prose'],
  ])('rejects %j (%s)', (config, _label) => {
    expect(delayNode.config.safeParse(config).success).toBe(false);
  });

  it('accepts a wait of up to 30 days, or an ISO date-time with offset', () => {
    expect(delayNode.config.safeParse({ ms: MAX_DELAY_MS }).success).toBe(true);
    expect(delayNode.config.safeParse({ until: '2025-01-16T09:00:00+01:00' }).success).toBe(true);
  });
});

describe('delay executor', () => {
  it('suspends for ms from now and records the wake-up time', async () => {
    const ctx = createTestContext(delayNode, { ms: 90_000 }, { input, now });
    expect(await delayExecutor.execute(ctx)).toEqual({
      suspendUntil: new Date('2025-01-15T12:01:30.000Z'),
      state: { until: '2025-01-15T12:01:30.000Z' },
    });
  });

  it('suspends until the given time, whatever offset it was written in', async () => {
    const ctx = createTestContext(
      delayNode,
      { until: '2025-01-16T09:00:00+01:00' },
      { input, now },
    );
    expect(await delayExecutor.execute(ctx)).toMatchObject({
      suspendUntil: new Date('2025-01-16T08:00:00.000Z'),
    });
  });

  it('passes the input on when resumed', async () => {
    const ctx = createTestContext(
      delayNode,
      { ms: 90_000 },
      { input, now, resume: { state: { until: '2025-01-15T12:01:30.000Z' } } },
    );
    expect(await delayExecutor.execute(ctx)).toEqual({ port: 'out', output: input });
  });

  it('does not wait for a time already past, or for zero ms', async () => {
    for (const config of [{ until: '2025-01-01T00:00:00Z' }, { ms: 0 }]) {
      const ctx = createTestContext(delayNode, config, { input, now });
      expect(await delayExecutor.execute(ctx)).toEqual({ port: 'out', output: input });
    }
  });
});
