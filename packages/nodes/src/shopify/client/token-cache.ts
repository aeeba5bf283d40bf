/**
 * Access tokens from the client-credentials grant, cached per connection. They live 24 hours;
 * asking for one per call would double every request and hammer the token endpoint. Concurrent
 * callers share one grant request, a token is renewed before it expires (five minutes early, or a
 * tenth of its life for short-lived ones), and a token Shopify rejected is dropped only if it is
 * still the cached one, so a burst of rejections causes one renewal, not many.
 *
 * @module
 */
import { createHash } from 'node:crypto';

/** A token and its lifetime (epoch ms). */
export interface AccessToken {
  readonly value: string;
  readonly obtainedAt: number;
  readonly expiresAt: number;
}

/** Longest margin before expiry at which a token is renewed. */
export const TOKEN_REFRESH_MARGIN_MS = 5 * 60_000;

/** When a token stops being used: the margin, or a tenth of its life when that is shorter. */
export function renewAt(token: AccessToken): number {
  const life = token.expiresAt - token.obtainedAt;
  return token.expiresAt - Math.min(TOKEN_REFRESH_MARGIN_MS, Math.max(0, life) / 10);
}

interface Entry {
  token?: AccessToken;
  pending?: Promise<AccessToken>;
}

/**
 * The cache key of a connection: where tokens come from, the client id and a hash of the secret,
 * so a changed secret never reuses a token while the secret itself is not kept as a key.
 */
export function tokenCacheKey(tokenUrl: string, clientId: string, clientSecret: string): string {
  const hash = createHash('sha256').update(clientSecret, 'utf8').digest('hex');
  return `${tokenUrl}\u0000${clientId}\u0000${hash}`;
}

/** In-memory token cache with single-flight requests. */
export class TokenCache {
  private readonly entries = new Map<string, Entry>();

  /** A usable token for `key`, requesting one with `fetch` if none is cached or it is due. */
  async get(key: string, now: number, fetch: () => Promise<AccessToken>): Promise<AccessToken> {
    const entry = this.entries.get(key) ?? {};
    this.entries.set(key, entry);
    if (entry.token && renewAt(entry.token) > now) return entry.token;
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
