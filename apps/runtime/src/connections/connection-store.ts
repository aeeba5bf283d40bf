import { randomUUID } from 'node:crypto';
import type { FlowGraph, GraphIssue } from '@paybridge/engine';
import { lookupConnectionType } from '@paybridge/nodes/definitions';
import type { Sql } from '../db/client';
import type { SealedValue } from '../db/schema/connections';
import type { Logger } from '../logger';
import type { KeyRing } from '../secrets/key-ring';
import { rotateSecrets, type RotationResult } from '../secrets/rotate-secrets';
import { openSecret, sealSecret } from '../secrets/seal';
import { lockSealingShared } from '../secrets/sealing-lock';
import {
  isKeepMarker,
  mergeValues,
  presentValues,
  secretStrings,
  splitValues,
  validateValues,
  type ValueIssue,
} from './connection-values';
import { connectionIssues, connectionRefs } from './connection-refs';
import type { ConnectionResolver, ResolvedConnection } from './resolver';

/** A connection as the API shows it: secret fields only as `{ "set": boolean }`. */
export interface ConnectionView {
  id: string;
  type: string;
  name: string;
  values: Record<string, unknown>;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Why a change was refused; the routes map `kind` to a status. */
export class ConnectionError extends Error {
  constructor(
    readonly kind: 'not-found' | 'invalid',
    message: string,
    readonly issues: ValueIssue[] = [],
  ) {
    super(message);
    this.name = 'ConnectionError';
  }
}

interface Row {
  id: string;
  type: string;
  name: string;
  values: Record<string, unknown>;
  secrets: Record<string, SealedValue>;
  created_by: string | null;
  // Text: the shared pool leaves timestamp parsing to drizzle, which raw queries bypass.
  created_at: string | Date;
  updated_at: string | Date;
}

function iso(value: string | Date): string {
  return new Date(value).toISOString();
}

function view(row: Row): ConnectionView {
  return {
    id: row.id,
    type: row.type,
    name: row.name,
    values: presentValues(lookupConnectionType(row.type), row.values, Object.keys(row.secrets)),
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function notFound(id: string): ConnectionError {
  return new ConnectionError('not-found', `No connection with id ${id}`);
}

/**
 * Connections (credentials) in Postgres: non-secret values as they are, secret values sealed
 * one by one under the key ring's active key, bound to their connection and field. Reads for the
 * API never open a secret; only {@link resolve} does, for executors, trigger checks and tests.
 */
export class ConnectionStore implements ConnectionResolver {
  constructor(
    private readonly sql: Sql,
    private readonly ring: KeyRing,
  ) {}

  /** Connections not deleted, by name; optionally of one type. */
  async list(type?: string): Promise<ConnectionView[]> {
    const rows = await this.sql<Row[]>`
      select * from connections
      where deleted_at is null ${type ? this.sql`and type = ${type}` : this.sql``}
      order by lower(name), id`;
    return rows.map(view);
  }

  async get(id: string): Promise<ConnectionView> {
    return view(await this.row(id));
  }

  /** Creates a connection, validating values with its type and sealing the secret ones. */
  async create(
    input: { type: string; name: string; values: Record<string, unknown> },
    createdBy: string | null,
  ): Promise<ConnectionView> {
    const definition = lookupConnectionType(input.type);
    if (!definition) {
      throw new ConnectionError('invalid', `Unknown connection type "${input.type}"`, [
        { path: 'type', message: 'unknown connection type' },
      ]);
    }
    const checked = validateValues(definition, mergeValues(definition, {}, input.values));
    if (!checked.ok) throw invalidValues(checked.issues);
    const id = randomUUID();
    const { plain, secret } = splitValues(definition, checked.values);
    const rows = await this.sql.begin(async (tx) => {
      await lockSealingShared(tx);
      const sealed = await this.seal(id, secret);
      return tx<Row[]>`
        insert into connections (id, type, name, values, secrets, created_by)
        values (${id}, ${input.type}, ${input.name}, ${JSON.stringify(plain)}::jsonb,
                ${JSON.stringify(sealed)}::jsonb, ${createdBy})
        returning *`;
    });
    return view(rows[0] as Row);
  }

  /**
   * Changes the name and/or values. Values are merged into the stored ones (see `mergeValues`):
   * secrets left out keep their stored value without being re-typed. Returns the view and the
   * names of the fields that changed (for the audit log; never their values).
   */
  async update(
    id: string,
    input: { name?: string | undefined; values?: Record<string, unknown> | undefined },
  ): Promise<{ connection: ConnectionView; changedFields: string[] }> {
    return this.sql.begin(async (tx) => {
      await lockSealingShared(tx);
      const [row] = await tx<Row[]>`
        select * from connections where id = ${id} and deleted_at is null for update`;
      if (!row) throw notFound(id);
      const definition = lookupConnectionType(row.type);
      if (!definition) {
        throw new ConnectionError('invalid', `Connection type "${row.type}" is no longer known`);
      }
      let values = row.values;
      let secrets = row.secrets;
      const changedFields: string[] = [];
      if (input.values) {
        // Secrets being replaced or cleared are not opened: an admin can re-enter one that no
        // longer decrypts (a lost key) without the update failing on it.
        const replaced = new Set(
          Object.entries(input.values)
            .filter(([, v]) => v !== undefined && !isKeepMarker(v))
            .map(([field]) => field),
        );
        const stored = { ...row.values, ...(await this.open(row, replaced)) };
        const checked = validateValues(definition, mergeValues(definition, stored, input.values));
        if (!checked.ok) throw invalidValues(checked.issues);
        const next = splitValues(definition, checked.values);
        values = next.plain;
        secrets = {};
        for (const field of new Set([...Object.keys(stored), ...Object.keys(checked.values)])) {
          if (JSON.stringify(stored[field]) !== JSON.stringify(checked.values[field])) {
            changedFields.push(field);
          }
        }
        for (const [field, value] of Object.entries(next.secret)) {
          const previous = row.secrets[field];
          // An unchanged secret keeps its ciphertext; only changed ones are sealed anew.
          secrets[field] =
            previous && !changedFields.includes(field)
              ? previous
              : await sealSecret(this.ring, { connectionId: id, field }, JSON.stringify(value));
        }
      }
      const name = input.name ?? row.name;
      const [updated] = await tx<Row[]>`
        update connections
        set name = ${name}, values = ${JSON.stringify(values)}::jsonb,
            secrets = ${JSON.stringify(secrets)}::jsonb, updated_at = now()
        where id = ${id}
        returning *`;
      return { connection: view(updated as Row), changedFields };
    });
  }

  /** Active flows whose live version names the connection (deleting it would break them). */
  async usedBy(id: string): Promise<{ id: string; name: string }[]> {
    const rows = await this.sql<{ id: string; name: string; graph: FlowGraph }[]>`
      select f.id, f.name, v.graph from flows f
      join flow_versions v on v.id = f.active_version_id
      where f.deleted_at is null and strpos(v.graph::text, ${id}) > 0`;
    return rows
      .filter((row) => connectionRefs(row.graph).some((ref) => ref.connectionId === id))
      .map(({ id: flowId, name }) => ({ id: flowId, name }));
  }

  /**
   * Soft delete: the row stays (runs and the audit log refer to it) with its name and plain
   * values, but its sealed secrets are erased: nothing is left to decrypt.
   */
  async delete(id: string): Promise<ConnectionView> {
    const [row] = await this.sql<Row[]>`
      update connections set deleted_at = now(), updated_at = now(), secrets = '{}'::jsonb
      where id = ${id} and deleted_at is null
      returning *`;
    if (!row) throw notFound(id);
    return view(row);
  }

  /**
   * The connection with its secrets decrypted, or `null` when there is none or it was deleted.
   * A value that does not decrypt throws `SecretDecryptError`: never a silent empty secret.
   */
  async resolve(id: string): Promise<ResolvedConnection | null> {
    const [row] = await this.sql<Row[]>`
      select * from connections where id = ${id} and deleted_at is null`;
    if (!row) return null;
    const secrets = await this.open(row);
    const values = { ...row.values, ...secrets };
    const secretValues = Object.values(secrets).flatMap(secretStrings);
    const definition = lookupConnectionType(row.type);
    if (definition) {
      const parsed = definition.fields.safeParse(values);
      if (parsed.success) secretValues.push(...definition.secretForms(parsed.data));
    }
    return { id: row.id, type: row.type, values, secretValues: [...new Set(secretValues)] };
  }

  /** Re-seals every secret under a new master key (see `rotateSecrets`). */
  rotateSecrets(logger: Logger): Promise<RotationResult> {
    return rotateSecrets(this.sql, this.ring, logger);
  }

  /**
   * Checks at save time that every connection a flow's nodes name exists and has a type the node
   * accepts. One issue per problem, with a path into the graph like validation issues.
   */
  async checkConnectionsExist(graph: FlowGraph): Promise<GraphIssue[]> {
    const refs = connectionRefs(graph);
    if (refs.length === 0) return [];
    // Ids that are not UUIDs cannot exist; keep them out of the uuid[] cast.
    const ids = [...new Set(refs.map((r) => r.connectionId))].filter((id) => UUID.test(id));
    const rows = await this.sql<{ id: string; type: string }[]>`
      select id, type from connections where id = any(${ids}::uuid[]) and deleted_at is null`;
    return connectionIssues(refs, new Map(rows.map((r) => [r.id, r.type])));
  }

  private async row(id: string): Promise<Row> {
    const [row] = await this.sql<Row[]>`
      select * from connections where id = ${id} and deleted_at is null`;
    if (!row) throw notFound(id);
    return row;
  }

  private async seal(id: string, secret: Record<string, unknown>) {
    const sealed: Record<string, SealedValue> = {};
    for (const [field, value] of Object.entries(secret)) {
      sealed[field] = await sealSecret(
        this.ring,
        { connectionId: id, field },
        JSON.stringify(value),
      );
    }
    return sealed;
  }

  private async open(
    row: Row,
    skip: ReadonlySet<string> = new Set(),
  ): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const [field, sealed] of Object.entries(row.secrets)) {
      if (skip.has(field)) continue;
      out[field] = JSON.parse(await openSecret(this.ring, { connectionId: row.id, field }, sealed));
    }
    return out;
  }
}

function invalidValues(issues: ValueIssue[]): ConnectionError {
  const first = issues[0];
  return new ConnectionError(
    'invalid',
    first ? `${first.path}: ${first.message}` : 'Invalid values',
    issues,
  );
}
