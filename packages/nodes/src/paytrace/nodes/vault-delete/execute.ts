/**
 * The `paytrace.vault-delete` executor.
 *
 * @module
 */
import { PermanentError, type NodeExecutor } from '@paybridge/engine';
import { implementNode } from '../../../define-node';
import { classifyAnswer } from '../../client/classify-answer';
import { vaultEndpoints } from '../../client/endpoints';
import type { PaytraceRuntime } from '../../client/runtime';
import { clientFor } from '../shared/node-client';
import { paytraceVaultDeleteNode, type PaytraceVaultDeleteConfig } from './definition';

/** Builds the vault delete executor on the runtime's shared PayTrace state. */
export function createVaultDeleteExecutor(
  runtime: PaytraceRuntime,
): NodeExecutor<PaytraceVaultDeleteConfig> {
  return implementNode(paytraceVaultDeleteNode, async (ctx) => {
    const { customerId } = ctx.config;
    const client = clientFor(runtime, ctx);
    const verdict = classifyAnswer(
      await client.call(vaultEndpoints.delete, { customer_id: customerId }),
    );
    if (verdict.kind === 'refused') {
      if (!verdict.error.has(30)) throw verdict.error;
      return { port: 'out', output: { customerId, deleted: false, alreadyGone: true } };
    }
    if (verdict.kind === 'declined') {
      throw new PermanentError(
        'PAYTRACE_VAULT_DECLINED',
        `PayTrace kept the profile: ${verdict.reason}`,
      );
    }
    return { port: 'out', output: { customerId, deleted: true, alreadyGone: false } };
  });
}
