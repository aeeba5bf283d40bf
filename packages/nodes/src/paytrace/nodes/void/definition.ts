/**
 * `paytrace.void`: cancel a transaction before it settles.
 *
 * @module
 */
import { z } from 'zod';
import {
  businessReferenceField,
  BUSINESS_REFERENCE_DOCS,
} from '../../../effects/business-reference-field';
import { defineNode } from '../../../define-node';
import { connectionIdField, transactionIdField } from '../shared/fields';
import { PAYMENT_PORTS, PaymentOutput } from '../shared/outputs';
import { PAYTRACE_RETRY } from '../shared/retry';

/** Voids a transaction pending settlement, exactly once per flow event. */
export const paytraceVoidNode = defineNode({
  type: 'paytrace.void',
  version: 1,
  kind: 'action',
  title: 'PayTrace void',
  description: 'Cancel a sale, capture, authorization or refund before it settles.',
  category: 'paytrace',
  icon: 'ban',
  config: z.object({
    connectionId: connectionIdField,
    transactionId: transactionIdField,
    businessReference: businessReferenceField,
  }),
  output: PaymentOutput,
  ports: PAYMENT_PORTS,
  effects: true,
  retry: PAYTRACE_RETRY,
  connection: { type: 'paytrace', field: 'connectionId' },
  docs: `Voids a transaction that has not settled yet (an uncaptured authorization, or a sale,
capture or refund pending settlement). The output's \`amount\` is null: a void cancels the whole
transaction. A settled transaction cannot be voided (\`error\`, PayTrace code 818): refund it
instead.

**Exactly once**: after a lost answer the node waits the connection's unknown-outcome wait and
exports the transaction: voided means done; otherwise it voids it.

${BUSINESS_REFERENCE_DOCS}`,
});

/** Void config after defaults. */
export type PaytraceVoidConfig = z.infer<typeof paytraceVoidNode.config>;
