/**
 * The runtime's side of `reconcile.settlement`: the node's {@link SettlementStore} over Postgres,
 * handed to the node through `NodeRuntimeOptions.reconciliation` as the built-in ledger is handed
 * to the ERP nodes.
 *
 * @module
 */
import type { SettlementStore } from '@paybridge/nodes/reconcile/server';
import type { ConnectionResolver } from '../connections/resolver';
import type { Sql } from '../db/client';
import { matchDay } from './match-day';
import {
  shopifyCoverage,
  shopifyOrdersWithoutTransaction,
  stageBatches,
  stageShopifyOrders,
} from './staging';

/** Builds the store on the runtime's pool. */
export function createSettlementStore(sql: Sql, connections: ConnectionResolver): SettlementStore {
  return {
    async connection(id) {
      const found = await connections.resolve(id);
      return found ? { type: found.type, values: { ...found.values } } : null;
    },
    async beginRun(input) {
      if (input.runId !== null) {
        const rows = await sql<{ id: string }[]>`
          update reconciliation_runs
             set status = 'running', connection = ${input.connection}, total = ${input.total},
                 done = 0, flow_run_id = coalesce(flow_run_id, ${input.flowRunId}::uuid),
                 error = null, finished_at = null
           where id = ${input.runId}
          returning id`;
        if (rows[0]) return rows[0].id;
      }
      const rows = await sql<{ id: string }[]>`
        insert into reconciliation_runs (id, connection, from_date, to_date, status, total,
               flow_run_id)
        values (coalesce(${input.runId}::uuid, gen_random_uuid()), ${input.connection},
                ${input.from}::date, ${input.to}::date, 'running', ${input.total},
                ${input.flowRunId}::uuid)
        returning id`;
      return rows[0]!.id;
    },
    async progress(runId, done, total) {
      await sql`update reconciliation_runs set done = ${done}, total = ${total} where id = ${runId}`;
    },
    async finishRun(runId, outcome) {
      await sql`
        update reconciliation_runs
           set status = ${outcome.error === null ? 'succeeded' : 'failed'},
               error = ${outcome.error}, summary = ${JSON.stringify(outcome.summary ?? null)}::jsonb,
               finished_at = now()
         where id = ${runId}`;
    },
    stageBatches: (connection, runId, batches, transactions) =>
      stageBatches(sql, connection, runId, batches, transactions),
    stageShopifyOrders: (connection, orders, covered) =>
      stageShopifyOrders(sql, connection, orders, covered),
    shopifyCoverage: (connection, shop, from, to) =>
      shopifyCoverage(sql, connection, shop, from, to),
    shopifyOrdersWithoutTransaction: (connection, fromIso, toIso) =>
      shopifyOrdersWithoutTransaction(sql, connection, fromIso, toIso),
    matchDay: (options) => matchDay(sql, options),
    async markPosted(connection, batchNumber, journalRef, journalId) {
      await sql`
        update reconciliation_batches
           set journal_ref = ${journalRef}, journal_id = ${journalId},
               posted_at = coalesce(posted_at, now())
         where connection = ${connection} and batch_number = ${batchNumber}`;
    },
  };
}
