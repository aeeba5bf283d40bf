import type { ConnectionResolver } from '../connections/resolver';
import {
  credentialsFromConnection,
  type TriggerAuthMethod,
  type TriggerCredentials,
} from './trigger-auth/credentials';

/** How long resolved trigger secrets are reused; see {@link CredentialCache}. */
export const CREDENTIAL_TTL_MS = 30_000;

interface Entry {
  expires: number;
  value: Promise<TriggerCredentials | null>;
}

/**
 * Decrypted trigger secrets per connection, kept for a short time. Resolving a connection costs a
 * database read and an AES-GCM decryption per secret; on a webhook endpoint taking thousands of
 * requests a second that would double the ingress cost, so the result is reused for
 * {@link CREDENTIAL_TTL_MS}.
 *
 * The trade-off: after a connection's secret is rotated or the connection deleted, each API
 * process may keep accepting the old secret for up to that long (the new one is accepted as soon
 * as it is read). Flow changes clear the cache at once, and the connection store can call
 * {@link CredentialCache.forget} on a change. Concurrent first requests share one lookup, and a
 * failed lookup (database down, tampered ciphertext) is not cached, so it is retried next time.
 * Secrets stay in this process's memory only; they are never logged or written anywhere.
 */
export class CredentialCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = CREDENTIAL_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The credentials a trigger checks requests against; null when the connection is missing, of
   * the wrong type, or holds unusable values (the trigger then refuses every request).
   */
  get(
    method: TriggerAuthMethod,
    connectionId: string,
    resolver: ConnectionResolver,
  ): Promise<TriggerCredentials | null> {
    const key = `${method}:${connectionId}`;
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) return hit.value;
    const value = resolver
      .resolve(connectionId)
      .then((connection) => (connection ? credentialsFromConnection(method, connection) : null));
    this.entries.set(key, { expires: now + this.ttlMs, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  /** Drops one connection's cached secrets, e.g. after it was edited or deleted. */
  forget(connectionId: string): void {
    for (const key of this.entries.keys()) {
      if (key.endsWith(`:${connectionId}`)) this.entries.delete(key);
    }
  }

  /** Drops everything (flow changes: a trigger may now name another connection). */
  clear(): void {
    this.entries.clear();
  }
}
