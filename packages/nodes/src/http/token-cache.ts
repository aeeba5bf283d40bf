/**
 * OAuth access tokens cached per connection, for every connector that obtains tokens (PayTrace's
 * password grant, Shopify's client-credentials grant: the grants differ and stay in their
 * connectors, the caching is one concept). Asking for a token per call would add a round trip to
 * every request and hammer the token endpoint. Concurrent callers share one token request, a
 * token is renewed before it expires (the connector's margin, or a tenth of its life when that is
 * shorter), and a token the service rejected is dropped only if it is still the cached one, so a
 * burst of rejections causes one renewal, not many.
 *
 * @module
 */
import { createHash } from 'node:crypto';

/** A bearer token and its lifetime (epoch ms). */
export interface AccessToken {
  readonly value: string;
  /** When it was requested; without it, the full margin applies. */
  readonly obtainedAt?: number;
  readonly expiresAt: number;
}

/** When a token stops being used: `marginMs` before expiry, or a tenth of its life if shorter. */
export function renewAt(token: AccessToken, marginMs: number): number {
  if (token.obtainedAt === undefined) return token.expiresAt - marginMs;
  const life = token.expiresAt - token.obtainedAt;
  return token.expiresAt - Math.min(marginMs, Math.max(0, life) / 10);
}

interface Entry {
  token?: AccessToken;
  pending?: Promise<AccessToken>;
}

/**
 * The cache key of a connection: where tokens come from, the account (user or client id) and a
 * hash of its secret, so a changed secret never reuses a token while the secret itself is not
 * kept as a key.
 */
export function tokenCacheKey(tokenSource: string, account: string, secret: string): string {
  const hash = createHash('sha256').update(secret, 'utf8').digest('hex');
  return `${tokenSource}\u0000${account}\u0000${hash}`;
}

/** In-memory token cache with single-flight requests. */
export class TokenCache {
  private readonly entries = new Map<string, Entry>();

  /** `refreshMarginMs`: how long before expiry a token is renewed at most. */
  constructor(private readonly refreshMarginMs: number) {}

  /** A usable token for `key`, requesting one with `fetch` if none is cached or it is due. */
  async get(key: string, now: number, fetch: () => Promise<AccessToken>): Promise<AccessToken> {
    const entry = this.entries.get(key) ?? {};
    this.entries.set(key, entry);
    if (entry.token && renewAt(entry.token, this.refreshMarginMs) > now) return entry.token;
    entry.pending ??= fetch().then(
      (token) => {
        entry.token = token;
        entry.pending = undefined;
        return token;
      },
      (error: unknown) => {
        entry.pending = undefined;
        throw error;
      },
    );
    return entry.pending;
  }

  /** Forgets `rejected` if it is still the cached token of `key`. */
  invalidate(key: string, rejected: string): void {
    const entry = this.entries.get(key);
    if (entry?.token?.value === rejected) entry.token = undefined;
  }
}
