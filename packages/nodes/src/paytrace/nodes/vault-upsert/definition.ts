/**
 * `paytrace.vault-upsert`: store a card in PayTrace's customer vault under the merchant's id,
 * creating the profile or updating it when the id exists.
 *
 * @module
 */
import { z } from 'zod';
import { defineNode } from '../../../define-node';
import {
  billingAddressField,
  connectionIdField,
  customerIdField,
  encryptedValueField,
  transactionIdField,
} from '../shared/fields';
import { PAYTRACE_RETRY } from '../shared/retry';

/** Where the profile's card comes from; never a clear card number. */
export const VaultCardSource = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('protect').meta({ title: 'Protect.js token' }),
      hpfToken: z.string().min(1).max(4096).meta({ title: 'hpf_token' }),
      encKey: z.string().min(1).max(4096).meta({ title: 'enc_key' }),
    })
    .meta({ title: 'Protect.js token' }),
  z
    .object({
      kind: z.literal('transaction').meta({ title: 'Previous transaction' }),
      transactionId: transactionIdField,
    })
    .meta({ title: 'Card of a previous transaction' }),
  z
    .object({
      kind: z.literal('keyed').meta({ title: 'Keyed (encrypted)' }),
      encryptedNumber: encryptedValueField.meta({ title: 'Encrypted card number' }),
      encryptedCsc: encryptedValueField.optional().meta({ title: 'Encrypted CSC' }),
      expirationMonth: z.int().min(1).max(12).meta({ title: 'Expiry month' }),
      expirationYear: z.int().min(2000).max(2099).meta({ title: 'Expiry year (4 digits)' }),
    })
    .meta({ title: 'Keyed, encrypted in the browser' }),
]);
/** A vault card source. */
export type VaultCardSource = z.infer<typeof VaultCardSource>;

/** What the node emits. */
export const VaultUpsertOutput = z.object({
  customerId: z.string(),
  action: z.enum(['created', 'updated']),
  /** False when an existing profile kept its card (see the docs). */
  cardReplaced: z.boolean(),
  cardLastFour: z.string().nullable(),
});

/** Creates or updates a vault profile. */
export const paytraceVaultUpsertNode = defineNode({
  type: 'paytrace.vault-upsert',
  version: 1,
  kind: 'action',
  title: 'PayTrace vault: save card',
  description: 'Create a customer vault profile, or update it when the id exists.',
  category: 'paytrace',
  icon: 'wallet',
  config: z.object({
    connectionId: connectionIdField,
    customerId: customerIdField,
    source: VaultCardSource.meta({
      title: 'Card',
      description: 'Protect.js token, previous transaction, or encrypted keyed entry.',
    }),
    billingAddress: billingAddressField,
    email: z.email().max(254).optional().meta({ title: 'Email' }),
    phone: z.string().max(40).optional().meta({ title: 'Phone' }),
  }),
  output: VaultUpsertOutput,
  ports: { inputs: ['in'], outputs: ['out', 'error'] },
  effects: true,
  retry: PAYTRACE_RETRY,
  connection: { type: 'paytrace', field: 'connectionId' },
  docs: `Saves a card in PayTrace's customer vault under **Customer id** (your own id), so later
charges can use the profile instead of card data. The card comes from a Protect.js token, from a
previous transaction, or — when the connection allows keyed entry — from values encrypted in the
browser with PayTrace's client-side encryption.

When PayTrace says the id exists (171), the profile is updated instead (\`action: "updated"\`).
PayTrace confirms a card update only for keyed values: for a Protect.js token or a previous
transaction, the existing profile's billing address, email and phone are updated and its card is
kept (\`cardReplaced: false\`); delete the profile first to replace that card.

Saving is naturally repeatable (create, or update the same id), so a retry after a lost answer
simply saves again.`,
});

/** Vault upsert config after defaults. */
export type PaytraceVaultUpsertConfig = z.infer<typeof paytraceVaultUpsertNode.config>;
