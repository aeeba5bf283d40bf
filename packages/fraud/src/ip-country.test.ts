import { describe, expect, it } from 'vitest';
import { ipCountry } from './ip-country';

describe('ipCountry (offline GeoLite2 data shipped in geoip-country)', () => {
  it('resolves IPv4 addresses without network access', () => {
    expect(ipCountry('8.8.8.8')).toBe('US');
    expect(ipCountry('86.150.1.1')).toBe('GB');
  });

  it('answers null for missing, private and malformed addresses instead of throwing', () => {
    expect(ipCountry(null)).toBeNull();
    expect(ipCountry('10.1.2.3')).toBeNull();
    expect(ipCountry('not an ip')).toBeNull();
  });
});
