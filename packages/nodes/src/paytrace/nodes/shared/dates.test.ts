import { describe, expect, it } from 'vitest';
import { paytraceTimeToIso, toUsDate } from './dates';

describe('PayTrace times in ISO 8601', () => {
  it("reads PayTrace's US-style local time in the account's zone, with that zone's offset", () => {
    expect(paytraceTimeToIso('4/10/2015 4:06:30 PM', 'America/Los_Angeles')).toBe(
      '2015-04-10T16:06:30-07:00',
    );
    expect(paytraceTimeToIso('1/5/2025 12:00:01 AM', 'America/Los_Angeles')).toBe(
      '2025-01-05T00:00:01-08:00',
    );
    expect(paytraceTimeToIso('12/31/2024 12:30:00 PM', 'Asia/Kolkata')).toBe(
      '2024-12-31T12:30:00+05:30',
    );
    expect(paytraceTimeToIso('7/4/2025 9:15:00 PM', 'UTC')).toBe('2025-07-04T21:15:00+00:00');
    expect(paytraceTimeToIso('07/04/2025 21:15', 'America/Chicago')).toBe(
      '2025-07-04T21:15:00-05:00',
    );
  });

  it('takes the offset in force on that day across daylight-saving changes', () => {
    expect(paytraceTimeToIso('3/9/2025 1:59:59 AM', 'America/New_York')).toBe(
      '2025-03-09T01:59:59-05:00',
    );
    expect(paytraceTimeToIso('3/9/2025 3:00:00 AM', 'America/New_York')).toBe(
      '2025-03-09T03:00:00-04:00',
    );
    // 2:30 does not exist that night; it is read with the offset in force just after.
    expect(paytraceTimeToIso('3/9/2025 2:30:00 AM', 'America/New_York')).toMatch(/-04:00$/);
  });

  it('moves an ISO time to the zone, and tells empty from unreadable', () => {
    expect(paytraceTimeToIso('2025-04-10T23:06:30Z', 'America/Los_Angeles')).toBe(
      '2025-04-10T16:06:30-07:00',
    );
    expect(paytraceTimeToIso('', 'UTC')).toBeNull();
    expect(paytraceTimeToIso(null, 'UTC')).toBeNull();
    expect(paytraceTimeToIso('yesterday', 'UTC')).toBeUndefined();
    expect(paytraceTimeToIso('2/30/2025 1:00:00 PM', 'UTC')).toBeUndefined();
    expect(paytraceTimeToIso('4/10/2015 13:06:30 PM', 'UTC')).toBeUndefined();
  });

  it('still writes report filters as PayTrace takes them', () => {
    expect(toUsDate('2025-01-31')).toBe('01/31/2025');
  });
});
