/**
 * Where the runtime keeps QuickBooks tokens: access tokens in memory (an hour's worth, per
 * process), and every rotated refresh token written back into its connection, sealed like any
 * other secret. A restart, another worker or a later run then refreshes with the latest token,
 * never with one Intuit already retired.
 *
 * @module
 */
import type { QuickbooksTokenStore, QuickbooksTokens } from '@paybridge/nodes/erp';
import type { ConnectionStore } from '../connections/connection-store';

/** A token store keyed by connection id, persisting refresh tokens through `connections`. */
export function createConnectionTokenStore(connections: ConnectionStore): QuickbooksTokenStore {
  const access = new Map<string, QuickbooksTokens>();
  return {
    async load(connectionId) {
      const resolved = await connections.resolve(connectionId).catch(() => null);
      const refreshToken = resolved?.values.refreshToken;
      if (typeof refreshToken !== 'string') return access.get(connectionId) ?? null;
      const cached = access.get(connectionId);
      // A cached access token belongs to the refresh token that produced it.
      if (cached && cached.refreshToken === refreshToken) return cached;
      return { refreshToken, accessToken: null, accessExpiresAt: 0 };
    },
    async save(connectionId, tokens) {
      access.set(connectionId, { ...tokens });
      const resolved = await connections.resolve(connectionId).catch(() => null);
      if (resolved && resolved.values.refreshToken !== tokens.refreshToken) {
        await connections.update(connectionId, { values: { refreshToken: tokens.refreshToken } });
      }
    },
  };
}
