import { describe, expect, it } from 'vitest';
import { inShopZone } from './shop-time';

describe('inShopZone', () => {
  it('writes a UTC time in the shop offset, as webhooks do', () => {
    expect(inShopZone('2025-09-02T02:30:00Z', 'Etc/GMT+5')).toBe('2025-09-01T21:30:00-05:00');
    expect(inShopZone('2025-07-01T12:00:00Z', 'America/New_York')).toBe(
      '2025-07-01T08:00:00-04:00',
    );
    expect(inShopZone('2025-01-01T00:00:00Z', 'Etc/UTC')).toBe('2025-01-01T00:00:00+00:00');
  });
  it('leaves what it cannot convert alone', () => {
    expect(inShopZone('2025-01-01T00:00:00Z', 'Not/AZone')).toBe('2025-01-01T00:00:00Z');
    expect(inShopZone(null, 'Etc/UTC')).toBeNull();
  });
});
