/**
 * `paytrace.refund`: give money back for a settled transaction, in full or in part.
 *
 * @module
 */
import { z } from 'zod';
import { defineNode } from '../../../define-node';
import {
  amountField,
  connectionIdField,
  currencyField,
  transactionIdField,
} from '../shared/fields';
import { PAYMENT_PORTS, PaymentOutput } from '../shared/outputs';
import { PAYTRACE_RETRY } from '../shared/retry';

/** Refunds a settled transaction, exactly once per flow event. */
export const paytraceRefundNode = defineNode({
  type: 'paytrace.refund',
  version: 1,
  kind: 'action',
  title: 'PayTrace refund',
  description: 'Refund a settled sale or capture, in full or in part.',
  category: 'paytrace',
  icon: 'undo-2',
  config: z.object({
    connectionId: connectionIdField,
    transactionId: transactionIdField.meta({ title: 'Transaction id to refund' }),
    amount: amountField('Amount', 1)
      .optional()
      .meta({ title: 'Amount', description: 'Minor units; empty refunds what is left in full.' }),
    currency: currencyField,
    voidIfUnsettled: z
      .boolean()
      .default(false)
      .meta({
        title: 'Void if not settled yet',
        description:
          'PayTrace refunds settled transactions only (817). On: a full refund of an unsettled ' +
          'transaction voids it instead.',
        widget: 'switch',
      }),
  }),
  output: PaymentOutput,
  ports: PAYMENT_PORTS,
  effects: true,
  retry: PAYTRACE_RETRY,
  connection: { type: 'paytrace', field: 'connectionId' },
  docs: `Refunds a settled sale or captured authorization. Without **Amount** PayTrace refunds in
full (the output's \`amount\` is then null); partial refunds never exceed what was captured. The
refund gets its own transaction id (\`transactionId\`; the refunded one is \`targetTransactionId\`).

A transaction that has not settled cannot be refunded (\`error\`, PayTrace code 817). With **Void
if not settled yet**, a full refund (no amount, or the transaction's whole amount) voids it
instead and emits \`operation: "void"\`; a partial refund of an unsettled transaction still fails.

**Exactly once**: the refund is sent with an invoice id derived from the flow, event and node, so a
refund whose answer was lost is found by it after the connection's unknown-outcome wait instead of
being sent twice. The void-instead is recorded separately.`,
});

/** Refund config after defaults. */
export type PaytraceRefundConfig = z.infer<typeof paytraceRefundNode.config>;
