import type { ReservedSql, TransactionSql } from 'postgres';

/**
 * Advisory lock (two-int form) separating writers of sealed values from a key change. Writers
 * hold it shared for their transaction, from reading the active key to commit; a rotation takes
 * it exclusively to switch keys and to drop unused ones, so no value can be sealed with a key in
 * the moment that key is being dropped.
 */
const LOCK = [1_347_240_514, 1] as const;

/** Held until the transaction ends; many writers at once. */
export async function lockSealingShared(tx: TransactionSql): Promise<void> {
  await tx`select pg_advisory_xact_lock_shared(${LOCK[0]}::int, ${LOCK[1]}::int)`;
}

/** Held until the transaction ends; waits for every writer in flight. */
export async function lockSealingExclusive(tx: TransactionSql): Promise<void> {
  await tx`select pg_advisory_xact_lock(${LOCK[0]}::int, ${LOCK[1]}::int)`;
}

/** Session lock making rotations one at a time (across processes); false when one is running. */
export async function tryLockRotation(session: ReservedSql): Promise<boolean> {
  const [row] = await session<{ ok: boolean }[]>`
    select pg_try_advisory_lock(${LOCK[0]}::int, 2) as ok`;
  return row?.ok === true;
}

export async function unlockRotation(session: ReservedSql): Promise<void> {
  await session`select pg_advisory_unlock(${LOCK[0]}::int, 2)`;
}
