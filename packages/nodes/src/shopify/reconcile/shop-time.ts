/**
 * Timestamps as webhooks write them: ISO 8601 in the shop's UTC offset
 * (`2025-09-01T10:00:00-04:00`), where GraphQL answers in UTC. A recovered event must read like
 * its webhook, and flows take calendar dates from these strings (`$substring(created_at, 0, 10)`),
 * so a UTC time would date an evening refund a day late.
 *
 * @module
 */
import { instantToIso, isTimeZone } from '../../time-zones';

/**
 * `iso` in the IANA `zone`'s offset at that instant, to the second; unchanged when the zone is
 * unknown to this runtime or the text is not a time.
 */
export function inShopZone(iso: string | null, zone: string | null): string | null {
  if (iso === null || zone === null || !isTimeZone(zone)) return iso;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : instantToIso(ms, zone);
}
