/**
 * A small QuickBooks Online Accounting API client: bearer tokens from the refresh token (stored
 * again whenever Intuit rotates it), minor version pinned on every call, HTTP 429 and 5xx on
 * reads retried with exponential backoff and jitter, and one re-authentication on a 401.
 * Creates are not retried here: an unanswered create may have happened, so the adapter looks
 * the document up by its reference before sending it again.
 *
 * @module
 */
import { ErpError } from '../errors';
import { observeOutbound } from '../../http/outbound-observer';
import { faultToError } from './faults';
import { refreshTokens, type OAuthEndpoints } from './oauth';
import type { QuickbooksTokenStore } from './token-store';

/** The minor version every call pins, so answers keep the shape this client was written for. */
export const MINOR_VERSION = '75';

/** How long one API request may take before it is abandoned (its outcome is then unknown). */
export const REQUEST_TIMEOUT_MS = 30_000;

/** Entities per page of a paged query: the most the query endpoint returns. */
const QUERY_PAGE = 1000;

/** Intuit's API hosts. */
export const QBO_API = {
  production: 'https://quickbooks.api.intuit.com',
  sandbox: 'https://sandbox-quickbooks.api.intuit.com',
} as const;

/** What the client needs. */
export interface QuickbooksClientOptions {
  apiBase: string;
  oauth: OAuthEndpoints;
  clientId: string;
  clientSecret: string;
  realmId: string;
  /** The refresh token from the connection; a newer one in the store wins. */
  refreshToken: string;
  /** Key of this connection in the token store (default: client id and realm). */
  tokenKey?: string;
  tokens: QuickbooksTokenStore;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Attempts for a throttled or failed read (default 4). */
  maxAttempts?: number;
  /** Backoff base in ms (default 500); doubled each attempt, with full jitter. */
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

type Json = Record<string, unknown>;

/** A QuickBooks Online company's API. */
export class QuickbooksClient {
  private readonly fetchFn: typeof fetch;
  private readonly key: string;

  constructor(private readonly options: QuickbooksClientOptions) {
    this.fetchFn = options.fetch ?? fetch;
    this.key = options.tokenKey ?? `${options.clientId}:${options.realmId}`;
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private async accessToken(forceRefresh: boolean): Promise<string> {
    const stored = await this.options.tokens.load(this.key);
    if (!forceRefresh && stored?.accessToken && stored.accessExpiresAt > this.now() + 60_000) {
      return stored.accessToken;
    }
    const used = stored?.refreshToken ?? this.options.refreshToken;
    let answer;
    try {
      answer = await this.refresh(used);
    } catch (err) {
      // Another process may have rotated the refresh token meanwhile: use the one it stored.
      const latest = (await this.options.tokens.load(this.key))?.refreshToken;
      if (!(err instanceof ErpError && err.kind === 'auth') || !latest || latest === used)
        throw err;
      answer = await this.refresh(latest);
    }
    await this.options.tokens.save(this.key, {
      refreshToken: answer.refreshToken,
      accessToken: answer.accessToken,
      accessExpiresAt: this.now() + answer.expiresInSeconds * 1000,
    });
    return answer.accessToken;
  }

  private refresh(refreshToken: string) {
    return refreshTokens(
      this.options.oauth,
      this.options,
      refreshToken,
      this.fetchFn,
      this.options.signal,
    );
  }

  private url(path: string, query: Record<string, string> = {}): string {
    const url = new URL(
      `${this.options.apiBase.replace(/\/+$/, '')}/v3/company/${this.options.realmId}/${path}`,
    );
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    url.searchParams.set('minorversion', MINOR_VERSION);
    return url.toString();
  }

  /**
   * Sends one request. `retryable` requests (reads, and writes QuickBooks refused before doing
   * anything: 429) are retried with backoff; the answer body is returned for 2xx, else an
   * {@link ErpError} (with the Fault's body on `cause`).
   */
  async send(
    method: 'GET' | 'POST',
    path: string,
    init: { query?: Record<string, string>; body?: Json; retryable: boolean },
  ): Promise<Json> {
    const maxAttempts = this.options.maxAttempts ?? 4;
    const sleep = this.options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      const token = await this.accessToken(false);
      let response: Response;
      try {
        const target = this.url(path, init.query);
        response = await observeOutbound(
          { service: 'quickbooks', method, host: new URL(target).host },
          () =>
            this.fetchFn(target, {
              method,
              headers: {
                authorization: `Bearer ${token}`,
                accept: 'application/json',
                ...(init.body ? { 'content-type': 'application/json' } : {}),
              },
              ...(init.body ? { body: JSON.stringify(init.body) } : {}),
              signal: this.options.signal
                ? AbortSignal.any([this.options.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)])
                : AbortSignal.timeout(REQUEST_TIMEOUT_MS),
            }),
          (r) => r.status,
        );
      } catch (err) {
        if (init.retryable && attempt < maxAttempts) {
          await sleep(this.delay(attempt));
          continue;
        }
        throw new ErpError(
          'transient',
          'QBO_UNREACHABLE',
          'QuickBooks Online could not be reached or did not answer',
          { cause: err },
        );
      }
      const body = (await response.json().catch(() => null)) as Json | null;
      if (response.ok) return body ?? {};
      const retryAfter = Number(response.headers.get('retry-after'));
      const retryAfterMs =
        Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined;
      if (response.status === 401 && !refreshed) {
        refreshed = true;
        await this.accessToken(true);
        continue;
      }
      // A 429 is refused before processing: safe to resend even a create.
      const again = response.status === 429 || (init.retryable && response.status >= 500);
      if (again && attempt < maxAttempts) {
        await sleep(Math.max(retryAfterMs ?? 0, this.delay(attempt)));
        continue;
      }
      const error = faultToError(response.status, body, retryAfterMs ?? this.delay(attempt));
      (error as { body?: unknown }).body = body;
      throw error;
    }
  }

