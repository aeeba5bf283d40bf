import { DEMO_CREDENTIALS } from '@paybridge/sandbox';
import type { ConnectionStore } from '../connections/connection-store';
import type { Logger } from '../logger';

/** Name of the connection a sandbox start creates for the built-in PayTrace simulator. */
export const SANDBOX_PAYTRACE_CONNECTION = 'PayTrace simulator';

/**
 * Makes a sandbox start ready to charge: when no PayTrace connection points at the built-in
 * simulator, one is created with the simulator's demo credentials (they are public test values,
 * printed in the README). A connection an admin deleted comes back at the next sandbox start;
 * one they edited (renamed, other credentials) is left alone.
 */
export async function ensureSandboxConnections(
  connections: ConnectionStore,
  logger: Logger,
): Promise<void> {
  const existing = await connections.list('paytrace');
  if (existing.some((c) => c.values.environment === 'simulator')) return;
  const created = await connections.create(
    {
      type: 'paytrace',
      name: SANDBOX_PAYTRACE_CONNECTION,
      values: {
        username: DEMO_CREDENTIALS.username,
        password: DEMO_CREDENTIALS.password,
        integratorId: DEMO_CREDENTIALS.integratorId,
        environment: 'simulator',
      },
    },
    null,
  );
  logger.info('sandbox: created a PayTrace connection to the built-in simulator', {
    connectionId: created.id,
    name: created.name,
  });
}
