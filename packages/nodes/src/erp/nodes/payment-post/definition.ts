/**
 * `erp.payment-post`: a card payment applied to its invoice.
 *
 * @module
 */
import { z } from 'zod';
import { defineNode } from '../../../define-node';
import { PaymentInput } from '../../documents';
import {
  ERP_CONNECTION,
  ERP_RETRY,
  ErpPostingOutput,
  POSTING_DOCS,
  erpConnectionField,
  mappingField,
} from '../shared/node-config';

/**
 * After a PayTrace sale or capture (its output), for the order that triggered the flow: the
 * Shopify event's `body` (or a trigger that carries the order itself). Only an approved payment
 * with an amount is posted; anything else fails with a message naming what is missing.
 */
export const DEFAULT_PAYMENT_MAPPING = `(
  $order := $exists($trigger.body) ? $trigger.body : $trigger;
  {
    "externalRef": transactionId ? "paytrace-" & $string(transactionId),
    "invoiceRef": $order.id ? "shopify-order-" & $string($order.id),
    "currency": amount.currency,
    "amount": amount.minor,
    "date": $now()
  }
)`;

export const erpPaymentPostNode = defineNode({
  type: 'erp.payment-post',
  version: 1,
  kind: 'action',
  title: 'ERP payment',
  description: 'Apply a payment to its invoice; partial payments keep the rest open.',
  category: 'erp',
  icon: 'banknote',
  config: z.object({
    connectionId: erpConnectionField,
    mapping: mappingField(DEFAULT_PAYMENT_MAPPING),
  }),
  input: z.unknown(),
  output: ErpPostingOutput,
  ports: { inputs: ['in'], outputs: ['out'] },
  effects: true,
  retry: ERP_RETRY,
  rawExpressionFields: ['mapping'],
  mappingTarget: { field: 'mapping', schema: PaymentInput },
  connection: ERP_CONNECTION,
  docs: `${POSTING_DOCS}

A payment larger than the invoice's open balance is refused. The default mapping takes an
approved PayTrace sale (reference \`paytrace-<transaction id>\`) for the order in \`$trigger\`.
The money is posted to card clearing (undeposited funds) until the settlement batch.`,
});
