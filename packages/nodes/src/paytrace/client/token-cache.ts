/**
 * OAuth tokens cached per connection. PayTrace tokens live two hours; asking for one per call
 * would add a round trip to every payment. Concurrent callers share one token request, a token is
 * renewed a minute before it expires, and one that PayTrace rejected is dropped only if it is
 * still the cached one (so a burst of rejections causes one renewal, not many).
 *
 * @module
 */
import { createHash } from 'node:crypto';

/** A bearer token and when it stops being usable (epoch ms). */
export interface AccessToken {
  readonly value: string;
  readonly expiresAt: number;
}

/** Tokens are renewed this long before PayTrace would expire them. */
export const TOKEN_REFRESH_MARGIN_MS = 60_000;

interface Entry {
  token?: AccessToken;
  pending?: Promise<AccessToken>;
}

/**
 * The cache key of a connection: base URL, user name and a hash of the password, so a changed
 * password never reuses a token while the password itself is not kept as a key.
 */
export function tokenCacheKey(baseUrl: string, username: string, password: string): string {
  const hash = createHash('sha256').update(password, 'utf8').digest('hex');
  return `${baseUrl}\u0000${username}\u0000${hash}`;
}

/** In-memory token cache with single-flight requests. */
export class TokenCache {
  private readonly entries = new Map<string, Entry>();

  /** A usable token for `key`, requesting one with `fetch` if none is cached or it is about to expire. */
  async get(key: string, now: number, fetch: () => Promise<AccessToken>): Promise<AccessToken> {
    const entry = this.entries.get(key) ?? {};
    this.entries.set(key, entry);
    if (entry.token && entry.token.expiresAt - TOKEN_REFRESH_MARGIN_MS > now) return entry.token;
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
