import { useQuery } from '@tanstack/react-query';
import type { Connection } from '../api/connections-api';
import { queryKeys } from '../api/query-keys';
import { getSettings } from '../api/settings-api';

/**
 * Whether the runtime runs in sandbox mode (its settings say so): the built-in simulators run,
 * the guided demo is offered and templates install against the simulators by default. False
 * until the settings are read.
 */
export function useSandbox(): boolean {
  return (
    useQuery({ queryKey: queryKeys.settings, queryFn: getSettings, staleTime: Infinity }).data
      ?.sandbox ?? false
  );
}

/** Whether a connection points at a built-in simulator (what a sandbox start creates). */
export function isSimulatorConnection(connection: Pick<Connection, 'values'>): boolean {
  return (connection.values as Record<string, unknown>).environment === 'simulator';
}

/**
 * The connection a slot starts with: in sandbox mode a simulator connection when there is one,
 * else the only connection of the type, else none (the built-in ledger for an ERP slot).
 */
export function preselectConnection(
  usable: readonly Pick<Connection, 'id' | 'values'>[],
  sandbox: boolean,
): string {
  const simulator = sandbox ? usable.find(isSimulatorConnection) : undefined;
  if (simulator) return simulator.id;
  return usable.length === 1 && usable[0] ? usable[0].id : '';
}
