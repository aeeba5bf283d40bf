/**
 * `paytrace.await-payment`: the durable wait for the shopper to pay on the hosted pay page, then
 * the sale by Protect.js token and the vault profile. Browser-safe.
 *
 * @module
 */
import { z } from 'zod';
import { defineNode } from '../../../define-node';
import { MoneyValue } from '../shared/outputs';
import { connectionIdField, customerIdField } from '../shared/fields';
import { PAYTRACE_RETRY } from '../shared/retry';

/** What the step emits on `approved` and `expired`. */
export const AwaitPaymentOutput = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('approved'),
    linkId: z.string(),
    orderRef: z.string(),
    transactionId: z.string(),
    amount: MoneyValue,
    approvalCode: z.string(),
    cardLastFour: z.string().nullable(),
    /** The vault profile created from the transaction; null when none was asked for or saved. */
    customerVaultId: z.string().nullable(),
    /** Why the profile was not saved, when it was asked for and PayTrace refused it. */
    vaultError: z.string().nullable(),
  }),
  z.object({
    status: z.literal('expired'),
    linkId: z.string(),
    orderRef: z.string(),
    expiresAt: z.iso.datetime(),
  }),
]);
/** The await step's output. */
export type AwaitPaymentOutput = z.infer<typeof AwaitPaymentOutput>;

/** Waits for the pay page, charges once, saves the card. */
export const paytraceAwaitPaymentNode = defineNode({
  type: 'paytrace.await-payment',
  version: 1,
  kind: 'action',
  title: 'PayTrace: wait for payment',
  description: 'Wait until the shopper pays on the pay link, then charge and save the card.',
  category: 'paytrace',
  icon: 'hourglass',
  config: z.object({
    connectionId: connectionIdField,
    linkId: z.string().uuid().meta({
      title: 'Pay link id',
      description: 'The link to wait on: =$node("<pay link node>").linkId',
    }),
    vaultCustomerId: customerIdField.optional().meta({
      title: 'Vault customer id',
      description:
        'Save the card as this vault profile after the approval (e.g. the Shopify customer id). Empty: no profile.',
    }),
    description: z.string().max(255).optional().meta({ title: 'Invoice description' }),
    email: z.email().max(254).optional().meta({ title: 'Receipt email' }),
  }),
  output: AwaitPaymentOutput,
  ports: { inputs: ['in'], outputs: ['approved', 'expired', 'error'] },
  effects: true,
  retry: PAYTRACE_RETRY,
  connection: { type: 'paytrace', field: 'connectionId' },
  docs: `Holds the run until the shopper pays on the page of a **PayTrace pay link**, durably (no
worker is held; restarts do not reset it), until the link expires.

When the shopper submits the page, the run wakes at once and charges a PayTrace sale with the
page's Protect.js token (\`hpf_token\` + \`enc_key\`) for the link's amount, then, when
**Vault customer id** is set, creates that vault profile from the transaction.

- **approved**: transaction id, amount, last four digits, \`customerVaultId\`.
- A **decline** does not end the wait: the page shows the reason and the shopper tries again on
  the same link.
- **expired**: nobody paid before the link expired (tag the order \`payment-expired\`).
- **error**: refusals and failures.

**Exactly once**: every try is recorded under the order's sale (the PayTrace connection, the
order reference and \`sale\`, as the sale node records it) before it is sent; a decline lets the
next try go ahead, an approval ends the wait, and no second sale for the order is ever sent,
whatever the number of tries, tabs or retries.`,
});

/** Await-payment config after defaults. */
export type PaytraceAwaitPaymentConfig = z.infer<typeof paytraceAwaitPaymentNode.config>;
