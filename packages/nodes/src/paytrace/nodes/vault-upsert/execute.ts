/**
 * The `paytrace.vault-upsert` executor: create, and on 171 (id exists) update.
 *
 * @module
 */
import { PermanentError, type NodeExecutor } from '@paybridge/engine';
import type { z } from 'zod';
import { implementNode } from '../../../define-node';
import { classifyAnswer } from '../../client/classify-answer';
import { PaytraceRefusedError } from '../../client/errors';
import { lastFour } from '../../client/records';
import type { PaytraceRuntime } from '../../client/runtime';
import type { CustomerAnswer } from '../../client/wire/answers';
import { clientFor } from '../shared/node-client';
import {
  paytraceVaultUpsertNode,
  type PaytraceVaultUpsertConfig,
  type VaultUpsertOutput,
} from './definition';
import { createProfile, updateProfile } from './requests';

/** The answer if PayTrace accepted it; its refusal (or an unexpected decline) otherwise. */
function accepted(answer: CustomerAnswer): { ok: true } | { ok: false; error: PermanentError } {
  const verdict = classifyAnswer(answer);
  if (verdict.kind === 'approved') return { ok: true };
  if (verdict.kind === 'refused') return { ok: false, error: verdict.error };
  return {
    ok: false,
    error: new PermanentError(
      'PAYTRACE_VAULT_DECLINED',
      `PayTrace did not save the profile: ${verdict.reason}`,
    ),
  };
}

/** Builds the vault upsert executor on the runtime's shared PayTrace state. */
export function createVaultUpsertExecutor(
  runtime: PaytraceRuntime,
): NodeExecutor<PaytraceVaultUpsertConfig> {
  return implementNode(paytraceVaultUpsertNode, async (ctx) => {
    const client = clientFor(runtime, ctx);
    const config = ctx.config;
    const created = await createProfile(client, config);
    const first = accepted(created);
    let output: z.infer<typeof VaultUpsertOutput>;
    if (first.ok) {
      output = {
        customerId: config.customerId,
        action: 'created',
        cardReplaced: true,
        cardLastFour: lastFour(created.masked_card_number),
      };
    } else {
      const exists = first.error instanceof PaytraceRefusedError && first.error.has(171);
      if (!exists) throw first.error;
      const updated = await updateProfile(client, config);
      const second = accepted(updated);
      if (!second.ok) throw second.error;
      output = {
        customerId: config.customerId,
        action: 'updated',
        cardReplaced: config.source.kind === 'keyed',
        cardLastFour: lastFour(updated.masked_card_number),
      };
    }
    return { port: 'out', output };
  });
}
