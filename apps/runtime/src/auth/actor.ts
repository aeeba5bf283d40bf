import type { Context } from 'hono';
import type { Role } from './roles';

/** Who is calling: a signed-in user (browser session) or an API token. */
export interface Actor {
  type: 'user' | 'token';
  /** User id or token id. */
  id: string;
  /** Email of the user, or name of the token, for the audit log. */
  label: string;
  role: Role;
  /**
   * For tokens: the user whose role bounds the token (its creator, or the creator of the token
   * that made it); null for tokens without one, such as the bootstrap token.
   */
  creatorId?: string | null;
  /** Present for browser sessions: hash of the session id (for logout and revocation). */
  sessionHash?: string;
}

/** Context variables set by the authentication middleware. */
export interface AuthVariables {
  actor: Actor | undefined;
}

/** The authenticated caller; routes behind `requireRole` can rely on it being present. */
export function actorOf(c: Context): Actor {
  const actor = c.get('actor') as Actor | undefined;
  if (!actor) throw new Error('actorOf called on an unauthenticated request');
  return actor;
}

/** The caller's address as seen by this process (no proxy headers: see trigger IP rules). */
export function clientIp(c: Context): string | null {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
    ?.incoming;
  return incoming?.socket?.remoteAddress ?? null;
}
