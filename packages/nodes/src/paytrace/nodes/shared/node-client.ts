/**
 * The client of one node execution: the connection's settings resolved against the runtime, and
 * a client bound to the step's abort signal.
 *
 * @module
 */
import type { ExecuteContext } from '@paybridge/engine';
import { createPaytraceClient, type PaytraceClient } from '../../client/paytrace-client';
import type { PaytraceRuntime } from '../../client/runtime';
import { paytraceSettings } from '../../client/settings';

/** Builds the client for `ctx` (throws PermanentError for a missing or invalid connection). */
export function clientFor(
  runtime: PaytraceRuntime,
  ctx: Pick<ExecuteContext, 'connection' | 'signal'>,
): PaytraceClient {
  const settings = paytraceSettings(ctx.connection, runtime.simulatorUrl);
  return createPaytraceClient(runtime, settings, ctx.signal);
}
