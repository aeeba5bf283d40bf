/**
 * The `paytrace.sale` executor.
 *
 * @module
 */
import type { PaytraceRuntime } from '../../client/runtime';
import { createChargeExecutor } from '../shared/charge-executor';
import { paytraceSaleNode } from './definition';

/** Builds the sale executor on the runtime's shared PayTrace state. */
export function createSaleExecutor(runtime: PaytraceRuntime) {
  return createChargeExecutor(paytraceSaleNode, 'sale', runtime);
}
