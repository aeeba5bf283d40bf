/**
 * Where rotated QuickBooks tokens live between calls. Intuit may answer a refresh with a new
 * refresh token and retire the old one, so the latest value must outlive the process that got
 * it: the runtime provides a durable, sealed store; tests and single-process tools use memory.
 *
 * @module
 */

/** Tokens of one connection. */
export interface QuickbooksTokens {
  refreshToken: string;
  accessToken: string | null;
  /** Epoch ms after which the access token must not be used. */
  accessExpiresAt: number;
}

/** Durable token storage, keyed by connection (client id and realm). */
export interface QuickbooksTokenStore {
  load(key: string): Promise<QuickbooksTokens | null>;
  save(key: string, tokens: QuickbooksTokens): Promise<void>;
}

/** An in-memory store (one process). */
export function memoryTokenStore(): QuickbooksTokenStore & {
  entries: Map<string, QuickbooksTokens>;
} {
  const entries = new Map<string, QuickbooksTokens>();
  return {
    entries,
    load: async (key) => entries.get(key) ?? null,
    save: async (key, tokens) => {
      entries.set(key, { ...tokens });
    },
  };
}
