/**
 * The PayTrace executor factories, keyed by type, for `executors.ts`. Each builds its executor on
 * the lookup's shared PayTrace runtime (pools, token cache, simulator URL).
 *
 * @module
 */
import type { PaytraceRuntime } from '../client/runtime';
import { createAuthorizeExecutor } from './authorize/execute';
import { createSaleExecutor } from './sale/execute';

/** What the factories use of the lookup's shared services. */
interface PaytraceServices {
  readonly paytrace: PaytraceRuntime;
}

/** One factory per PayTrace node type. */
export const paytraceExecutorFactories = {
  'paytrace.sale': (_: unknown, { paytrace }: PaytraceServices) => createSaleExecutor(paytrace),
  'paytrace.authorize': (_: unknown, { paytrace }: PaytraceServices) =>
    createAuthorizeExecutor(paytrace),
};
