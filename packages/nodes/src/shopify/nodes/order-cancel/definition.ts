import { z } from 'zod';
import {
  businessReferenceField,
  BUSINESS_REFERENCE_DOCS,
} from '../../../effects/business-reference-field';
import { defineNode } from '../../../define-node';
import { CANCEL_REASONS } from '../../graphql/order-cancel';
import {
  connectionIdField,
  orderIdField,
  SHOPIFY_CONNECTION,
  SHOPIFY_PORTS,
} from '../shared/fields';

/** What cancelling did, as the effect ledger records it. */
export const ShopifyOrderCancelWrite = z.object({
  orderId: z.string(),
  legacyId: z.string(),
  orderName: z.string(),
  /**
   * `cancelled`: this step cancelled it. `requested`: Shopify accepted the cancellation and its
   * job was still running when the step ended. `none`: the order was cancelled already.
   */
  action: z.enum(['cancelled', 'requested', 'none']),
  alreadyCancelled: z.boolean(),
  cancelledAt: z.string().nullable(),
  /** Shopify's reason (FRAUD, CUSTOMER, …), null while the job runs. */
  cancelReason: z.string().nullable(),
  financialStatus: z.string().nullable(),
  /** The job Shopify cancels in (poll it with `job(id:)`), null when nothing was sent. */
  jobId: z.string().nullable(),
});
export type ShopifyOrderCancelWrite = z.infer<typeof ShopifyOrderCancelWrite>;

/** What order-cancel emits. */
export const ShopifyOrderCancelResult = ShopifyOrderCancelWrite.extend({
  origin: z.enum(['shopify', 'ledger', 'lookup']),
});
export type ShopifyOrderCancelResult = z.infer<typeof ShopifyOrderCancelResult>;

/** Cancels an order, exactly once; an order cancelled already is a success. */
export const shopifyOrderCancelNode = defineNode({
  type: 'shopify.order-cancel',
  version: 1,
  kind: 'action',
  title: 'Cancel order',
  description: 'Cancel a Shopify order with a reason and a staff note, e.g. after a fraud review.',
  category: 'shopify',
  icon: 'ban',
  config: z.object({
    connectionId: connectionIdField,
    orderId: orderIdField,
    businessReference: businessReferenceField,
    reason: z.enum(CANCEL_REASONS).default('OTHER').meta({
      title: 'Reason',
      description: 'FRAUD, CUSTOMER, DECLINED (payment declined), INVENTORY, STAFF or OTHER.',
      widget: 'select',
    }),
    staffNote: z.string().trim().max(1000).optional().meta({
      title: 'Staff note',
      description: 'Shown to staff on the order, never to the customer.',
      widget: 'textarea',
    }),
    notifyCustomer: z.boolean().default(false).meta({
      title: 'Notify customer',
      description: 'Shopify emails the customer that the order was cancelled.',
    }),
    refund: z
      .boolean()
      .default(false)
      .meta({
        title: 'Refund payments',
        description:
          'Refund what was paid to the original payment method. Off: only an uncaptured ' +
          'authorization is released (Shopify always releases it).',
      }),
    restock: z.boolean().default(true).meta({
      title: 'Restock items',
      description: 'Return the items to inventory.',
    }),
  }),
  output: ShopifyOrderCancelResult,
  ports: SHOPIFY_PORTS,
  effects: true,
  connection: SHOPIFY_CONNECTION,
  docs: `Cancels the order with Shopify's \`orderCancel\`. Cancelling cannot be undone.

- **Once per order**: the order is read first; an order cancelled already (by this step, another
  flow or staff) is a **success** with \`alreadyCancelled: true\`, not an error. Retries and
  replays get the recorded result back (\`origin: "ledger"\`).
- Shopify cancels in a background job. The step waits a few seconds for it and reports
  \`action: "cancelled"\`; a job still running then is reported as \`action: "requested"\` (Shopify
  has accepted it; \`jobId\` names the job).
- An uncaptured authorization is released by Shopify in any case. **Refund payments** is off by
  default: money captured outside Shopify (e.g. through PayTrace) is voided or refunded there.
- Refusals go to the **error** port with Shopify's message (an unknown order, for example).
- When an answer is lost the order is read again; the request is only sent again once the
  connection's unknown-outcome wait has passed without the order showing it cancelled.

${BUSINESS_REFERENCE_DOCS}`,
});

/** Order-cancel settings after defaults. */
export type ShopifyOrderCancelConfig = z.infer<typeof shopifyOrderCancelNode.config>;
