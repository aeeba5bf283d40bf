import { describe, expect, it } from 'vitest';
import {
  addressCountry,
  addressText,
  ageText,
  deadlineNote,
  durationText,
  levelTone,
  statusText,
  totalText,
  weightText,
} from './fraud-format';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const H = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('review queue words', () => {
  it('reads durations in their two largest units', () => {
    expect(durationText(20_000)).toBe('under a minute');
    expect(durationText(12 * 60_000)).toBe('12 min');
    expect(durationText(3 * H + 5 * 60_000)).toBe('3 h 5 min');
    expect(durationText(5 * H)).toBe('5 h');
    expect(durationText(52 * H)).toBe('2 d 4 h');
    expect(durationText(-48 * H)).toBe('2 d');
  });

  it('says how long an order has waited, and how long ago a decided one was held', () => {
    expect(ageText({ createdAt: iso(NOW - 90 * 60_000), status: 'waiting' }, NOW)).toBe(
      'waiting 1 h 30 min',
    );
    expect(ageText({ createdAt: iso(NOW - 26 * H), status: 'approved' }, NOW)).toBe(
      'held 1 d 2 h ago',
    );
  });

  it('says what the timeout will do and when, urgent under 12 hours, nothing once decided', () => {
    const waiting = { status: 'waiting' as const, timeoutAction: 'reject' as const };
    expect(deadlineNote({ ...waiting, expiresAt: iso(NOW + 71 * H) }, NOW)).toEqual({
      text: 'timeout rejects in 2 d 23 h',
      urgent: false,
    });
    expect(
      deadlineNote({ ...waiting, timeoutAction: 'approve', expiresAt: iso(NOW + 2 * H) }, NOW),
    ).toEqual({ text: 'timeout approves in 2 h', urgent: true });
    expect(deadlineNote({ ...waiting, expiresAt: iso(NOW - 1000) }, NOW)).toEqual({
      text: 'timeout rejects now',
      urgent: true,
    });
    expect(
      deadlineNote({ ...waiting, status: 'approved', expiresAt: iso(NOW + 2 * H) }, NOW),
    ).toBeNull();
  });

  it('names a status, telling a timeout from a person', () => {
    expect(statusText({ status: 'waiting', timedOut: false })).toBe('Waiting');
    expect(statusText({ status: 'approved', timedOut: false })).toBe('Approved');
    expect(statusText({ status: 'rejected', timedOut: true })).toBe('Timed out: rejected');
  });

  it('colours levels green, amber and red', () => {
    expect([levelTone('low'), levelTone('elevated'), levelTone('high'), levelTone(null)]).toEqual([
      'ok',
      'warn',
      'bad',
      'none',
    ]);
  });

  it('shows totals from integer minor units in the currency’s exponent', () => {
    expect(totalText({ minor: 24900, currency: 'USD' })).toBe('249.00 USD');
    expect(totalText({ minor: 123456789, currency: 'USD' })).toBe('1,234,567.89 USD');
    expect(totalText({ minor: 1500, currency: 'JPY' })).toBe('1,500 JPY');
    expect(totalText({ minor: 1500, currency: 'KWD' })).toBe('1.500 KWD');
    expect(totalText(null)).toBe('—');
  });

  it('signs weights with a real minus', () => {
    expect(weightText(1.254)).toBe('+1.25');
    expect(weightText(-0.4)).toBe('\u22120.40');
    expect(weightText(0)).toBe('+0.00');
  });

  it('writes an address on one line and prefers the country code', () => {
    const a = {
      address1: '7 High St',
      city: 'Leeds',
      zip: 'LS1 4DY',
      country: 'United Kingdom',
      country_code: 'GB',
      phone: null,
    };
    expect(addressText(a)).toBe('7 High St, Leeds LS1 4DY, GB');
    expect(addressCountry(a)).toBe('GB');
    expect(addressCountry({ country: 'France' })).toBe('France');
    expect(addressText({})).toBeNull();
    expect(addressText(null)).toBeNull();
  });
});
