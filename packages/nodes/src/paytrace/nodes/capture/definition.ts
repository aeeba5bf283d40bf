/**
 * `paytrace.capture`: collect an authorized amount, in full or in part.
 *
 * @module
 */
import { z } from 'zod';
import {
  businessReferenceField,
  BUSINESS_REFERENCE_DOCS,
} from '../../../effects/business-reference-field';
import { defineNode } from '../../../define-node';
import {
  amountField,
  connectionIdField,
  currencyField,
  transactionIdField,
} from '../shared/fields';
import { PAYMENT_PORTS, PaymentOutput } from '../shared/outputs';
import { PAYTRACE_RETRY } from '../shared/retry';

/** Captures an approved authorization, exactly once per flow event. */
export const paytraceCaptureNode = defineNode({
  type: 'paytrace.capture',
  version: 1,
  kind: 'action',
  title: 'PayTrace capture',
  description: 'Collect an authorized amount, in full or in part.',
  category: 'paytrace',
  icon: 'hand-coins',
  config: z.object({
    connectionId: connectionIdField,
    transactionId: transactionIdField.meta({ title: 'Authorization transaction id' }),
    amount: amountField('Amount', 1).optional().meta({
      title: 'Amount',
      description: 'Minor units; empty captures the full authorization.',
    }),
    currency: currencyField,
    businessReference: businessReferenceField,
  }),
  output: PaymentOutput,
  ports: PAYMENT_PORTS,
  effects: true,
  retry: PAYTRACE_RETRY,
  connection: { type: 'paytrace', field: 'connectionId' },
  docs: `Captures an approved, uncaptured authorization. Without **Amount** PayTrace captures the
full authorized amount (the output's \`amount\` is then null); a smaller amount is a partial
capture. The capture keeps the authorization's transaction id and settles with the next batch.

PayTrace captures an authorization once: a second capture, a voided or declined authorization
fail on \`error\` with PayTrace's code 816; an unknown id with 811.

**Exactly once**: the capture is recorded before it is sent, under its business reference
(default: the connection, the Shopify order id of the run's trigger and \`capture\`). After a lost answer the node waits
the connection's unknown-outcome wait, then checks the authorization: settled means captured;
still pending is asked again, which is safe because PayTrace refuses a second capture (816 then
confirms the first).

${BUSINESS_REFERENCE_DOCS}`,
});

/** Capture config after defaults. */
export type PaytraceCaptureConfig = z.infer<typeof paytraceCaptureNode.config>;
