import type { Connection } from '../api/connections-api';

/**
 * Whether a connection points at a built-in simulator (what a sandbox start creates: its
 * `environment` is `simulator`). The install dialog picks these first, so that in sandbox mode a
 * template installs against the simulators without a choice to make.
 */
export function isSimulatorConnection(connection: Pick<Connection, 'values'>): boolean {
  return (connection.values as Record<string, unknown>).environment === 'simulator';
}

/**
 * The connection a slot starts with: a simulator connection when there is one (sandbox mode),
 * else the only connection of the type, else none (the built-in ledger for an ERP slot).
 */
export function preselectConnection(usable: readonly Pick<Connection, 'id' | 'values'>[]): string {
  const simulator = usable.find(isSimulatorConnection);
  if (simulator) return simulator.id;
  return usable.length === 1 && usable[0] ? usable[0].id : '';
}
