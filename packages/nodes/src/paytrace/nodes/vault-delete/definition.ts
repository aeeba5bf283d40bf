/**
 * `paytrace.vault-delete`: remove a customer vault profile.
 *
 * @module
 */
import { z } from 'zod';
import { defineNode } from '../../../define-node';
import { connectionIdField, customerIdField } from '../shared/fields';
import { PAYTRACE_RETRY } from '../shared/retry';

/** What the node emits. */
export const VaultDeleteOutput = z.object({
  customerId: z.string(),
  /** True when this call deleted the profile. */
  deleted: z.boolean(),
  /** True when PayTrace had no such profile (30): the goal is reached all the same. */
  alreadyGone: z.boolean(),
});

/** Deletes a vault profile; a missing one counts as done. */
export const paytraceVaultDeleteNode = defineNode({
  type: 'paytrace.vault-delete',
  version: 1,
  kind: 'action',
  title: 'PayTrace vault: delete profile',
  description: 'Delete a customer vault profile and its stored card.',
  category: 'paytrace',
  icon: 'trash-2',
  config: z.object({ connectionId: connectionIdField, customerId: customerIdField }),
  output: VaultDeleteOutput,
  ports: { inputs: ['in'], outputs: ['out', 'error'] },
  effects: true,
  retry: PAYTRACE_RETRY,
  connection: { type: 'paytrace', field: 'connectionId' },
  docs: `Deletes the profile **Customer id** from PayTrace's vault. A profile that does not exist
(PayTrace code 30) is a success with \`alreadyGone: true\`, so deleting is safe to repeat after a
lost answer.`,
});

/** Vault delete config after defaults. */
export type PaytraceVaultDeleteConfig = z.infer<typeof paytraceVaultDeleteNode.config>;
