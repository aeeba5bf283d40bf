import type { Context } from 'hono';
import type { Sql } from '../db/client';
import { errorBody } from '../http/api-error';
import type { Logger } from '../logger';

/** A trigger's allowance: sustained requests per minute (0 = unlimited) and the bucket size. */
export interface RateLimit {
  perMinute: number;
  burst: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterS: number };

/**
 * Takes up to `$4` tokens from the shared bucket `$1` (refilled at `$2` tokens/s, capped at `$3`)
 * in one statement; `granted` says how many it got, `tokens` what is left. A new bucket starts
 * full. Time never runs backwards for a bucket, whatever order concurrent statements commit in.
 */
const TAKE = `
insert into ingress_rate_buckets as b (key, tokens, granted, updated_at)
values ($1, $3::float8 - least($4::int, floor($3::float8)),
        least($4::int, floor($3::float8))::int, now())
on conflict (key) do update set
  granted = least($4::int, floor(least($3::float8, b.tokens + $2::float8
              * greatest(0, extract(epoch from now() - b.updated_at)::float8))))::int,
  tokens = least($3::float8, b.tokens + $2::float8
             * greatest(0, extract(epoch from now() - b.updated_at)::float8))
           - least($4::int, floor(least($3::float8, b.tokens + $2::float8
             * greatest(0, extract(epoch from now() - b.updated_at)::float8)))),
  updated_at = greatest(b.updated_at, now())
returning granted, tokens`;

/** Hands back a lease's unused tokens, so a process that went quiet does not strand them. */
const GIVE_BACK = `
update ingress_rate_buckets set tokens = least($3::float8, tokens + $2::float8) where key = $1`;

interface Bucket {
  /** Tokens leased from the shared bucket and not used yet. */
  local: number;
  /** When the leased tokens lapse (and are handed back). */
  expiresAt: number;
  /** Size of the last lease, and how many of it were used: the next lease is sized on them. */
  leased: number;
  used: number;
  /** The shared bucket was empty: refuse locally until then, without asking the database. */
  emptyUntil: number;
  /** The lease being fetched; concurrent requests wait for it instead of asking again. */
  fetching: Promise<void> | null;
  /** Requests waiting for a lease: the next one is at least that big. */
  waiting: number;
}

/**
 * Per-trigger rate limits that hold across every API process on one Postgres, at the cost of
 * one statement per lease rather than one per request. Each limit is a token bucket in a shared
 * row (`ingress_rate_buckets`); a process leases a few tokens at a time and spends them locally.
 * The lease grows (doubling, up to an eighth of the burst) while requests keep using it up and
 * shrinks to what was used when it lapses, so a lone request asks for one token and a busy
 * trigger for many; leased tokens lapse after `leaseMs` and unused ones go back to the bucket.
 * The shared row never hands out more than the bucket holds, so N processes together accept at
 * most the limit. When the bucket is empty, the process refuses locally until the next token is
 * due, so a flood of refused requests costs the database nothing. (The auth `RateLimiter` counts
 * per process, and login attempts one statement per attempt: neither fits ingress at thousands
 * of requests a second across processes.)
 */
export class IngressRateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly sql: Sql,
    private readonly logger: Logger,
    private readonly opts: { leaseMs?: number; now?: () => number } = {},
  ) {}

  /** Whether one more request for `key` fits in `limit`; counts it when it does. */
  async take(key: string, limit: RateLimit): Promise<RateDecision> {
    if (limit.perMinute <= 0) return { ok: true };
    const b = this.bucket(key);
    // A few rounds at most: a lease smaller than the crowd waiting for it is followed by another.
    for (let round = 0; round < 4; round++) {
      const now = this.now();
      if (b.local > 0 && now < b.expiresAt) {
        b.local--;
        b.used++;
        return { ok: true };
      }
      if (now < b.emptyUntil) return this.refusal(b.emptyUntil - now);
      if (!b.fetching) {
        b.fetching = this.lease(key, b, limit).finally(() => (b.fetching = null));
      }
      b.waiting++;
      try {
        await b.fetching;
      } finally {
        b.waiting--;
      }
    }
    const now = this.now();
    return this.refusal(Math.max(b.emptyUntil - now, 60_000 / limit.perMinute));
  }

  private async lease(key: string, b: Bucket, limit: RateLimit): Promise<void> {
    const now = this.now();
    const cap = Math.max(1, Math.floor(limit.burst / 8));
    const lapsed = b.local;
    // Used up before it lapsed: demand is at least that, ask for twice as much. Lapsed with
    // tokens left: ask for what was used.
    const next = lapsed > 0 ? b.used : b.leased * 2;
    const want = Math.min(cap, Math.max(1, next, b.waiting + 1));
    b.local = 0;
    if (lapsed > 0) {
      this.sql
        .unsafe(GIVE_BACK, [key, lapsed, limit.burst], { prepare: true })
        .catch((err: unknown) => this.logger.warn('could not return rate-limit tokens', { err }));
    }
    const perS = limit.perMinute / 60;
    const [row] = await this.sql.unsafe<{ granted: number; tokens: number }[]>(
      TAKE,
      [key, perS, limit.burst, want],
      { prepare: true },
    );
    const granted = row?.granted ?? 0;
    b.leased = granted;
    b.used = 0;
    if (granted > 0) {
      b.local = granted;
      b.expiresAt = now + (this.opts.leaseMs ?? 1000);
    } else {
      // Next token due when the bucket has refilled to one.
      const missing = Math.max(0, 1 - (row?.tokens ?? 0));
      b.emptyUntil = this.now() + Math.max(1, Math.ceil((missing / perS) * 1000));
    }
  }

  private refusal(waitMs: number): RateDecision {
    return { ok: false, retryAfterS: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  private bucket(key: string): Bucket {
    let b = this.buckets.get(key);
    if (!b) {
      b = { local: 0, expiresAt: 0, leased: 0, used: 0, emptyUntil: 0, fetching: null, waiting: 0 };
      this.buckets.set(key, b);
    }
    return b;
  }

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }
}

/**
 * The answer to a request over its trigger's limit: 429 with `Retry-After`, a body naming the
 * limit, nothing stored. Logged without the body or any header.
 */
export function rateLimitedResponse(
  c: Context,
  logger: Logger,
  what: string,
  limit: RateLimit,
  decision: { retryAfterS: number },
) {
  logger.warn(`${what} refused: over its rate limit; nothing stored`, {
    path: c.req.path,
    perMinute: limit.perMinute,
    retryAfterS: decision.retryAfterS,
  });
  c.header('Retry-After', String(decision.retryAfterS));
  return c.json(
    errorBody(
      'RATE_LIMITED',
      `Too many requests: this endpoint accepts ${limit.perMinute} per minute (bursts of ${limit.burst}); nothing was stored. Send it again in ${decision.retryAfterS} s.`,
    ),
    429,
  );
}
