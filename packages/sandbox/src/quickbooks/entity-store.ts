/**
 * Creating, reading and updating stored entities with the bookkeeping every entity shares: ids,
 * SyncToken (optimistic concurrency: an update must carry the current one, else Stale Object
 * Error 5010), MetaData times and sparse versus full updates.
 * @module
 */
import { saveEntity, type QboContext } from './context.js';
import { business, validation } from './fault.js';
import { table, type QboEntity } from './state.js';

/** Stores a new entity with a fresh Id, SyncToken "0" and MetaData. */
export function insert(sim: QboContext, entity: string, body: Record<string, unknown>): QboEntity {
  const id = String(sim.state.sequences.next('id'));
  const time = new Date(sim.now()).toISOString();
  const stored: QboEntity = {
    ...body,
    Id: id,
    SyncToken: '0',
    domain: 'QBO',
    sparse: false,
    MetaData: { CreateTime: time, LastUpdatedTime: time },
  };
  table(sim.state, entity).set(id, stored);
  saveEntity(sim, entity, id);
  return stored;
}

/** Reads an entity; ValidationFault 610 when it does not exist. */
export function fetch(sim: QboContext, entity: string, id: unknown): QboEntity {
  const found = table(sim.state, entity).get(String(id));
  if (!found) {
    throw validation(
      '610',
      'Object Not Found',
      `Object Not Found : Something you're trying to use has been made inactive or deleted: ${entity} ${String(id)}`,
    );
  }
  return found;
}

/** Bumps the SyncToken and LastUpdatedTime of an entity changed as a side effect. */
export function touch(sim: QboContext, entity: QboEntity): void {
  entity.SyncToken = String(Number(entity.SyncToken) + 1);
  const meta = entity.MetaData as Record<string, unknown>;
  meta.LastUpdatedTime = new Date(sim.now()).toISOString();
  for (const [name, rows] of sim.state.entities) {
    if (rows.get(entity.Id) === entity) saveEntity(sim, name, entity.Id);
  }
}

/** Fields an update may never change. */
const FIXED = new Set(['Id', 'SyncToken', 'MetaData', 'domain', 'sparse']);

/**
 * Applies an update: the SyncToken must be current; `sparse: true` changes only the given
 * fields, otherwise the entity is replaced by the body. `financial` entities keep their lines
 * and amounts (changing them is not simulated and is refused).
 */
export function update(
  sim: QboContext,
  entity: string,
  body: Record<string, unknown>,
  financial: boolean,
): QboEntity {
  const existing = fetch(sim, entity, body.Id);
  if (String(body.SyncToken ?? '') !== existing.SyncToken) {
    throw validation(
      '5010',
      'Stale Object Error',
      `Stale Object Error : You and another user were working on this ${entity} at the same time. The other user finished before you did, so your work was not saved.`,
    );
  }
  if (financial) {
    for (const field of ['Line', 'TotalAmt', 'Balance', 'CustomerRef', 'TxnTaxDetail']) {
      if (field in body) {
        throw business(`changing ${field} of a ${entity} is not simulated; create a new one`);
      }
    }
  }
  const next: Record<string, unknown> = body.sparse === true ? { ...existing } : {};
  if (body.sparse !== true) {
    for (const key of Object.keys(existing)) {
      if (
        FIXED.has(key) ||
        (financial &&
          [
            'Line',
            'TotalAmt',
            'Balance',
            'CustomerRef',
            'TxnTaxDetail',
            'RemainingCredit',
            'LinkedTxn',
            'CurrencyRef',
            'TxnDate',
            'DocNumber',
          ].includes(key))
      ) {
        next[key] = existing[key];
      }
    }
  }
  for (const [key, value] of Object.entries(body)) if (!FIXED.has(key)) next[key] = value;
  const stored = { ...next, Id: existing.Id, SyncToken: existing.SyncToken } as QboEntity;
  stored.MetaData = { ...(existing.MetaData as object) };
  stored.domain = 'QBO';
  stored.sparse = false;
  touch(sim, stored);
  table(sim.state, entity).set(existing.Id, stored);
  saveEntity(sim, entity, existing.Id);
  return stored;
}

/** The value of a `{ value }` reference, or undefined. */
export function refValue(ref: unknown): string | undefined {
  if (ref && typeof ref === 'object' && 'value' in ref) {
    const v = (ref as { value: unknown }).value;
    return v === undefined || v === null ? undefined : String(v);
  }
  return undefined;
}
