/**
 * What the review queue says about a review, in words and colours: the level of a score, how long
 * an order has waited, how long is left before the timeout decides for the operator, and where a
 * decided review stands. Pure functions of a review and the current time, so they are tested
 * without a page.
 *
 * @module
 */
import { formatMoney } from '../ledger/money';
import type { FraudLevel, FraudReview } from './fraud-api';

/** The words for a level. */
export const LEVEL_LABELS: Record<FraudLevel, string> = {
  low: 'Low',
  elevated: 'Elevated',
  high: 'High',
};

/** The CSS tone of a level: green, amber, red; grey when the score was not stored. */
export function levelTone(level: FraudLevel | null): 'ok' | 'warn' | 'bad' | 'none' {
  if (level === 'low') return 'ok';
  if (level === 'elevated') return 'warn';
  if (level === 'high') return 'bad';
  return 'none';
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A duration in the two largest units an operator reads at a glance: `under a minute`, `12 min`,
 * `3 h 5 min`, `2 d 4 h`. Negative durations read as their size (callers say "ago" or "overdue").
 */
export function durationText(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE) return 'under a minute';
  if (abs < HOUR) return `${Math.floor(abs / MINUTE)} min`;
  if (abs < DAY) {
    const h = Math.floor(abs / HOUR);
    const m = Math.floor((abs % HOUR) / MINUTE);
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  const d = Math.floor(abs / DAY);
  const h = Math.floor((abs % DAY) / HOUR);
  return h ? `${d} d ${h} h` : `${d} d`;
}

/** How long ago the order was held: `waiting 3 h 5 min` while it waits, else `held 2 d ago`. */
export function ageText(r: Pick<FraudReview, 'createdAt' | 'status'>, now: number): string {
  const age = durationText(now - Date.parse(r.createdAt));
  return r.status === 'waiting' ? `waiting ${age}` : `held ${age} ago`;
}

/** The deadline of a waiting review: the time left, what happens then, and whether it is close. */
export interface DeadlineNote {
  text: string;
  /** Under 12 hours left (or already due): the operator should look now. */
  urgent: boolean;
}

const URGENT_MS = 12 * HOUR;

/**
 * What the timeout will do and when, for a waiting review (`rejects in 71 h 59 min`); null once
 * decided. Past the deadline the run is about to take the default (`rejects now`).
 */
export function deadlineNote(
  r: Pick<FraudReview, 'status' | 'expiresAt' | 'timeoutAction'>,
  now: number,
): DeadlineNote | null {
  if (r.status !== 'waiting') return null;
  const left = Date.parse(r.expiresAt) - now;
  const verb = r.timeoutAction === 'approve' ? 'approves' : 'rejects';
  if (left <= 0) return { text: `timeout ${verb} now`, urgent: true };
  return { text: `timeout ${verb} in ${durationText(left)}`, urgent: left < URGENT_MS };
}

/** Where a review stands: `Waiting`, `Approved`, `Rejected`, `Timed out: rejected`. */
export function statusText(r: Pick<FraudReview, 'status' | 'timedOut'>): string {
  if (r.status === 'waiting') return 'Waiting';
  const word = r.status === 'approved' ? 'approved' : 'rejected';
  return r.timedOut ? `Timed out: ${word}` : word === 'approved' ? 'Approved' : 'Rejected';
}

/** Who decided and when, for a decided review (`by ada@example.com, 7 Dec 2026, 18:20`). */
export function decidedText(
  r: Pick<FraudReview, 'decidedAt' | 'decidedBy' | 'timedOut'>,
  locale?: string,
): string | null {
  if (!r.decidedAt) return null;
  const when = new Date(r.decidedAt).toLocaleString(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  if (r.timedOut) return `nobody decided in time; ${when}`;
  return `by ${r.decidedBy ?? 'someone'}, ${when}`;
}

/** The order's total for display, or a dash when the order carried no readable total. */
export function totalText(amount: FraudReview['amount']): string {
  return amount ? formatMoney(amount.minor, amount.currency) : '—';
}

/**
 * A reason's weight as a signed number with two decimals and a real minus sign (`+1.25`,
 * `−0.40`): its contribution to the model's log-odds, comparable between reasons.
 */
export function weightText(weight: number): string {
  const sign = weight < 0 ? '\u2212' : '+';
  return `${sign}${Math.abs(weight).toFixed(2)}`;
}

/** A string field of an address as Shopify sent it, or nothing. */
function field(a: Record<string, unknown>, key: string): string | undefined {
  const v = a[key];
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/**
 * A Shopify address on one line (`7 High St, Leeds LS1 4DY, GB`), or null when the order had
 * none. The country code is preferred over the name: it is what the signals compare.
 */
export function addressText(a: Record<string, unknown> | null | undefined): string | null {
  if (!a) return null;
  const town = [field(a, 'city'), field(a, 'zip')].filter(Boolean).join(' ');
  const parts = [
    field(a, 'address1'),
    field(a, 'address2'),
    town || undefined,
    field(a, 'province_code') ?? field(a, 'province'),
    field(a, 'country_code') ?? field(a, 'country'),
  ].filter((p): p is string => p !== undefined);
  return parts.length ? parts.join(', ') : null;
}

/** The country (code, else name) of a Shopify address, for comparing with the others. */
export function addressCountry(a: Record<string, unknown> | null | undefined): string | null {
  if (!a) return null;
  return field(a, 'country_code') ?? field(a, 'country') ?? null;
}
