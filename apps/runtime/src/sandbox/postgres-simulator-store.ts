import type { SimulatorStore } from '@paybridge/sandbox';
import type { Sql } from '../db/client';

/**
 * Keeps one built-in simulator's state in the runtime's Postgres (schema `sandbox`), so the
 * sandbox survives restarts: records are upserted in batches (without waiting for the WAL flush,
 * as a lost batch only loses sandbox records, never an id), and id blocks are reserved with a
 * normal, durable commit before the simulator hands any of them out.
 */
export function postgresSimulatorStore(sql: Sql, simulator: string): SimulatorStore {
  return {
    async load() {
      return sql<{ kind: string; key: string; json: string }[]>`
        select kind, key, data::text as json from sandbox.records where simulator = ${simulator}`;
    },
    async write(changes) {
      const upserts = changes.filter((c) => c.json !== null);
      const deletes = changes.filter((c) => c.json === null);
      await sql.begin(async (tx) => {
        await tx`set local synchronous_commit = off`;
        if (upserts.length > 0) {
          await tx`
            insert into sandbox.records (simulator, kind, key, data)
            select ${simulator}, u.kind, u.key, u.data::json
            from unnest(
              ${tx.array(upserts.map((c) => c.kind))}::text[],
              ${tx.array(upserts.map((c) => c.key))}::text[],
              ${tx.array(upserts.map((c) => c.json as string))}::text[]
            ) as u(kind, key, data)
            on conflict (simulator, kind, key)
            do update set data = excluded.data, updated_at = now()`;
        }
        if (deletes.length > 0) {
          await tx`
            delete from sandbox.records r
            using unnest(
              ${tx.array(deletes.map((c) => c.kind))}::text[],
              ${tx.array(deletes.map((c) => c.key))}::text[]
            ) as d(kind, key)
            where r.simulator = ${simulator} and r.kind = d.kind and r.key = d.key`;
        }
      });
    },
    async clear() {
      await sql`delete from sandbox.records where simulator = ${simulator}`;
    },
    async reserve(sequence, size, floor) {
      const [row] = await sql<{ reserved_to: string }[]>`
        insert into sandbox.sequences (simulator, name, reserved_to)
        values (${simulator}, ${sequence}, ${(floor + BigInt(size)).toString()}::numeric)
        on conflict (simulator, name) do update
        set reserved_to = greatest(sandbox.sequences.reserved_to, ${floor.toString()}::numeric) + ${size}
        returning reserved_to::text`;
      return BigInt(row!.reserved_to);
    },
  };
}
