/**
 * Finding Paybridge's documents in QuickBooks again: by DocNumber (or PrivateNote) through the
 * query language, confirmed by the full reference in the PrivateNote, since DocNumbers are
 * short and a person may type the same number by hand.
 *
 * @module
 */
import type { QuickbooksClient } from './client';
import { docNumberFor, noteFor, parseNote, quote, refFromDisplayName } from './references';

type Json = Record<string, unknown>;

/** A transaction Paybridge posted for `ref` (`kind` as in its PrivateNote), or null. */
export async function findByDocNumber(
  client: QuickbooksClient,
  entity: string,
  kind: string,
  ref: string,
  docSuffix = '',
): Promise<Json | null> {
  const docNumber = docNumberFor(`${ref}${docSuffix}`);
  const rows = await client.query(
    entity,
    `select * from ${entity} where DocNumber = ${quote(docNumber)}`,
  );
  return (
    rows.find((row) => {
      const note = parseNote(row.PrivateNote);
      return note?.kind === kind && note.ref === ref;
    }) ?? null
  );
}

/**
 * A transaction marked only by its PrivateNote (payments and deposits have no DocNumber): a
 * prefix match (the note may carry fields after the reference), confirmed by parsing it.
 */
export async function findByNote(
  client: QuickbooksClient,
  entity: string,
  kind: string,
  ref: string,
): Promise<Json | null> {
  const rows = await client.query(
    entity,
    `select * from ${entity} where PrivateNote like ${quote(`${noteFor(kind, ref)}%`)}`,
  );
  return (
    rows.find((row) => {
      const note = parseNote(row.PrivateNote);
      return note?.kind === kind && note.ref === ref;
    }) ?? null
  );
}

/** The customer whose DisplayName carries `ref`, or null. */
export async function findCustomer(client: QuickbooksClient, ref: string): Promise<Json | null> {
  const rows = await client.query(
    'Customer',
    `select * from Customer where DisplayName like ${quote(`%[${ref}]`)}`,
  );
  return rows.find((row) => refFromDisplayName(row.DisplayName) === ref) ?? null;
}
