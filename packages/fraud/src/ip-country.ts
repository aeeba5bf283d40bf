/**
 * IP -> country, offline, from `geoip-country` (MaxMind GeoLite2 country data shipped in the npm
 * package, no download at install or run time). Server-only: it reads its data files from disk,
 * which is why feature extraction takes the country as an argument instead of calling this.
 *
 * @module
 */
import { createRequire } from 'node:module';

/** The part of the package's API used here (it ships no types, so it is required, not imported). */
const geoip = createRequire(import.meta.url)('geoip-country') as {
  lookup(ip: string): { country: string } | null;
};

/** ISO 3166 alpha-2 country of an IPv4/IPv6 address; null when unknown, private or malformed. */
export function ipCountry(ip: string | null | undefined): string | null {
  if (!ip) return null;
  try {
    return geoip.lookup(ip)?.country ?? null;
  } catch {
    return null;
  }
}
