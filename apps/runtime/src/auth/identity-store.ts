import type { Sql } from '../db/client';
import type { Actor } from './actor';
import { lowerRole, type Role } from './roles';
import { digest, newSecret } from './secret-tokens';

/**
 * Timestamps come back as Postgres text here: the connection is shared with drizzle, which turns
 * off postgres.js's date parsing. `isoTime` normalises them for API answers.
 */
export function isoTime(value: string | Date | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

export interface UserRow {
  id: string;
  email: string;
  role: Role;
  disabled_at: string | null;
  last_login_at: string | null;
  created_at: string;
}

export interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  created_by: string | null;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
  created_at: string;
}

export interface SessionInfo {
  actor: Actor;
  csrfToken: string;
  expiresAt: Date;
}

const USER_COLUMNS = 'id::text, email, role, disabled_at, last_login_at, created_at';

/**
 * Users, sessions and API tokens. Every credential is looked up by the digest of its secret, so
 * lookups are index hits and nothing in these tables can be replayed as a credential.
 */
export class IdentityStore {
  /** Verified bearer tokens, briefly cached: API calls should not each cost a database read. */
  private readonly tokenCache = new Map<string, { actor: Actor | null; until: number }>();

  constructor(
    private readonly sql: Sql,
    private readonly sessionTtlMs: number,
  ) {}

  async countUsers(): Promise<number> {
    const [row] = await this.sql<{ n: number }[]>`select count(*)::int as n from users`;
    return row?.n ?? 0;
  }

  async createUser(email: string, passwordHash: string, role: Role): Promise<UserRow> {
    const rows = await this.sql.unsafe<UserRow[]>(
      `insert into users (email, password_hash, role) values ($1, $2, $3) returning ${USER_COLUMNS}`,
      [email.toLowerCase(), passwordHash, role],
    );
    return rows[0]!;
  }

  async findUserForLogin(email: string) {
    const [row] = await this.sql<(UserRow & { password_hash: string })[]>`
      select id::text, email, role, disabled_at, last_login_at, created_at, password_hash
      from users where email = ${email.toLowerCase()}`;
    return row ?? null;
  }

  async listUsers(): Promise<UserRow[]> {
    return this.sql.unsafe<UserRow[]>(`select ${USER_COLUMNS} from users order by created_at`);
  }

