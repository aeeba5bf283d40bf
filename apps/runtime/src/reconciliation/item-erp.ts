/**
 * The ERP a reconciliation item was matched against, so "create the missing document" books in
 * that ERP: the `erpConnectionId` of the `reconcile.settlement` node in the flow version whose run
 * found the item; empty (or no run) is the built-in ledger, else a QuickBooks Online connection.
 *
 * @module
 */
import type { ErpAdapter } from '@paybridge/nodes/erp';
import { createQuickbooksAdapter, quickbooksConnection } from '@paybridge/nodes/erp/server';
import type { ConnectionStore } from '../connections/connection-store';
import type { Sql } from '../db/client';
import { ApiError } from '../http/api-error';
import { createConnectionTokenStore } from '../ledger/quickbooks-token-store';

/** What {@link erpOfItem} needs of the runtime. */
export interface ItemErpDeps {
  sql: Sql;
  connections: ConnectionStore;
  builtIn: ErpAdapter;
  /** The QuickBooks simulator's URL, for connections in the simulator environment. */
  quickbooksSimulatorUrl: () => string | undefined;
}

/** The adapter to book in and the ERP connection's id (`built-in` for the ledger). */
export async function erpOfItem(
  deps: ItemErpDeps,
  flowRunId: string | null,
): Promise<{ adapter: ErpAdapter; erpConnection: string }> {
  const builtIn = { adapter: deps.builtIn, erpConnection: 'built-in' };
  if (flowRunId === null) return builtIn;
  const rows = await deps.sql<{ erp: string | null }[]>`
    select n.node -> 'config' ->> 'erpConnectionId' as erp
      from runs r
      join flow_versions v on v.id = r.flow_version_id
     cross join lateral jsonb_array_elements(v.graph -> 'nodes') as n(node)
     where r.id = ${flowRunId}::uuid and n.node ->> 'type' = 'reconcile.settlement'
     limit 1`;
  const id = rows[0]?.erp ?? '';
  if (id === '') return builtIn;
  const found = await deps.connections.resolve(id);
  if (!found || found.type !== quickbooksConnection.type) {
    throw new ApiError(
      409,
      'ERP_CONNECTION_MISSING',
      `The ERP connection ${id} this item was reconciled against no longer exists`,
    );
  }
  const values = quickbooksConnection.fields.parse(found.values);
  try {
    return {
      adapter: createQuickbooksAdapter(values, {
        tokens: createConnectionTokenStore(deps.connections),
        tokenKey: id,
        simulatorUrl: deps.quickbooksSimulatorUrl(),
      }),
      erpConnection: id,
    };
  } catch (err) {
    throw new ApiError(409, 'ERP_NOT_CONNECTED', (err as Error).message);
  }
}
