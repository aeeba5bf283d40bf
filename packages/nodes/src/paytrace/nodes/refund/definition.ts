/**
 * `paytrace.refund`: give money back for a settled transaction, in full or in part.
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
          'transaction voids it instead. Same as "If not settled yet: void".',
        widget: 'switch',
      }),
    whenUnsettled: z
      .enum(['fail', 'void', 'wait'])
      .optional()
      .meta({
        title: 'If not settled yet',
        description:
          'fail (817); void (a full refund only); wait: wait for the batch to settle, then ' +
          'refund (any amount). Empty: void when "Void if not settled yet" is on, else fail.',
        widget: 'select',
      }),
    settlementCheckSeconds: z.int().min(1).max(86_400).default(1800).meta({
      title: 'Check settlement every (seconds)',
      description: 'With wait: how often PayTrace is asked whether the transaction settled.',
      widget: 'number',
    }),
    settlementWaitHours: z.int().min(1).max(720).default(96).meta({
      title: 'Wait for settlement at most (hours)',
      description: 'With wait: then the step fails with PAYTRACE_SETTLEMENT_TIMEOUT.',
      widget: 'number',
    }),
    businessReference: businessReferenceField,
  }),
  output: PaymentOutput,
  ports: PAYMENT_PORTS,
  effects: true,
  retry: PAYTRACE_RETRY,
  connection: { type: 'paytrace', field: 'connectionId' },
  docs: `Refunds a settled sale or captured authorization. Without **Amount** PayTrace refunds in
full (the output's \`amount\` is then null); partial refunds never exceed what was captured. The
refund gets its own transaction id (\`transactionId\`; the refunded one is \`targetTransactionId\`).

A transaction that has not settled cannot be refunded (\`error\`, PayTrace code 817). **If not
settled yet** chooses what happens then:

- **fail** (the default): \`error\` with PayTrace's 817.
- **void** (or **Void if not settled yet** on): a full refund (no amount, or the transaction's
  whole amount) voids it instead and emits \`operation: "void"\`; a partial refund still fails
  (\`PAYTRACE_PARTIAL_VOID\`).
- **wait**: the step asks PayTrace every **Check settlement every** seconds (30 minutes by default) whether the
  transaction settled (the run waits durably, surviving restarts, and nothing is sent meanwhile),
  then refunds any amount, partial or full. After **Wait for settlement at most** hours it fails
  with \`PAYTRACE_SETTLEMENT_TIMEOUT\`.

**Never more than was refunded or captured**: when the run comes from a Shopify refund
(\`refunds/create\`), the PayTrace refund may not exceed what Shopify recorded as refunded by it
(its refund transactions): \`REFUND_EXCEEDS_SHOPIFY_REFUND\`. It may never exceed what the
transaction captured minus what the effect records already refunded from it, in any flow:
\`REFUND_EXCEEDS_CAPTURED\`. Both are checked before anything is sent.

**Exactly once**: the refund is recorded under its business reference — by default the PayTrace
connection, the Shopify order id and the Shopify refund id (\`$trigger.body.order_id\`,
\`$trigger.body.id\` of a \`refunds/create\` event) — and sent with an invoice id derived from it,
so a second event for the same Shopify refund (a run by hand, the reconciliation poller) gets the
recorded refund back, and a refund whose answer was lost is found by its invoice id after the
connection's unknown-outcome wait instead of being sent twice. From an order event the default is
the order id and \`refund\` (one refund per order: set **Business reference** for more). The
void-instead is recorded separately.

${BUSINESS_REFERENCE_DOCS}`,
});

/** Refund config after defaults. */
export type PaytraceRefundConfig = z.infer<typeof paytraceRefundNode.config>;
