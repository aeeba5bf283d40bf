/**
 * The `paytrace.authorize` executor.
 *
 * @module
 */
import type { PaytraceRuntime } from '../../client/runtime';
import { createChargeExecutor } from '../shared/charge-executor';
import { paytraceAuthorizeNode } from './definition';

/** Builds the authorization executor on the runtime's shared PayTrace state. */
export function createAuthorizeExecutor(runtime: PaytraceRuntime) {
  return createChargeExecutor(paytraceAuthorizeNode, 'authorization', runtime);
}
