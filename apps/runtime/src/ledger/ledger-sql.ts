/**
 * Shared plumbing of the built-in ledger's queries: the transaction type, bigint columns read back
 * as safe integers, per-reference locks and request fingerprints.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import type postgres from 'postgres';
import { ErpError } from '@paybridge/nodes/erp';
import type { Sql } from '../db/client';

/** A pool or a transaction: ledger queries run in either. */
export type LedgerSql = Sql | postgres.TransactionSql;

/** A bigint column (postgres.js returns strings) as a safe integer; refuses anything larger. */
export function toMinor(value: string | number | bigint): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`ledger amount ${value} exceeds 2^53 - 1`);
  return n;
}

/**
 * Serialises postings of one (document type, reference) for the rest of the transaction, so two
 * concurrent replays of the same run cannot both pass the "already posted?" check. The unique
 * constraint on the reference stays the last line of defence.
 */
export async function lockReference(tx: LedgerSql, type: string, ref: string): Promise<void> {
  await tx`select pg_advisory_xact_lock(hashtextextended(${`ledger:${type}:${ref}`}, 0))`;
}

/** Stable digest of a document as given, to tell a true repeat from a reused reference. */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('base64url');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * A repeat of a posting: the same document again is fine (the caller returns the stored one), a
 * different document under the same reference is refused.
 */
export function assertSameDocument(
  type: string,
  ref: string,
  stored: string | null,
  given: string,
): void {
  if (stored !== null && stored !== given) {
    throw new ErpError(
      'conflict',
      'REFERENCE_REUSED',
      `${type} ${ref} was already posted with different content`,
    );
  }
}

/** Postgres errors of the ledger's own guards, as ERP errors. */
export function translateDbError(err: unknown): unknown {
  const e = err as { code?: string; message?: string; constraint_name?: string };
  if (e?.code === 'P0001' && e.message?.startsWith('ledger:')) {
    return new ErpError('validation', 'LEDGER_GUARD', e.message, { cause: err });
  }
  if (e?.code === '23514') {
    return new ErpError('validation', 'LEDGER_CHECK', `violates ${e.constraint_name}`, {
      cause: err,
    });
  }
  if (e?.code === '23505') {
    return new ErpError('conflict', 'REFERENCE_REUSED', `already exists (${e.constraint_name})`, {
      cause: err,
    });
  }
  return err;
}
