import { client, unwrap } from '../api/client';

/** Every user of this runtime (admins only). */
export function listUsers() {
  return unwrap(client.api.users.$get()).then((r) => r.users);
}

/** Creates a user with a first password they change after signing in. */
export function createUser(input: { email: string; password: string; role: Role }) {
  return unwrap(client.api.users.$post({ json: input }));
}

/** Changes a user's role, disables/enables them or sets a password; their sessions end. */
export function updateUser(
  id: string,
  change: { role?: Role; disabled?: boolean; password?: string },
) {
  return unwrap(client.api.users[':id'].$patch({ param: { id }, json: change }));
}

/** Signs a user out everywhere; answers how many sessions ended. */
export function revokeSessions(id: string) {
  return unwrap(client.api.users[':id']['revoke-sessions'].$post({ param: { id } }));
}

/** API tokens without their values (which exist only in the create answer). */
export function listTokens() {
  return unwrap(client.api.tokens.$get()).then((r) => r.tokens);
}

/** Creates a token; the answer's `token` is the only time its value is ever shown. */
export function createToken(input: { name: string; role: Role; expiresAt?: string }) {
  return unwrap(client.api.tokens.$post({ json: input }));
}

/** Revokes a token: the next request that carries it gets 401. */
export function revokeToken(id: string) {
  return unwrap(client.api.tokens[':id'].$delete({ param: { id } }));
}

/** Filters of the audit log, as the runtime reads them from the query string. */
export interface AuditFilters {
  action?: string;
  actor?: string;
  targetType?: string;
  targetId?: string;
  since?: string;
  until?: string;
}

/** One page of the audit log, newest first; `before` is the previous page's `nextBefore`. */
export function listAudit(filters: AuditFilters, before: number | null, limit = 50) {
  const query: Record<string, string> = { limit: String(limit) };
  for (const [k, v] of Object.entries(filters)) if (v) query[k] = v;
  if (before !== null) query.before = String(before);
  return unwrap(client.api.audit.$get({ query }));
}

export type Role = 'viewer' | 'operator' | 'editor' | 'admin';
export const ROLES: readonly Role[] = ['viewer', 'operator', 'editor', 'admin'];
export type User = Awaited<ReturnType<typeof listUsers>>[number];
export type ApiToken = Awaited<ReturnType<typeof listTokens>>[number];
export type CreatedToken = Awaited<ReturnType<typeof createToken>>;
export type AuditPage = Awaited<ReturnType<typeof listAudit>>;
export type AuditEntry = AuditPage['entries'][number];
