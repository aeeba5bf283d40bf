import { describe, expect, it } from 'vitest';
import { createTestContext, expectOutput } from '../../test-context';
import { scheduleTriggerNode } from './definition';
import { scheduleTriggerExecutor } from './execute';
import { scheduleTriggerEvent } from './fire-times';

describe('trigger.schedule config', () => {
  it('defaults the time zone to UTC', () => {
    expect(scheduleTriggerNode.config.parse({ cron: '0 9 * * *' })).toEqual({
      cron: '0 9 * * *',
      timezone: 'UTC',
    });
  });

  it.each(['*/5 * * * *', '0 9 * * 1-5', '30 0 9 * * MON-FRI', '0 0 1 * *', '@daily'])(
    'accepts the cron %s',
    (cron) => {
      expect(scheduleTriggerNode.config.safeParse({ cron }).success).toBe(true);
    },
  );

  it.each([
    ['* * * *', 'four fields'],
    ['0 0 0 1 1 * 2030', 'seven fields (years)'],
    ['61 * * * *', 'minute out of range'],
    ['0 25 * * *', 'hour out of range'],
    ['0 0 30 2 *', 'February 30th never comes'],
    ['2030-01-01T00:00:00Z', 'a date instead of a pattern'],
    ['every day', 'prose'],
  ])('rejects the cron %j (%s) with a readable message', (cron) => {
    const result = scheduleTriggerNode.config.safeParse({ cron });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/\w+/);
  });

  it.each(['America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'UTC'])(
    'accepts the IANA time zone %s',
    (timezone) => {
      expect(scheduleTriggerNode.config.safeParse({ cron: '0 9 * * *', timezone }).success).toBe(
        true,
      );
    },
  );

  it.each(['Mars/Olympus_Mons', 'New York', ''])('rejects the time zone %j', (timezone) => {
    const result = scheduleTriggerNode.config.safeParse({ cron: '0 9 * * *', timezone });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/time zone/);
  });
});

describe('trigger.schedule executor', () => {
  it('passes the fire event through in the documented shape', async () => {
    const config = scheduleTriggerNode.config.parse({
      cron: '0 9 * * *',
      timezone: 'Europe/Berlin',
    });
    const event = scheduleTriggerEvent(config, new Date('2025-06-02T07:00:00Z'));
    expect(event).toEqual({
      scheduledAt: '2025-06-02T07:00:00.000Z',
      cron: '0 9 * * *',
      timezone: 'Europe/Berlin',
    });
    const ctx = createTestContext(scheduleTriggerNode, config, { input: event });
    const { output } = expectOutput(
      scheduleTriggerNode,
      await scheduleTriggerExecutor.execute(ctx),
    );
    expect(output).toBe(event);
  });
});
