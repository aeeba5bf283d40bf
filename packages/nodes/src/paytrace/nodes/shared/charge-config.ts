/**
 * The config of the charge nodes (sale and authorization): where the card comes from, the amount
 * and the optional Level 2 and AVS fields. Browser-safe.
 *
 * @module
 */
import { z } from 'zod';
import {
  businessReferenceField,
  BUSINESS_REFERENCE_DOCS,
} from '../../../effects/business-reference-field';
import {
  amountField,
  billingAddressField,
  connectionIdField,
  currencyField,
  customerIdField,
  encryptedValueField,
  transactionIdField,
} from './fields';

/**
 * Where the card comes from. Paybridge never takes a clear card number: a vault profile, a
 * Protect.js token from PayTrace's hosted fields, a previous transaction's card, or (when the
 * connection allows keyed entry) values encrypted in the browser by PayTrace's library.
 */
export const ChargeSource = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('vault').meta({ title: 'Vault profile' }),
      customerId: customerIdField,
    })
    .meta({ title: 'Vault profile' }),
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
/** A charge's card source. */
export type ChargeSource = z.infer<typeof ChargeSource>;

/** The config of a charge node whose amount must be at least `minAmount` minor units. */
export function chargeConfig(minAmount: number) {
  return z.object({
    connectionId: connectionIdField,
    source: ChargeSource.meta({
      title: 'Card',
      description:
        'Vault profile, Protect.js token, previous transaction, or encrypted keyed entry.',
    }),
    amount: amountField('Amount', minAmount),
    currency: currencyField,
    description: z.string().max(255).optional().meta({ title: 'Invoice description' }),
    email: z.email().max(254).optional().meta({ title: 'Receipt email' }),
    billingAddress: billingAddressField,
    customerReferenceId: z
      .string()
      .max(64)
      .optional()
      .meta({ title: 'Customer reference (PO)', description: 'Level 2 purchase order number.' }),
    taxAmount: amountField('Tax amount', 0)
      .optional()
      .meta({ title: 'Tax amount', description: 'Level 2; integer minor units.' }),
    businessReference: businessReferenceField,
  });
}
/** A charge node's config after defaults. */
export type ChargeConfig = z.infer<ReturnType<typeof chargeConfig>>;

/** Docs shared by the sale and authorization nodes. */
export const CHARGE_DOCS = `**Card**: a vault profile (\`customerId\`), a Protect.js token pair
(\`hpfToken\` + \`encKey\` from PayTrace's hosted fields), the card of a previous transaction, or —
only when the connection allows keyed entry — card values encrypted in the browser with PayTrace's
client-side encryption (\`encryptedNumber\`, optional \`encryptedCsc\`, expiry). Clear card
numbers are never accepted.

**Amount** is integer minor units (\`1050\` = $10.50); PayTrace processes USD only.

**Ports**: \`approved\` with the transaction id, amount, approval code, AVS and CSC results and the
card's last four digits; \`declined\` with PayTrace's reason (\`EXPIRED CARD - Expired card\`), AVS and
CSC results — an approval PayTrace voided for AVS/CSC (103) is a decline; \`error\` for refusals
(invalid input, with PayTrace's error codes) and failures.

**Exactly once**: the charge is recorded before it is sent under its business reference — by
default the PayTrace connection, the Shopify order id of the run's trigger (\`$trigger.body.id\`)
and the operation — with an invoice id derived from it. A retry, a crash recovery, a replay, a
second event for the order, an imported copy of the flow or another flow charging the same order
gets the recorded transaction back when the amount is the same, and \`IDEMPOTENCY_CONFLICT\` when
it differs. If an answer was lost (timeout, reset, 5xx), the node waits the connection's
unknown-outcome wait, then finds the charge by its invoice id instead of charging again. A replay
after a decline tries again.

${BUSINESS_REFERENCE_DOCS}`;