  async getUser(id: string): Promise<UserRow | null> {
    const rows = await this.sql.unsafe<UserRow[]>(
      `select ${USER_COLUMNS} from users where id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async updateUser(
    id: string,
    change: { role?: Role; disabled?: boolean; passwordHash?: string },
  ): Promise<UserRow | null> {
    const rows = await this.sql.unsafe<UserRow[]>(
      `update users set
         role = coalesce($2, role),
         disabled_at = case when $3::boolean is null then disabled_at
                            when $3::boolean then coalesce(disabled_at, now()) else null end,
         password_hash = coalesce($4, password_hash),
         updated_at = now()
       where id = $1 returning ${USER_COLUMNS}`,
      [id, change.role ?? null, change.disabled ?? null, change.passwordHash ?? null],
    );
    // The user's tokens act with the user's role and die with the user: no stale cached actor.
    this.tokenCache.clear();
    return rows[0] ?? null;
  }

  async markLogin(userId: string): Promise<void> {
    await this.sql`update users set last_login_at = now() where id = ${userId}`;
  }

  // --- sessions -------------------------------------------------------------------------

  /** Starts a session; returns the cookie secret (shown to the browser only) and CSRF token. */
  async createSession(userId: string, ip: string | null, userAgent: string | null) {
    const secret = newSecret('pbs');
    const csrfToken = newSecret('csrf');
    const expiresAt = new Date(Date.now() + this.sessionTtlMs);
    await this.sql`
      insert into sessions (id_hash, user_id, csrf_token, ip, user_agent, expires_at)
      values (${digest(secret)}, ${userId}, ${csrfToken}, ${ip}, ${userAgent?.slice(0, 300) ?? null}, ${expiresAt.toISOString()})`;
    return { secret, csrfToken, expiresAt };
  }

  /**
   * The live session for a cookie secret: not expired, not revoked, user not disabled. A read;
   * `last_seen_at` is refreshed at most once a minute, so browsing does not write on every request.
   */
  async findSession(secret: string): Promise<SessionInfo | null> {
    const hash = digest(secret);
    const [row] = await this.sql<
      {
        user_id: string;
        email: string;
        role: Role;
        csrf_token: string;
        expires_at: string;
        stale: boolean;
      }[]
    >`
      select u.id::text as user_id, u.email, u.role, s.csrf_token, s.expires_at,
             s.last_seen_at < now() - interval '1 minute' as stale
      from sessions s join users u on u.id = s.user_id
      where s.id_hash = ${hash} and s.revoked_at is null and s.expires_at > now()
        and u.disabled_at is null`;
    if (!row) return null;
    if (row.stale) {
      await this.sql`update sessions set last_seen_at = now() where id_hash = ${hash}`;
    }
    return {
      actor: { type: 'user', id: row.user_id, label: row.email, role: row.role, sessionHash: hash },
      csrfToken: row.csrf_token,
      expiresAt: new Date(row.expires_at),
    };
  }

  async revokeSession(sessionHash: string): Promise<void> {
    await this
      .sql`update sessions set revoked_at = now() where id_hash = ${sessionHash} and revoked_at is null`;
  }

  async revokeUserSessions(userId: string): Promise<number> {
    const rows = await this.sql`
      update sessions set revoked_at = now() where user_id = ${userId} and revoked_at is null returning 1`;
    return rows.length;
  }

  // --- API tokens -----------------------------------------------------------------------

  async createToken(input: {
    name: string;
    role: Role;
    expiresAt: Date | null;
    createdBy: string | null;
  }) {
    const secret = newSecret('pbt');
    const rows = await this.sql<TokenRow[]>`
      insert into api_tokens (name, token_hash, prefix, role, created_by, expires_at)
      values (${input.name}, ${digest(secret)}, ${secret.slice(0, 10)}, ${input.role},
              ${input.createdBy}, ${input.expiresAt?.toISOString() ?? null})
      returning id::text, name, prefix, role, created_by::text, expires_at, last_used_at, revoked_at, created_at`;
    return { secret, token: rows[0]! };
  }

  /**
   * Installs the operator-supplied bootstrap token (admin, no creator) under a fixed name. Never
   * un-revokes it: an admin who revoked it meant it, and the environment variable still holding
   * the old value must not bring it back at the next start. Says which case happened.
   */
  async ensureBootstrapToken(secret: string): Promise<'installed' | 'present' | 'revoked'> {
    const hash = digest(secret);
    const inserted = await this.sql`
      insert into api_tokens (name, token_hash, prefix, role)
      values ('bootstrap', ${hash}, ${secret.slice(0, 4)}, 'admin')
      on conflict (token_hash) do nothing
      returning 1`;
    if (inserted.length > 0) return 'installed';
    const [row] = await this.sql<{ revoked: boolean }[]>`
      select revoked_at is not null as revoked from api_tokens where token_hash = ${hash}`;
    return row?.revoked ? 'revoked' : 'present';
  }

  async listTokens(): Promise<TokenRow[]> {
    return this.sql<TokenRow[]>`
      select id::text, name, prefix, role, created_by::text, expires_at, last_used_at, revoked_at, created_at
      from api_tokens order by created_at desc`;
  }

  async revokeToken(id: string): Promise<boolean> {
    const rows = await this.sql`
      update api_tokens set revoked_at = now() where id = ${id} and revoked_at is null returning 1`;
    this.tokenCache.clear();
    return rows.length > 0;
  }

  /**
   * The actor for a bearer token, or null. A token made by a user acts with at most that user's
   * current role (the lower of the two) and stops working while the user is disabled or gone; it
   * works again if the user is re-enabled, since the token itself was never revoked. Tokens
   * without a creator (the bootstrap token) keep their own role. Cached for up to 5 s but never
   * past the token's expiry; revocation and user changes through this process clear the cache
   * at once, through another within 5 s.
   */
  async findToken(secret: string): Promise<Actor | null> {
    const hash = digest(secret);
    const now = Date.now();
    const hit = this.tokenCache.get(hash);
    if (hit && hit.until > now) return hit.actor;
    const [row] = await this.sql<
      {
        id: string;
        name: string;
        role: Role;
        created_by: string | null;
        creator_role: Role | null;
        expires_at: string | null;
      }[]
    >`
      update api_tokens t set last_used_at = now()
      where t.token_hash = ${hash} and t.revoked_at is null
        and (t.expires_at is null or t.expires_at > now())
        and (t.created_by is null or exists (
          select 1 from users u where u.id = t.created_by and u.disabled_at is null))
      returning t.id::text, t.name, t.role, t.created_by::text,
        (select u.role from users u where u.id = t.created_by) as creator_role, t.expires_at`;
    const actor: Actor | null = row
      ? {
          type: 'token',
          id: row.id,
          label: row.name,
          role: row.creator_role ? lowerRole(row.role, row.creator_role) : row.role,
          creatorId: row.created_by,
        }
      : null;
    const expires = row?.expires_at ? new Date(row.expires_at).getTime() : Infinity;
    if (this.tokenCache.size > 10_000) this.tokenCache.clear();
    this.tokenCache.set(hash, { actor, until: Math.min(now + 5000, expires) });
    return actor;
  }

  // --- first admin ----------------------------------------------------------------------

  /** A one-time setup secret, valid for a day; only its digest is stored. */
  async createSetupToken(): Promise<string> {
    const secret = newSecret('setup');
    await this.sql`insert into setup_tokens (token_hash, expires_at)
                   values (${digest(secret)}, now() + interval '24 hours')`;
    return secret;
  }

  /** Consumes a setup secret; true only once, and only while no user exists. */
  async consumeSetupToken(secret: string): Promise<boolean> {
    const rows = await this.sql`
      update setup_tokens set used_at = now()
      where token_hash = ${digest(secret)} and used_at is null and expires_at > now()
        and not exists (select 1 from users)
      returning 1`;
    return rows.length > 0;
  }

  // --- login throttling -----------------------------------------------------------------

  /**
   * Counts one sign-in attempt against the account and against the address, before the password
   * is checked, in one upsert. Concurrent attempts queue on the rows' locks, so each sees every
   * attempt before it: a burst of N guesses gets at most `limit` password checks, never N. Fixed
   * windows of `windowS` seconds start at the first attempt. Returns the counts including this
   * attempt and the seconds until each window ends.
   */
  async countLoginAttempt(email: string, ip: string, windowS: number) {
    const accountKey = `account:${email.toLowerCase()}`;
    const rows = await this.sql<{ key: string; count: number; retry_after: number }[]>`
      insert into login_attempts as a (key, window_start, count)
      values (${accountKey}, now(), 1), (${`ip:${ip}`}, now(), 1)
      on conflict (key) do update set
        count = case when a.window_start <= now() - make_interval(secs => ${windowS})
                     then 1 else a.count + 1 end,
        window_start = case when a.window_start <= now() - make_interval(secs => ${windowS})
                            then now() else a.window_start end
      returning key, count,
        greatest(1, ceil(extract(epoch from
          a.window_start + make_interval(secs => ${windowS}) - now())))::int as retry_after`;
    const account = rows.find((r) => r.key === accountKey)!;
    const address = rows.find((r) => r.key !== accountKey)!;
    return {
      account: { count: account.count, retryAfterS: account.retry_after },
      ip: { count: address.count, retryAfterS: address.retry_after },
    };
  }

  /**
   * After a successful sign-in: the account starts afresh (as before a typo), and the address
   * gets its attempt back, so people signing in behind one NAT do not use up its allowance.
   * Windows that ended are pruned here too, so guesses at many names do not pile up rows.
   */
  async releaseLoginAttempt(email: string, ip: string, windowS: number): Promise<void> {
    await this.sql`delete from login_attempts where key = ${`account:${email.toLowerCase()}`}
                   or window_start <= now() - make_interval(secs => ${windowS})`;
    await this.sql`
      update login_attempts set count = greatest(count - 1, 0) where key = ${`ip:${ip}`}`;
  }
}
