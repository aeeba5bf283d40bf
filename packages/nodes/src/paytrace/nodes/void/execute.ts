/**
 * The `paytrace.void` executor.
 *
 * @module
 */
import type { NodeExecutor } from '@paybridge/engine';
import { implementNode } from '../../../define-node';
import type { PaytraceRuntime } from '../../client/runtime';
import { paymentScope, performPayment } from '../../payment-effect';
import { clientFor } from '../shared/node-client';
import { voidEffect } from '../shared/void-effect';
import { paytraceVoidNode, type PaytraceVoidConfig } from './definition';

/** Builds the void executor on the runtime's shared PayTrace state. */
export function createVoidExecutor(runtime: PaytraceRuntime): NodeExecutor<PaytraceVoidConfig> {
  return implementNode(paytraceVoidNode, async (ctx) => {
    const client = clientFor(runtime, ctx);
    const { business } = await paymentScope(ctx, 'void');
    const effect = voidEffect(client, ctx.config.transactionId, '');
    const output = await performPayment(ctx, client, effect, business);
    return { port: output.status, output };
  });
}
