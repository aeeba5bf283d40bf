/**
 * `erp.credit-memo`: a return or refund: the credit memo, applied to the invoice, with the
 * refund paid out.
 *
 * @module
 */
import { z } from 'zod';
import { defineNode } from '../../../define-node';
import {
  ERP_CONNECTION,
  ERP_RETRY,
  ErpPostingOutput,
  POSTING_DOCS,
  erpConnectionField,
  mappingField,
} from '../shared/node-config';

/** A Shopify refund (the `refunds/create` webhook) as a credit memo refunded in full by card. */
export const DEFAULT_CREDIT_MEMO_MAPPING = `(
  $refunds := transactions[kind = "refund" and status = "success"];
  {
    "externalRef": "shopify-refund-" & $string(id),
    "invoiceRef": "shopify-order-" & $string(order_id),
    "currency": $refunds[0].currency,
    "date": created_at,
    "lines": [refund_line_items.{
      "description": line_item.title,
      "quantity": quantity,
      "unitAmount": line_item.price
    }],
    "tax": [refund_line_items.total_tax],
    "shipping": [order_adjustments[kind = "shipping_refund"].$replace(amount, "-", "")],
    "refundAmount": [$refunds.amount]
  }
)`;

export const erpCreditMemoNode = defineNode({
  type: 'erp.credit-memo',
  version: 1,
  kind: 'action',
  title: 'ERP credit memo',
  description: 'Post a credit memo against an invoice, with its refund.',
  category: 'erp',
  icon: 'receipt',
  config: z.object({
    connectionId: erpConnectionField,
    mapping: mappingField(DEFAULT_CREDIT_MEMO_MAPPING),
  }),
  input: z.unknown(),
  output: ErpPostingOutput,
  ports: { inputs: ['in'], outputs: ['out'] },
  effects: true,
  retry: ERP_RETRY,
  rawExpressionFields: ['mapping'],
  connection: ERP_CONNECTION,
  docs: `${POSTING_DOCS}

Of the memo's total, \`refundAmount\` is paid back (card clearing); the rest reduces the
invoice's open balance as far as it goes and any remainder stays as customer credit: no balance
ever goes below zero. Without \`customerRef\` the invoice's customer is used. In QuickBooks
Online a full refund is a RefundReceipt; otherwise a CreditMemo applied by a Payment, with a
refund journal entry.`,
});
