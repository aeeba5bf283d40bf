/**
 * In-memory state of one simulated QuickBooks Online company (realm) and the OAuth server in
 * front of it.
 * @module
 */
import type { Sequences } from '../persistence/sequences.js';

/** A stored entity as the API returns it (Id, SyncToken, MetaData included). */
export type QboEntity = Record<string, unknown> & { Id: string; SyncToken: string };

/** An injected fault for requests whose path ends with a given suffix (`*` for all). */
export interface QboFault {
  /** Answer this HTTP status with a SystemFault body, without processing. */
  status?: number;
  /** Process the request, then drop the answer (the write happened; the caller never hears). */
  dropResponse?: boolean;
  /** How many requests it applies to; absent = until cleared. */
  remaining?: number;
}

/** Issued tokens and pending authorization codes. */
export interface OAuthState {
  codes: Map<string, { redirectUri: string; expiresAt: number }>;
  accessTokens: Map<string, { expiresAt: number }>;
  refreshTokens: Map<string, { issuedAt: number; expiresAt: number }>;
}

/** Whole simulator state. */
export interface QboState {
  entities: Map<string, Map<string, QboEntity>>;
  /** The `id` sequence of new entities. */
  sequences: Sequences;
  oauth: OAuthState;
  faults: Map<string, QboFault>;
  /** Times of recent API requests, for the per-minute limit. */
  recentRequests: number[];
  /** Answer the next n API requests with 429, whatever the rate. */
  forcedThrottles: number;
  /** Every API request seen: method, path, minor version asked for. */
  requestLog: { method: string; path: string; minorVersion: string | null }[];
}

/** First values of the sequences. */
export const SEQUENCE_STARTS = { id: 100n };

/** Fresh state over `sequences` (memory: restarted; a durable store: continued). */
export function createQboState(sequences: Sequences): QboState {
  return {
    entities: new Map(),
    sequences,
    oauth: { codes: new Map(), accessTokens: new Map(), refreshTokens: new Map() },
    faults: new Map(),
    recentRequests: [],
    forcedThrottles: 0,
    requestLog: [],
  };
}

/** The table of one entity type, created on first use. */
export function table(state: QboState, entity: string): Map<string, QboEntity> {
  let t = state.entities.get(entity);
  if (!t) {
    t = new Map();
    state.entities.set(entity, t);
  }
  return t;
}
