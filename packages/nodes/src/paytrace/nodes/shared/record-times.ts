/**
 * The times of export records and batch summaries in ISO 8601, in the merchant's time zone
 * (the PayTrace connection's `timeZone`), instead of PayTrace's zone-less US-style strings.
 *
 * @module
 */
import { PermanentError } from '@paybridge/engine';
import { DEFAULT_PAYTRACE_TIME_ZONE, paytraceTimeToIso } from './dates';

/** The time zone PayTrace writes times in for this connection's account. */
export function accountTimeZone(connection: Readonly<Record<string, unknown>> | undefined): string {
  const zone = connection?.['timeZone'];
  return typeof zone === 'string' && zone !== '' ? zone : DEFAULT_PAYTRACE_TIME_ZONE;
}

/**
 * `createdAt` and `settledAt` (when present) of a record as ISO 8601 with the zone's offset.
 * A time PayTrace wrote in a form nobody expected fails the step, naming the field and its text,
 * rather than flowing on as a string nothing downstream can compare.
 */
export function withIsoTimes<T extends { createdAt: string | null; settledAt?: string | null }>(
  record: T,
  zone: string,
): T {
  const convert = (field: 'createdAt' | 'settledAt', text: string | null) => {
    const iso = paytraceTimeToIso(text, zone);
    if (iso === undefined) {
      throw new PermanentError(
        'PAYTRACE_TIME_UNREADABLE',
        `PayTrace sent ${field} "${text}", which is not a date and time Paybridge can read`,
      );
    }
    return iso;
  };
  const out = { ...record, createdAt: convert('createdAt', record.createdAt) };
  if (record.settledAt !== undefined) out.settledAt = convert('settledAt', record.settledAt);
  return out;
}