  private delay(attempt: number): number {
    const base = (this.options.backoffMs ?? 500) * 2 ** (attempt - 1);
    return Math.floor(base / 2 + Math.random() * (base / 2));
  }

  /** Runs a query statement and returns the entities of `entity` it found. */
  async query(entity: string, statement: string): Promise<Json[]> {
    const body = await this.send('GET', 'query', { query: { query: statement }, retryable: true });
    const found = (body.QueryResponse as Json | undefined)?.[entity];
    return Array.isArray(found) ? (found as Json[]) : [];
  }

  /**
   * Runs a select statement page by page (STARTPOSITION / MAXRESULTS, 1,000 a page, the most the
   * service answers) until a short page: every entity it matches, for reads of a whole window.
   * `statement` must not carry its own ORDERBY, STARTPOSITION or MAXRESULTS.
   */
  async queryAll(entity: string, statement: string): Promise<Json[]> {
    const out: Json[] = [];
    for (let start = 1; ; start += QUERY_PAGE) {
      const page = await this.query(
        entity,
        `${statement} ORDERBY Id STARTPOSITION ${start} MAXRESULTS ${QUERY_PAGE}`,
      );
      out.push(...page);
      if (page.length < QUERY_PAGE) return out;
    }
  }

  /** Reads one entity by Id. */
  async read(entity: string, id: string): Promise<Json> {
    const body = await this.send('GET', `${entity.toLowerCase()}/${id}`, { retryable: true });
    return body[entity] as Json;
  }

  /** Creates an entity (not retried except on 429). */
  async create(entity: string, payload: Json): Promise<Json> {
    const body = await this.send('POST', entity.toLowerCase(), { body: payload, retryable: false });
    return body[entity] as Json;
  }

  /**
   * A sparse update with the entity's current SyncToken; on Stale Object Error (someone changed
   * it meanwhile) it re-reads and tries again, a few times.
   */
  async sparseUpdate(entity: string, id: string, changes: Json): Promise<Json> {
    for (let round = 0; ; round++) {
      const current = await this.read(entity, id);
      try {
        const body = await this.send('POST', entity.toLowerCase(), {
          body: { ...changes, Id: id, SyncToken: current.SyncToken, sparse: true },
          retryable: false,
        });
        return body[entity] as Json;
      } catch (err) {
        const stale = err instanceof ErpError && err.code === 'QBO_5010';
        if (!stale || round >= 3) throw err;
      }
    }
  }
}
